import { and, eq, gte, ilike, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { orders } from '../orders/orders.table.ts';
import { invoices, paymentAllocations, payments } from './receivables.table.ts';

/** The customer, when the actor may see it (receivables follow the customer's visibility). */
export async function findVisibleCustomer(tx: Db, actor: Actor, id: string) {
  const r = await tx
    .select({
      id: customers.id,
      name: customers.name,
      creditLimit: customers.creditLimit,
      creditLimitCurrency: customers.creditLimitCurrency,
      creditRating: customers.creditRating,
    })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, id),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .limit(1);
  return r[0];
}

// ---------------------------------------------------------------- invoices

const invoiceColumns = {
  id: invoices.id,
  version: invoices.version,
  createdAt: invoices.createdAt,
  createdBy: invoices.createdBy,
  updatedAt: invoices.updatedAt,
  updatedBy: invoices.updatedBy,
  number: invoices.number,
  customerId: invoices.customerId,
  customerName: customers.name,
  orderId: invoices.orderId,
  orderNumber: orders.number,
  currency: invoices.currency,
  amount: invoices.amount,
  paidAmount: invoices.paidAmount,
  openAmount: sql<string>`(${invoices.amount} - ${invoices.paidAmount})::text`,
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  status: invoices.status,
  paidAt: invoices.paidAt,
  notes: invoices.notes,
};
export type InvoiceRow = Awaited<ReturnType<typeof findInvoice>> & object;

function invoiceQuery(tx: Db) {
  return tx
    .select(invoiceColumns)
    .from(invoices)
    .innerJoin(customers, and(eq(customers.orgId, invoices.orgId), eq(customers.id, invoices.customerId)))
    .leftJoin(orders, and(eq(orders.orgId, invoices.orgId), eq(orders.id, invoices.orderId)));
}

export async function findInvoice(tx: Db, actor: Actor, id: string) {
  const r = await invoiceQuery(tx)
    .where(
      and(
        eq(invoices.orgId, actor.orgId),
        eq(invoices.id, id),
        isNull(invoices.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .limit(1);
  return r[0];
}

export interface InvoiceFilter {
  customerId?: string;
  orderId?: string;
  status?: 'open' | 'paid' | 'void';
  overdueAsOf?: string;
  from?: string;
  to?: string;
  q?: string;
}
const INVOICE_SORT = {
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  createdAt: invoices.createdAt,
};

export async function listInvoices(
  tx: Db,
  actor: Actor,
  f: InvoiceFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: (SQL | undefined)[] = [
    eq(invoices.orgId, actor.orgId),
    isNull(invoices.deletedAt),
    customersVisibleTo(actor),
  ];
  if (f.customerId) where.push(eq(invoices.customerId, f.customerId));
  if (f.orderId) where.push(eq(invoices.orderId, f.orderId));
  if (f.status) where.push(eq(invoices.status, f.status));
  if (f.overdueAsOf) where.push(eq(invoices.status, 'open'), lt(invoices.dueDate, f.overdueAsOf));
  if (f.from) where.push(gte(invoices.issueDate, f.from));
  if (f.to) where.push(lte(invoices.issueDate, f.to));
  if (f.q) where.push(ilike(invoices.number, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const column = INVOICE_SORT[page.sort.field as keyof typeof INVOICE_SORT];
  const { orderBy, after } = keyset(column, invoices.id, page.sort, page.cursor);
  const items = await invoiceQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(invoices)
    .innerJoin(customers, and(eq(customers.orgId, invoices.orgId), eq(customers.id, invoices.customerId)))
    .where(and(...where));
  return { rows: items, total };
}

/** Serialises invoice numbering within an organisation and year; returns the next INV-YYYY-000001. */
export async function nextInvoiceNumber(tx: Db, orgId: string, year: string): Promise<string> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}|invoice-number|${year}`}, 0))`,
  );
  const prefix = `INV-${year}-`;
  // Zero-padded: the greatest number is the last one (the lock above keeps two writers apart).
  const [r] = await tx
    .select({ last: sql<string | null>`max(${invoices.number})` })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), sql`${invoices.number} like ${`${prefix}%`}`));
  const n = r?.last ? Number.parseInt(r.last.slice(prefix.length), 10) || 0 : 0;
  return `${prefix}${String(n + 1).padStart(6, '0')}`;
}

