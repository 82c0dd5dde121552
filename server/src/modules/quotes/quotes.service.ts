import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { localDate } from '../customers/index.ts';
import { findOrg } from '../orgs/index.ts';
import { priceLines, type Priced } from './quote-pricing.service.ts';
import {
  authorityOf,
  discountAuthorityOf,
  effectiveStatus,
  needsApproval,
  nextQuoteNumber,
  stepAllowed,
  lineTotals,
  type QuoteStep,
} from './quote-rules.ts';
import * as repo from './quotes.repository.ts';
import { quotes } from './quotes.table.ts';
import {
  QUOTE_SORTS,
  type QuoteCreate,
  type QuoteListQuery,
  type QuoteOut,
  type QuotePatch,
  type QuotePreviewIn,
} from './quotes.schema.ts';

export const ENTITY = 'quotes';
export const SETTING = 'quotes';

export type Who = Pick<Ctx, 'actor' | 'ip' | 'now'>;

export function requireQuotes(ctx: Pick<Ctx, 'actor'>, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** The organisation's local day (expiry, numbering) and its quote settings. */
export async function orgContext(tx: Db, orgId: string, now: Date) {
  const org = await findOrg(tx, orgId);
  const timeZone = org?.timeZone ?? 'Asia/Shanghai';
  return {
    org,
    today: localDate(now, timeZone),
    authority: discountAuthorityOf(org?.settings[SETTING]),
  };
}

type Line = Awaited<ReturnType<typeof repo.findLines>>[number];

export function present(row: repo.QuoteRow, today: string, lines?: Line[]): QuoteOut {
  return {
    ...row,
    status: effectiveStatus(row.status, row.validUntil, today),
    ...(lines
      ? {
          lines: lines.map((l) => ({
            id: l.id,
            position: l.position,
            productId: l.productId,
            sku: l.sku,
            name: l.name,
            unit: l.unit,
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountPct: l.discountPct,
            taxRate: l.taxRate,
            lineTotal: l.lineTotal,
            tax: lineTotals(l).tax,
          })),
        }
      : {}),
  };
}

const snapshot = (r: repo.QuoteRow) => ({
  customerId: r.customerId,
  contactId: r.contactId,
  opportunityId: r.opportunityId,
  currency: r.currency,
  status: r.status,
  validUntil: r.validUntil,
  total: r.total,
  maxDiscountPct: r.maxDiscountPct,
  terms: r.terms,
  notes: r.notes,
  approvedBy: r.approvedBy,
  approvalNote: r.approvalNote,
  orderId: r.orderId,
});

export async function visibleQuote(
  tx: Db,
  ctx: Pick<Ctx, 'actor'>,
  id: string,
  opts: { deleted?: boolean; lock?: boolean } = {},
) {
  const row = await repo.findQuote(tx, ctx.actor, id, opts);
  if (!row) throw notFound('quote');
  return row;
}

/** 409 QUOTE_STATUS unless the step may start from the quote's effective status. */
export function assertStep(step: QuoteStep, row: repo.QuoteRow, today: string): void {
  const status = effectiveStatus(row.status, row.validUntil, today);
  if (!stepAllowed(step, status))
    throw new AppError('QUOTE_STATUS', { status, expected: stepFrom(step) }, { status, step });
}

const stepFrom = (step: QuoteStep) =>
  ({
    edit: 'draft',
    submit: 'draft',
    approve: 'pendingApproval',
    reject: 'pendingApproval',
    send: 'approved',
    accept: 'approved / sent',
  })[step];

const likePattern = (q: string | undefined) =>
  q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;

export async function listQuotes(ctx: Ctx, query: QuoteListQuery) {
  requireQuotes(ctx, 'read');
  const limit = query.limit ?? 50;
  const sort = parseSort(query.sort, QUOTE_SORTS, { field: 'updatedAt', desc: true });
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { today } = await orgContext(tx, ctx.actor.orgId, ctx.now);
    const filter: repo.QuoteFilter = {
      status: query.awaitingMe ? 'pendingApproval' : query.status,
      customerId: query.customerId,
      opportunityId: query.opportunityId,
      ownerId: query.ownerId,
      like: likePattern(query.q),
      notOwnedBy: query.awaitingMe && ctx.actor.roleKey !== 'admin' ? ctx.actor.userId : undefined,
    };
    if (query.awaitingMe && !can(ctx.actor, 'quoteApproval', 'update'))
      return { items: [], total: 0, nextCursor: null };
    const { rows, total } = await repo.listQuotes(tx, ctx.actor, filter, today, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    const capped = total > repo.LIST_COUNT_CAP;
    return {
      items: page.items.map((r) => present(r, today)),
      total: capped ? repo.LIST_COUNT_CAP : total,
      ...(capped ? { totalCapped: true } : {}),
      nextCursor: page.nextCursor,
    };
  });
}

