import { and, asc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { countCapped, keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { roles } from '../access/access.table.ts';
import { ownedRecordsVisibleTo } from '../org-structure/index.ts';
import { users } from '../users/users.table.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { orderEvents, orderLines, orders, shipments, type OrderStatus } from './orders.table.ts';
import type { QueueClause } from './order-flow.ts';

/**
 * Which orders an actor sees: the data scope applied to the order's owner, team and department
 * (own: owner; team: the team, or owned; department: the department subtree, or owned). Finance
 * and logistics have the organisation scope in the built-in roles.
 */
export function ordersVisibleTo(actor: Actor): SQL | undefined {
  return ownedRecordsVisibleTo(actor, orders);
}

const owner = alias(users, 'order_owner');

const columns = {
  id: orders.id,
  version: orders.version,
  createdAt: orders.createdAt,
  createdBy: orders.createdBy,
  updatedAt: orders.updatedAt,
  updatedBy: orders.updatedBy,
  number: orders.number,
  customerId: orders.customerId,
  customerName: customers.name,
  quoteId: orders.quoteId,
  opportunityId: orders.opportunityId,
  status: orders.status,
  source: orders.source,
  currency: orders.currency,
  subtotal: orders.subtotal,
  discountTotal: orders.discountTotal,
  taxTotal: orders.taxTotal,
  total: orders.total,
  costTotal: orders.costTotal,
  profit: orders.profit,
  prepaymentPct: orders.prepaymentPct,
  creditDays: orders.creditDays,
  deliveryAddress: orders.deliveryAddress,
  creditHold: orders.creditHold,
  creditHoldDetails: orders.creditHoldDetails,
  creditReleasedAt: orders.creditReleasedAt,
  submittedAt: orders.submittedAt,
  approvedAt: orders.approvedAt,
  shippedAt: orders.shippedAt,
  deliveredAt: orders.deliveredAt,
  completedAt: orders.completedAt,
  cancelledAt: orders.cancelledAt,
  cancelReason: orders.cancelReason,
  notes: orders.notes,
  ownerId: orders.ownerId,
  ownerName: owner.name,
  teamId: orders.teamId,
  departmentId: orders.departmentId,
  tags: orders.tags,
};

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(orders)
    .leftJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
    .leftJoin(owner, and(eq(owner.orgId, orders.orgId), eq(owner.id, orders.ownerId)));
}

export type OrderRow = Awaited<ReturnType<typeof findOrder>> & object;

export async function findOrder(
  tx: Db,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean; lock?: boolean } = {},
) {
  if (opts.lock)
    await tx.execute(sql`select 1 from ${orders} where org_id = ${actor.orgId} and id = ${id} for update`);
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(orders.orgId, actor.orgId),
        eq(orders.id, id),
        opts.deleted ? isNotNull(orders.deletedAt) : isNull(orders.deletedAt),
        ordersVisibleTo(actor),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface OrderFilter {
  status?: OrderStatus;
  customerId?: string;
  ownerId?: string;
  onHold?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
  /** ILIKE pattern on the number and the customer's name. */
  like?: string;
  /** A department's work queue. */
  queue?: QueueClause[];
}

function queueCondition(clauses: QueueClause[]): SQL {
  if (!clauses.length) return sql`false`;
  return or(
    ...clauses.map((c) =>
      and(
        eq(orders.status, c.status),
        c.hold === 'on'
          ? isNotNull(orders.creditHold)
          : c.hold === 'off'
            ? isNull(orders.creditHold)
            : c.hold === 'released'
              ? and(isNull(orders.creditHold), isNotNull(orders.creditReleasedAt))
              : undefined,
      ),
    ),
  )!;
}

/** The list's, the queue's and the export's conditions: tenant, live, data scope, filters. */
export function orderConditions(actor: Actor, f: OrderFilter): SQL[] {
  const c: SQL[] = [eq(orders.orgId, actor.orgId), isNull(orders.deletedAt)];
  const scope = ordersVisibleTo(actor);
  if (scope) c.push(scope);
  if (f.status) c.push(eq(orders.status, f.status));
  if (f.customerId) c.push(eq(orders.customerId, f.customerId));
  if (f.ownerId) c.push(eq(orders.ownerId, f.ownerId));
  if (f.onHold !== undefined) c.push(f.onHold ? isNotNull(orders.creditHold) : isNull(orders.creditHold));
  if (f.createdFrom) c.push(gte(orders.createdAt, f.createdFrom));
  if (f.createdTo) c.push(lt(orders.createdAt, f.createdTo));
  if (f.queue) c.push(queueCondition(f.queue));
  if (f.like)
    c.push(
      or(
        sql`${orders.number} ilike ${f.like}`,
        sql`exists (select 1 from ${customers} oc where oc.org_id = ${orders.orgId}
          and oc.id = ${orders.customerId} and oc.name ilike ${f.like})`,
      )!,
    );
  return c;
}

const SORT_COLUMNS = {
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
  total: orders.total,
  number: orders.number,
};

export const LIST_COUNT_CAP = 10_000;

export async function listOrders(
  tx: Db,
  actor: Actor,
  f: OrderFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; count?: boolean },
) {
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, orders.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...orderConditions(actor, f), after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const total = page.count === false ? 0 : await countOrders(tx, actor, f);
  return { rows, total };
}