/** The order to invoice, locked against concurrent invoicing, with what has been invoiced already. */
export async function orderForInvoice(tx: Db, orgId: string, orderId: string, except?: string) {
  const r = await tx
    .select({
      id: orders.id,
      customerId: orders.customerId,
      currency: orders.currency,
      total: orders.total,
      status: orders.status,
      creditDays: orders.creditDays,
    })
    .from(orders)
    .where(and(eq(orders.orgId, orgId), eq(orders.id, orderId), isNull(orders.deletedAt)))
    .for('update');
  const order = r[0];
  if (!order) return undefined;
  const [inv] = await tx
    .select({ invoiced: sql<string>`coalesce(sum(${invoices.amount}), 0)::text` })
    .from(invoices)
    .where(
      and(
        eq(invoices.orgId, orgId),
        eq(invoices.orderId, orderId),
        ne(invoices.status, 'void'),
        isNull(invoices.deletedAt),
        except ? ne(invoices.id, except) : undefined,
      ),
    );
  return { ...order, invoiced: inv?.invoiced ?? '0' };
}

export async function insertInvoice(tx: Db, row: typeof invoices.$inferInsert): Promise<void> {
  await tx.insert(invoices).values(row);
}

/** Updates an invoice at a version; false when the version moved. */
export async function updateInvoice(
  tx: Db,
  orgId: string,
  id: string,
  version: number,
  set: Partial<typeof invoices.$inferInsert>,
): Promise<boolean> {
  const r = await tx
    .update(invoices)
    .set({ ...set, version: sql`${invoices.version} + 1` })
    .where(
      and(
        eq(invoices.orgId, orgId),
        eq(invoices.id, id),
        eq(invoices.version, version),
        isNull(invoices.deletedAt),
      ),
    )
    .returning({ id: invoices.id });
  return r.length > 0;
}

/** Invoices locked for allocation (the order of ids avoids deadlocks between two payments). */
export async function lockInvoices(tx: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({
      id: invoices.id,
      customerId: invoices.customerId,
      currency: invoices.currency,
      amount: invoices.amount,
      paidAmount: invoices.paidAmount,
      status: invoices.status,
    })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), inArray(invoices.id, [...ids].sort()), isNull(invoices.deletedAt)))
    .orderBy(invoices.id)
    .for('update');
}

/** Adds `delta` (may be negative) to an invoice's paid amount and settles its status and paid_at. */
/** `paidAt`: the instant the payment counts from (local midnight of its received day). */
export async function applyToInvoice(
  tx: Db,
  orgId: string,
  id: string,
  delta: string,
  paidAt: Date,
  by: string,
  now: Date,
) {
  await tx.execute(sql`update ${invoices} set
      paid_amount = paid_amount + ${delta}::numeric,
      status = case when status = 'void' then status when paid_amount + ${delta}::numeric >= amount then 'paid' else 'open' end,
      paid_at = case when paid_amount + ${delta}::numeric >= amount
        then case when status = 'paid' then paid_at else ${paidAt.toISOString()}::timestamptz end else null end,
      version = version + 1, updated_at = ${now.toISOString()}::timestamptz, updated_by = ${by}
    where org_id = ${orgId} and id = ${id}`);
}

// ---------------------------------------------------------------- payments

