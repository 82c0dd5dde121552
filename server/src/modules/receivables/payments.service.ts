import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../lib/errors.ts';
import { fromCents, toCents } from '../../lib/money.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { audit, auditChange } from '../audit/index.ts';
import { startOfLocalDay } from '../customers/index.ts';
import { orgDay } from './credit-check.service.ts';
import { checkYmd, requireReceivables } from './invoices.service.ts';
import * as repo from './receivables.repository.ts';
import { PAYMENT_SORTS, type PaymentCreate, type PaymentListQuery } from './receivables.schema.ts';

const AUDIT_ENTITY = 'payments';

async function withAllocations(tx: Db, ctx: Ctx, row: repo.PaymentRow) {
  return { ...row, allocations: await repo.allocationsOf(tx, ctx.actor.orgId, row.id) };
}

export async function listPayments(ctx: Ctx, q: PaymentListQuery) {
  requireReceivables(ctx, 'read');
  checkYmd('from', q.from);
  checkYmd('to', q.to);
  const sort = parseSort(q.sort, PAYMENT_SORTS, { field: 'receivedOn', desc: true });
  const limit = q.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listPayments(tx, ctx.actor, q, {
      sort,
      cursor: decodeCursor(q.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getPayment(ctx: Ctx, id: string) {
  requireReceivables(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPayment(tx, ctx.actor, id);
    if (!row) throw notFound('payment');
    return withAllocations(tx, ctx, row);
  });
}

/**
 * Records a payment and its allocations in one transaction: every allocation is checked against
 * the locked invoices before anything is written, and any refusal rolls the whole payment back.
 * Refusals: unknown invoice or another customer's (400), currency mismatch (400 CURRENCY_MISMATCH),
 * allocations above the payment (400 ALLOCATION_EXCEEDS_PAYMENT), above an invoice's open amount
 * (409 ALLOCATION_EXCEEDS_INVOICE naming allocations[i].amount).
 */
export async function createPayment(ctx: Ctx, input: PaymentCreate) {
  requireReceivables(ctx, 'create');
  checkYmd('receivedOn', input.receivedOn);
  const amount = toCents(input.amount);
  if (amount <= 0n) throw fieldError('amount', 'minimum', { limit: '0.01' });
  const allocations = input.allocations ?? [];
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findVisibleCustomer(tx, ctx.actor, input.customerId)))
      throw fieldError('customerId', 'notFound');
    const invoices = new Map(
      (await repo.lockInvoices(tx, ctx.actor.orgId, [...new Set(allocations.map((a) => a.invoiceId))])).map(
        (i) => [i.id, i],
      ),
    );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    let allocated = 0n;
    allocations.forEach((a, i) => {
      const inv = invoices.get(a.invoiceId);
      const field = `allocations[${i}]`;
      if (seen.has(a.invoiceId)) errors.push({ field: `${field}.invoiceId`, code: 'duplicate' });
      seen.add(a.invoiceId);
      if (!inv) errors.push({ field: `${field}.invoiceId`, code: 'notFound' });
      else if (inv.customerId !== input.customerId)
        errors.push({ field: `${field}.invoiceId`, code: 'otherCustomer' });
      if (toCents(a.amount) <= 0n)
        errors.push({ field: `${field}.amount`, code: 'minimum', params: { limit: '0.01' } });
      allocated += toCents(a.amount);
    });
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    allocations.forEach((a, i) => {
      const inv = invoices.get(a.invoiceId)!;
      if (inv.currency !== input.currency)
        throw new AppError(
          'CURRENCY_MISMATCH',
          { field: `allocations[${i}].invoiceId`, found: inv.currency, expected: input.currency },
          [{ field: `allocations[${i}].invoiceId`, code: 'currencyMismatch' }],
        );
    });
    if (allocated > amount)
      throw new AppError(
        'ALLOCATION_EXCEEDS_PAYMENT',
        { allocated: fromCents(allocated), amount: fromCents(amount) },
        [{ field: 'allocations', code: 'exceedsPayment' }],
      );
    for (const [i, a] of allocations.entries()) {
      const inv = invoices.get(a.invoiceId)!;
      const open = inv.status === 'open' ? toCents(inv.amount) - toCents(inv.paidAmount) : 0n;
      if (inv.status === 'void')
        throw new AppError('INVOICE_NOT_OPEN', { number: a.invoiceId, status: inv.status }, [
          { field: `allocations[${i}].invoiceId`, code: 'notOpen' },
        ]);
      if (toCents(a.amount) > open)
        throw new AppError(
          'ALLOCATION_EXCEEDS_INVOICE',
          { field: `allocations[${i}].amount`, amount: a.amount, open: fromCents(open), number: a.invoiceId },
          [{ field: `allocations[${i}].amount`, code: 'exceedsInvoice', params: { open: fromCents(open) } }],
        );
    }
    const id = newId();
    await repo.insertPayment(tx, {
      id,
      orgId: ctx.actor.orgId,
      customerId: input.customerId,
      currency: input.currency,
      amount: fromCents(amount),
      allocatedAmount: fromCents(allocated),
      receivedOn: input.receivedOn,
      method: input.method ?? 'bankTransfer',
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.insertAllocations(
      tx,
      allocations.map((a) => ({
        orgId: ctx.actor.orgId,
        paymentId: id,
        invoiceId: a.invoiceId,
        amount: fromCents(toCents(a.amount)),
      })),
    );
    const { timeZone } = await orgDay(tx, ctx.actor.orgId, ctx.now);
    const paidAt = startOfLocalDay(input.receivedOn, timeZone);
    for (const a of allocations)
      await repo.applyToInvoice(
        tx,
        ctx.actor.orgId,
        a.invoiceId,
        fromCents(toCents(a.amount)),
        paidAt,
        ctx.actor.userId,
        ctx.now,
      );
    const row = (await repo.findPayment(tx, ctx.actor, id))!;
    const out = await withAllocations(tx, ctx, row);
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'create', null, {
      customerId: row.customerId,
      currency: row.currency,
      amount: row.amount,
      receivedOn: row.receivedOn,
      method: row.method,
      reference: row.reference,
      allocations: out.allocations.map((x) => `${x.invoiceNumber}: ${x.amount}`).join('; '),
    });
    return out;
  });
}

/** Deletes a payment and reverses its allocations: the invoices it paid are open again by as much. */
export async function deletePayment(ctx: Ctx, id: string) {
  requireReceivables(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPayment(tx, ctx.actor, id);
    if (!row) throw notFound('payment');
    const allocations = await repo.allocationsOf(tx, ctx.actor.orgId, id);
    await repo.lockInvoices(
      tx,
      ctx.actor.orgId,
      allocations.map((a) => a.invoiceId),
    );
    for (const a of allocations)
      await repo.applyToInvoice(
        tx,
        ctx.actor.orgId,
        a.invoiceId,
        fromCents(-toCents(a.amount)),
        ctx.now,
        ctx.actor.userId,
        ctx.now,
      );
    await repo.deleteAllocations(tx, ctx.actor.orgId, id);
    await repo.softDeletePayment(tx, ctx.actor.orgId, id, ctx.actor.userId, ctx.now);
    await audit(tx, ctx, AUDIT_ENTITY, id, 'delete', [
      {
        field: 'allocations',
        old: allocations.map((x) => `${x.invoiceNumber}: ${x.amount}`).join('; '),
        new: null,
      },
    ]);
  });
}