export async function countOrders(
  tx: Db,
  actor: Actor,
  f: OrderFilter,
  cap: number | null = LIST_COUNT_CAP,
): Promise<number> {
  return countCapped(tx, orders, and(...orderConditions(actor, f)), cap);
}

export async function insertOrder(tx: Db, row: typeof orders.$inferInsert): Promise<void> {
  await tx.insert(orders).values(row);
}

export async function insertLines(tx: Db, rows: (typeof orderLines.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(orderLines).values(rows);
}

export async function deleteLines(tx: Db, orgId: string, orderId: string): Promise<void> {
  await tx.delete(orderLines).where(and(eq(orderLines.orgId, orgId), eq(orderLines.orderId, orderId)));
}

export async function setShippedQuantity(
  tx: Db,
  orgId: string,
  lineId: string,
  shippedQuantity: string,
): Promise<void> {
  await tx
    .update(orderLines)
    .set({ shippedQuantity })
    .where(and(eq(orderLines.orgId, orgId), eq(orderLines.id, lineId)));
}

export async function listLines(tx: Db, orgId: string, orderId: string) {
  return tx
    .select({
      id: orderLines.id,
      position: orderLines.position,
      productId: orderLines.productId,
      sku: orderLines.sku,
      name: orderLines.name,
      unit: orderLines.unit,
      quantity: orderLines.quantity,
      unitPrice: orderLines.unitPrice,
      discountPct: orderLines.discountPct,
      taxRate: orderLines.taxRate,
      lineTotal: orderLines.lineTotal,
      unitCost: orderLines.unitCost,
      shippedQuantity: orderLines.shippedQuantity,
    })
    .from(orderLines)
    .where(and(eq(orderLines.orgId, orgId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.position));
}

export async function insertEvent(tx: Db, row: typeof orderEvents.$inferInsert): Promise<void> {
  await tx.insert(orderEvents).values(row);
}

export async function insertShipment(tx: Db, row: typeof shipments.$inferInsert): Promise<void> {
  await tx.insert(shipments).values(row);
}

const byUser = alias(users, 'event_by');

export async function listEvents(tx: Db, orgId: string, orderId: string) {
  return tx
    .select({
      id: orderEvents.id,
      kind: orderEvents.kind,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      department: orderEvents.department,
      note: orderEvents.note,
      data: orderEvents.data,
      at: orderEvents.at,
      by: orderEvents.by,
      byName: byUser.name,
    })
    .from(orderEvents)
    .leftJoin(byUser, and(eq(byUser.orgId, orderEvents.orgId), eq(byUser.id, orderEvents.by)))
    .where(and(eq(orderEvents.orgId, orgId), eq(orderEvents.orderId, orderId)))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
}

/** Serialises order numbering per organisation and year: SO-YYYY-nnnnnn, the next after the highest. */
export async function nextOrderNumber(tx: Db, orgId: string, year: number): Promise<string> {
  const prefix = `SO-${year}-`;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}|orders.number|${year}`}, 0))`,
  );
  const [row] = await tx
    .select({ max: sql<string | null>`max(${orders.number})` })
    .from(orders)
    .where(and(eq(orders.orgId, orgId), sql`${orders.number} like ${`${prefix}%`}`));
  const last = row?.max ? Number(row.max.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

/** The customer an order may name: live and visible to the actor. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, name: customers.name, type: customers.type })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    );
  return rows[0];
}

export async function ownerOf(tx: Db, orgId: string, userId: string) {
  const rows = await tx
    .select({ id: users.id, name: users.name, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return rows[0];
}

export async function userName(tx: Db, orgId: string, id: string): Promise<string | null> {
  return (await ownerOf(tx, orgId, id))?.name ?? null;
}

/** Active users of a built-in role (finance hears of credit holds). */
export async function usersWithRole(tx: Db, orgId: string, roleKey: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .where(
      and(
        eq(users.orgId, orgId),
        eq(roles.key, roleKey),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}

/** A change that is not the caller's edit of a read version (a credit hold, its release): version + 1. */
export async function updateOrderRow(
  tx: Db,
  orgId: string,
  id: string,
  set: Partial<typeof orders.$inferInsert>,
  who: { userId: string; now: Date },
): Promise<void> {
  await tx
    .update(orders)
    .set({ ...set, version: sql`${orders.version} + 1`, updatedAt: who.now, updatedBy: who.userId })
    .where(and(eq(orders.orgId, orgId), eq(orders.id, id)));
}