const paymentColumns = {
  id: payments.id,
  version: payments.version,
  createdAt: payments.createdAt,
  createdBy: payments.createdBy,
  updatedAt: payments.updatedAt,
  updatedBy: payments.updatedBy,
  customerId: payments.customerId,
  customerName: customers.name,
  currency: payments.currency,
  amount: payments.amount,
  allocatedAmount: payments.allocatedAmount,
  unallocatedAmount: sql<string>`(${payments.amount} - ${payments.allocatedAmount})::text`,
  receivedOn: payments.receivedOn,
  method: payments.method,
  reference: payments.reference,
  notes: payments.notes,
};
export type PaymentRow = Awaited<ReturnType<typeof findPayment>> & object;

function paymentQuery(tx: Db) {
  return tx
    .select(paymentColumns)
    .from(payments)
    .innerJoin(customers, and(eq(customers.orgId, payments.orgId), eq(customers.id, payments.customerId)));
}

export async function findPayment(tx: Db, actor: Actor, id: string) {
  const r = await paymentQuery(tx)
    .where(
      and(
        eq(payments.orgId, actor.orgId),
        eq(payments.id, id),
        isNull(payments.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .limit(1);
  return r[0];
}

export async function allocationsOf(tx: Db, orgId: string, paymentId: string) {
  return tx
    .select({
      invoiceId: paymentAllocations.invoiceId,
      invoiceNumber: invoices.number,
      amount: paymentAllocations.amount,
    })
    .from(paymentAllocations)
    .innerJoin(
      invoices,
      and(eq(invoices.orgId, paymentAllocations.orgId), eq(invoices.id, paymentAllocations.invoiceId)),
    )
    .where(and(eq(paymentAllocations.orgId, orgId), eq(paymentAllocations.paymentId, paymentId)))
    .orderBy(invoices.number);
}

const PAYMENT_SORT = { receivedOn: payments.receivedOn, createdAt: payments.createdAt };

export async function listPayments(
  tx: Db,
  actor: Actor,
  f: { customerId?: string; from?: string; to?: string },
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: (SQL | undefined)[] = [
    eq(payments.orgId, actor.orgId),
    isNull(payments.deletedAt),
    customersVisibleTo(actor),
  ];
  if (f.customerId) where.push(eq(payments.customerId, f.customerId));
  if (f.from) where.push(gte(payments.receivedOn, f.from));
  if (f.to) where.push(lte(payments.receivedOn, f.to));
  const column = PAYMENT_SORT[page.sort.field as keyof typeof PAYMENT_SORT];
  const { orderBy, after } = keyset(column, payments.id, page.sort, page.cursor);
  const items = await paymentQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(payments)
    .innerJoin(customers, and(eq(customers.orgId, payments.orgId), eq(customers.id, payments.customerId)))
    .where(and(...where));
  return { rows: items, total };
}

export async function insertPayment(tx: Db, row: typeof payments.$inferInsert): Promise<void> {
  await tx.insert(payments).values(row);
}

export async function insertAllocations(
  tx: Db,
  rows: (typeof paymentAllocations.$inferInsert)[],
): Promise<void> {
  if (rows.length) await tx.insert(paymentAllocations).values(rows);
}

export async function deleteAllocations(tx: Db, orgId: string, paymentId: string): Promise<void> {
  await tx
    .delete(paymentAllocations)
    .where(and(eq(paymentAllocations.orgId, orgId), eq(paymentAllocations.paymentId, paymentId)));
}

export async function softDeletePayment(tx: Db, orgId: string, id: string, by: string, now: Date) {
  await tx
    .update(payments)
    .set({
      deletedAt: now,
      deletedBy: by,
      allocatedAmount: '0',
      updatedAt: now,
      updatedBy: by,
      version: sql`${payments.version} + 1`,
    })
    .where(and(eq(payments.orgId, orgId), eq(payments.id, id)));
}

export async function allocationsToInvoice(tx: Db, orgId: string, invoiceId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentAllocations)
    .where(and(eq(paymentAllocations.orgId, orgId), eq(paymentAllocations.invoiceId, invoiceId)));
  return r?.n ?? 0;
}