export async function getQuote(ctx: Ctx, id: string) {
  requireQuotes(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { today } = await orgContext(tx, ctx.actor.orgId, ctx.now);
    const row = await visibleQuote(tx, ctx, id);
    return present(row, today, await repo.findLines(tx, ctx.actor.orgId, id));
  });
}

/** Customer, contact and opportunity references, checked against the actor's scope. */
async function checkRefs(
  tx: Db,
  who: Who,
  refs: { customerId: string; contactId?: string | null; opportunityId?: string | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!(await repo.findVisibleCustomer(tx, who.actor, refs.customerId))) {
    errors.push({ field: 'customerId', code: 'notFound' });
    return errors;
  }
  if (refs.contactId && !(await repo.contactOfCustomer(tx, who.actor.orgId, refs.contactId, refs.customerId)))
    errors.push({ field: 'contactId', code: 'notOfCustomer' });
  if (
    refs.opportunityId &&
    !(await repo.opportunityOfCustomer(tx, who.actor, refs.opportunityId, refs.customerId))
  )
    errors.push({ field: 'opportunityId', code: 'notFound' });
  return errors;
}

const totalsColumns = (p: Priced) => ({
  subtotal: p.totals.subtotal,
  discountTotal: p.totals.discountTotal,
  taxTotal: p.totals.taxTotal,
  total: p.totals.total,
  maxDiscountPct: p.totals.maxDiscountPct,
});

const lineRows = (p: Priced) =>
  p.lines.map((l, i) => ({ id: newId(), ...l, lineTotal: p.totals.lines[i]!.net }));

export async function createQuoteInTx(tx: Db, who: Who, input: QuoteCreate): Promise<QuoteOut> {
  requireQuotes(who, 'create');
  const orgId = who.actor.orgId;
  const errors = await checkRefs(tx, who, input);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  const { today } = await orgContext(tx, orgId, who.now);
  const priced = await priceLines(tx, orgId, input.currency, input.lines, {
    customerId: input.customerId,
    on: today,
  });
  const me = await repo.findUser(tx, orgId, who.actor.userId);
  const year = today.slice(0, 4);
  const number = nextQuoteNumber(year, await repo.lastQuoteNumber(tx, orgId, year));
  const id = newId();
  await repo.insertQuote(tx, {
    orgId,
    id,
    number,
    customerId: input.customerId,
    contactId: input.contactId ?? null,
    opportunityId: input.opportunityId ?? null,
    currency: input.currency,
    validUntil: input.validUntil,
    ...totalsColumns(priced),
    terms: input.terms?.trim() || null,
    notes: input.notes?.trim() || null,
    ownerId: who.actor.userId,
    teamId: me?.teamId ?? null,
    departmentId: me?.departmentId ?? null,
    createdAt: who.now,
    updatedAt: who.now,
    createdBy: who.actor.userId,
    updatedBy: who.actor.userId,
  });
  await repo.replaceLines(tx, orgId, id, lineRows(priced));
  const row = (await repo.findQuote(tx, { ...who.actor, dataScope: 'org' }, id))!;
  await auditChange(tx, who, ENTITY, id, 'create', null, { number, ...snapshot(row) });
  return present(row, today, await repo.findLines(tx, orgId, id));
}

export async function createQuote(ctx: Ctx, input: QuoteCreate) {
  requireQuotes(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => createQuoteInTx(tx, ctx, input));
}

