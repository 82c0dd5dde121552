import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, fieldError, forbidden, notFound } from '../../lib/errors.ts';
import { compareDecimals, fromCents, subtractDecimals, toCents } from '../../lib/money.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange } from '../audit/index.ts';
import { parseYmd } from '../customers/index.ts';
import { plusDays } from './ageing-rules.ts';
import { orgDay } from './credit-check.service.ts';
import * as repo from './receivables.repository.ts';
import {
  INVOICE_SORTS,
  type InvoiceCreate,
  type InvoiceListQuery,
  type InvoicePatch,
} from './receivables.schema.ts';

const ENTITY = 'receivables';
const AUDIT_ENTITY = 'invoices';

export function requireReceivables(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** A real calendar date ('2026-02-30' → 400 naming the field). */
export function checkYmd(field: string, v: string | undefined): void {
  if (v !== undefined && !parseYmd(v)) throw fieldError(field, 'format', { format: 'date' });
}

const snapshot = (r: repo.InvoiceRow) => ({
  number: r.number,
  customerId: r.customerId,
  orderId: r.orderId,
  currency: r.currency,
  amount: r.amount,
  issueDate: r.issueDate,
  dueDate: r.dueDate,
  status: r.status,
  notes: r.notes,
});

async function visibleInvoice(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findInvoice(tx, ctx.actor, id);
  if (!row) throw notFound('invoice');
  return row;
}

export async function listInvoices(ctx: Ctx, q: InvoiceListQuery) {
  requireReceivables(ctx, 'read');
  checkYmd('from', q.from);
  checkYmd('to', q.to);
  const sort = parseSort(q.sort, INVOICE_SORTS, { field: 'issueDate', desc: true });
  const limit = q.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const overdueAsOf = q.overdue ? (await orgDay(tx, ctx.actor.orgId, ctx.now)).today : undefined;
    const { rows, total } = await repo.listInvoices(
      tx,
      ctx.actor,
      { ...q, overdueAsOf },
      { sort, cursor: decodeCursor(q.cursor), limit },
    );
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getInvoice(ctx: Ctx, id: string) {
  requireReceivables(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => visibleInvoice(tx, ctx, id));
}

/** What is left to invoice on an order; an amount beyond it → 409 INVOICE_EXCEEDS_ORDER. */
function checkOrderRoom(order: { total: string; invoiced: string }, amount: string): void {
  const left = subtractDecimals(order.total, order.invoiced);
  if (compareDecimals(amount, left) > 0)
    throw new AppError('INVOICE_EXCEEDS_ORDER', { amount, left }, [
      { field: 'amount', code: 'exceedsOrder', params: { left } },
    ]);
}

export async function createInvoice(ctx: Ctx, input: InvoiceCreate) {
  requireReceivables(ctx, 'create');
  checkYmd('issueDate', input.issueDate);
  checkYmd('dueDate', input.dueDate);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    let customerId = input.customerId;
    let currency = input.currency;
    let amount = input.amount;
    let creditDays = 0;
    if (input.orderId) {
      const order = await repo.orderForInvoice(tx, ctx.actor.orgId, input.orderId);
      if (!order) throw fieldError('orderId', 'notFound');
      if (customerId && customerId !== order.customerId) throw fieldError('customerId', 'notOrderCustomer');
      if (order.status === 'draft' || order.status === 'cancelled')
        throw fieldError('orderId', 'orderNotInvoiceable', { status: order.status });
      customerId = order.customerId;
      if (currency && currency !== order.currency)
        throw new AppError(
          'CURRENCY_MISMATCH',
          { field: 'currency', found: currency, expected: order.currency },
          [{ field: 'currency', code: 'currencyMismatch' }],
        );
      currency = order.currency;
      amount ??= subtractDecimals(order.total, order.invoiced);
      checkOrderRoom(order, amount);
      creditDays = order.creditDays;
    }
    if (!customerId) throw fieldError('customerId', 'required');
    if (!amount) throw fieldError('amount', 'required');
    if (toCents(amount) <= 0n) throw fieldError('amount', 'minimum', { limit: '0.01' });
    if (!(await repo.findVisibleCustomer(tx, ctx.actor, customerId)))
      throw fieldError('customerId', 'notFound');
    const dueDate = input.dueDate ?? plusDays(input.issueDate, creditDays);
    if (dueDate < input.issueDate) throw fieldError('dueDate', 'beforeIssueDate');
    const id = newId();
    await repo.insertInvoice(tx, {
      id,
      orgId: ctx.actor.orgId,
      number: await repo.nextInvoiceNumber(tx, ctx.actor.orgId, input.issueDate.slice(0, 4)),
      customerId,
      orderId: input.orderId ?? null,
      currency: currency ?? 'CNY',
      amount: fromCents(toCents(amount)),
      issueDate: input.issueDate,
      dueDate,
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = (await repo.findInvoice(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'create', null, snapshot(row));
    return row;
  });
}

export async function updateInvoice(ctx: Ctx, id: string, patch: InvoicePatch) {
  requireReceivables(ctx, 'update');
  checkYmd('issueDate', patch.issueDate);
  checkYmd('dueDate', patch.dueDate);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleInvoice(tx, ctx, id);
    if (before.status === 'void')
      throw new AppError('INVOICE_NOT_OPEN', { number: before.number, status: before.status });
    const set: Record<string, unknown> = { updatedAt: ctx.now, updatedBy: ctx.actor.userId };
    if (patch.amount !== undefined) {
      const amount = fromCents(toCents(patch.amount));
      if (toCents(amount) <= 0n) throw fieldError('amount', 'minimum', { limit: '0.01' });
      if (compareDecimals(amount, before.paidAmount) < 0)
        throw fieldError('amount', 'belowPaid', { paid: before.paidAmount });
      if (before.orderId) {
        const order = await repo.orderForInvoice(tx, ctx.actor.orgId, before.orderId, id);
        if (order) checkOrderRoom(order, amount);
      }
      set.amount = amount;
      const settled = compareDecimals(before.paidAmount, amount) >= 0;
      set.status = settled ? 'paid' : 'open';
      if (!settled) set.paidAt = null;
      else if (before.status !== 'paid') set.paidAt = ctx.now;
    }
    const issueDate = patch.issueDate ?? before.issueDate;
    const dueDate = patch.dueDate ?? before.dueDate;
    if (dueDate < issueDate) throw fieldError('dueDate', 'beforeIssueDate');
    if (patch.issueDate !== undefined) set.issueDate = patch.issueDate;
    if (patch.dueDate !== undefined) set.dueDate = patch.dueDate;
    if (patch.notes !== undefined) set.notes = patch.notes;
    if (!(await repo.updateInvoice(tx, ctx.actor.orgId, id, patch.version, set)))
      throw new AppError('VERSION_CONFLICT');
    const after = (await repo.findInvoice(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'update', snapshot(before), snapshot(after));
    return after;
  });
}

/** Voids an invoice (it stays, numbered, out of every balance); not while payments are allocated to it. */
export async function voidInvoice(ctx: Ctx, id: string) {
  requireReceivables(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleInvoice(tx, ctx, id);
    if (before.status === 'void') return;
    if ((await repo.allocationsToInvoice(tx, ctx.actor.orgId, id)) > 0)
      throw new AppError('INVOICE_HAS_PAYMENTS');
    if (
      !(await repo.updateInvoice(tx, ctx.actor.orgId, id, before.version, {
        status: 'void',
        updatedAt: ctx.now,
        updatedBy: ctx.actor.userId,
      }))
    )
      throw new AppError('VERSION_CONFLICT');
    await audit(tx, ctx, AUDIT_ENTITY, id, 'void', [{ field: 'status', old: before.status, new: 'void' }]);
  });
}
