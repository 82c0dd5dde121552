import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { orders } from '../orders/orders.table.ts';
import { users } from '../users/users.table.ts';
import { creditAccounts, invoices } from './receivables.table.ts';

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/** Orders that still tie up credit: submitted up to delivered. */
export const OPEN_ORDER_STATUSES = ['submitted', 'approved', 'inProduction', 'shipped', 'delivered'] as const;

export interface CreditPositionRow {
  limit: string | null;
  currency: string;
  rating: string | null;
  suspended: boolean;
  suspendedReason: string | null;
  suspendedAt: Date | null;
  openReceivables: string;
  openOrders: string;
  overdue: string;
  maxDaysOverdue: number;
}

/**
 * A customer's credit position on the local date `today`, in one statement over the customer's
 * indexes: open invoices' unpaid amounts and open orders not yet invoiced (in the limit's currency;
 * `excludeOrderId` is the order being checked), overdue debt in any currency, suspension.
 */
export async function creditPosition(
  tx: Db,
  orgId: string,
  customerId: string,
  today: string,
  excludeOrderId: string | null,
): Promise<CreditPositionRow | undefined> {
  const statuses = sql.join(
    OPEN_ORDER_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const [r] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with c as (
        select c.credit_limit, coalesce(c.credit_limit_currency, 'CNY') as currency, c.credit_rating
        from ${customers} c where c.org_id = ${orgId} and c.id = ${customerId} and c.deleted_at is null
      ),
      inv as (
        select i.currency, i.amount - i.paid_amount as open, i.due_date from ${invoices} i
        where i.org_id = ${orgId} and i.customer_id = ${customerId} and i.status = 'open' and i.deleted_at is null
      )
      select c.credit_limit::text as "limit", c.currency, c.credit_rating as rating,
        coalesce(ca.suspended, false) as suspended, ca.suspended_reason as "suspendedReason",
        ca.suspended_at as "suspendedAt",
        (select coalesce(sum(open), 0)::text from inv where inv.currency = c.currency) as "openReceivables",
        (select coalesce(sum(open), 0)::text from inv where inv.currency = c.currency and inv.due_date < ${today}::date) as overdue,
        (select coalesce(max(${today}::date - due_date), 0)::int from inv where inv.due_date < ${today}::date) as "maxDaysOverdue",
        (select coalesce(sum(greatest(o.total - coalesce((
            select sum(v.amount) from ${invoices} v
            where v.org_id = o.org_id and v.order_id = o.id and v.status <> 'void' and v.deleted_at is null), 0), 0)), 0)::text
          from ${orders} o
          where o.org_id = ${orgId} and o.customer_id = ${customerId} and o.deleted_at is null
            and o.status in (${statuses}) and o.currency = c.currency
            and (${excludeOrderId}::uuid is null or o.id <> ${excludeOrderId}::uuid)) as "openOrders"
      from c left join ${creditAccounts} ca on ca.org_id = ${orgId} and ca.customer_id = ${customerId}`),
  );
  if (!r) return undefined;
  return {
    ...(r as unknown as CreditPositionRow),
    suspendedAt: r.suspendedAt ? new Date(r.suspendedAt as string) : null,
    maxDaysOverdue: Number(r.maxDaysOverdue),
  };
}

export async function findCreditAccount(tx: Db, orgId: string, customerId: string) {
  const r = await tx
    .select()
    .from(creditAccounts)
    .where(and(eq(creditAccounts.orgId, orgId), eq(creditAccounts.customerId, customerId)))
    .for('update');
  return r[0];
}

export async function saveCreditAccount(tx: Db, row: typeof creditAccounts.$inferInsert): Promise<void> {
  const { orgId: _o, customerId: _c, ...set } = row;
  await tx
    .insert(creditAccounts)
    .values(row)
    .onConflictDoUpdate({ target: [creditAccounts.orgId, creditAccounts.customerId], set });
}

/** Orders on credit hold (orders clears credit_hold on release), oldest first, within the customer scope. */
export async function listHolds(tx: Db, actor: Actor, limit: number) {
  return tx
    .select({
      id: orders.id,
      number: orders.number,
      customerId: orders.customerId,
      customerName: customers.name,
      status: orders.status,
      currency: orders.currency,
      total: orders.total,
      creditHold: sql<string>`${orders.creditHold}`,
      creditHoldDetails: orders.creditHoldDetails,
      submittedAt: orders.submittedAt,
      ownerId: orders.ownerId,
      ownerName: users.name,
    })
    .from(orders)
    .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
    .leftJoin(users, and(eq(users.orgId, orders.orgId), eq(users.id, orders.ownerId)))
    .where(
      and(
        eq(orders.orgId, actor.orgId),
        sql`${orders.creditHold} is not null`,
        isNull(orders.deletedAt),
        sql`${orders.status} <> 'cancelled'`,
        customersVisibleTo(actor),
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(limit);
}

/** The order's customer when the actor sees it (release-hold checks visibility before acting). */
export async function findOrderCustomer(tx: Db, actor: Actor, orderId: string) {
  const r = await tx
    .select({ id: orders.id, customerId: orders.customerId, creditHold: orders.creditHold })
    .from(orders)
    .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
    .where(
      and(
        eq(orders.orgId, actor.orgId),
        eq(orders.id, orderId),
        isNull(orders.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .limit(1);
  return r[0];
}