export async function updateQuote(ctx: Ctx, id: string, patch: QuotePatch) {
  requireQuotes(ctx, 'update');
  const { version, ...p } = patch;
  const orgId = ctx.actor.orgId;
  return withTenant(ctx.db, orgId, async (tx) => {
    const { today } = await orgContext(tx, orgId, ctx.now);
    const before = await visibleQuote(tx, ctx, id);
    assertStep('edit', before, today);
    const refs = {
      customerId: p.customerId ?? before.customerId,
      contactId: p.contactId !== undefined ? p.contactId : before.contactId,
      opportunityId: p.opportunityId !== undefined ? p.opportunityId : before.opportunityId,
    };
    const errors = await checkRefs(tx, ctx, refs);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const set: Record<string, unknown> = { ...refs };
    if (p.validUntil !== undefined) set.validUntil = p.validUntil;
    if (p.terms !== undefined) set.terms = p.terms?.trim() || null;
    if (p.notes !== undefined) set.notes = p.notes?.trim() || null;
    const currency = p.currency ?? before.currency;
    set.currency = currency;
    let priced: Priced | undefined;
    if (p.lines !== undefined || currency !== before.currency) {
      const lines =
        p.lines ??
        (await repo.findLines(tx, orgId, id)).map((l) => ({
          productId: l.productId,
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPct: l.discountPct,
          taxRate: l.taxRate,
        }));
      priced = await priceLines(tx, orgId, currency, lines, { customerId: refs.customerId, on: today });
      Object.assign(set, totalsColumns(priced));
    }
    await updateVersioned(
      tx,
      quotes,
      { orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'quote',
    );
    if (priced) await repo.replaceLines(tx, orgId, id, lineRows(priced));
    const after = (await repo.findQuote(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(after, today, await repo.findLines(tx, orgId, id));
  });
}

export async function deleteQuote(ctx: Ctx, id: string) {
  requireQuotes(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleQuote(tx, ctx, id);
    // An accepted quote is the origin of an order: it stays.
    if (row.status === 'accepted')
      throw new AppError('QUOTE_STATUS', { status: row.status, expected: '≠ accepted' });
    await softDelete(tx, quotes, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreQuote(ctx: Ctx, id: string) {
  requireQuotes(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { today } = await orgContext(tx, ctx.actor.orgId, ctx.now);
    await visibleQuote(tx, ctx, id, { deleted: true });
    await restoreDeleted(tx, quotes, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return present(await visibleQuote(tx, ctx, id), today, await repo.findLines(tx, ctx.actor.orgId, id));
  });
}

export async function quoteHistory(ctx: Ctx, id: string) {
  requireQuotes(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findQuote(tx, ctx.actor, id))) await visibleQuote(tx, ctx, id, { deleted: true });
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}

/** Live totals for the editor: the same pricing and arithmetic as saving, nothing written. */
export async function previewQuote(ctx: Ctx, input: QuotePreviewIn) {
  if (!can(ctx.actor, ENTITY, 'create') && !can(ctx.actor, ENTITY, 'update'))
    throw forbidden(ENTITY, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { authority, today } = await orgContext(tx, ctx.actor.orgId, ctx.now);
    const customerId =
      input.customerId && (await repo.findVisibleCustomer(tx, ctx.actor, input.customerId))
        ? input.customerId
        : null;
    const priced = await priceLines(tx, ctx.actor.orgId, input.currency, input.lines, {
      customerId,
      on: today,
    });
    const authorityPct = authorityOf(authority, ctx.actor.roleKey);
    return {
      currency: input.currency,
      ...totalsColumns(priced),
      authorityPct,
      needsApproval: needsApproval(priced.totals.maxDiscountPct, authorityPct),
      lines: priced.lines.map((l, i) => ({
        productId: l.productId,
        sku: l.sku,
        name: l.name,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPct: l.discountPct,
        taxRate: l.taxRate,
        lineTotal: priced.totals.lines[i]!.net,
        tax: priced.totals.lines[i]!.tax,
      })),
    };
  });
}
