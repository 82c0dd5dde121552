import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { AppError, forbidden, type FieldError } from '../../lib/errors.ts';
import { compareDecimals, toUnits } from '../../lib/money.ts';
import { can, type Actor } from '../access/index.ts';
import { auditChange } from '../audit/index.ts';
import { localDate } from '../customers/index.ts';
import { findOrg } from '../orgs/index.ts';
import { findProductsForLines, priceFor } from '../products/index.ts';
import * as repo from './orders.repository.ts';
import { orderTotals, type LineAmounts, type OrderTotals } from './order-totals.ts';
import { departmentOf } from './order-flow.ts';
import { present, snapshot } from './order-present.ts';
import type { OrderSource } from './orders.table.ts';
import type { OrderOut } from './orders.schema.ts';

export interface OrderLineInput {
  productId?: string | null;
  name?: string | null;
  quantity: string;
  unitPrice?: string | null;
  discountPct?: string | null;
  taxRate?: string | null;
}

export interface OrderCreateInput {
  customerId: string;
  currency: string;
  lines: OrderLineInput[];
  prepaymentPct?: string | null;
  creditDays?: number | null;
  deliveryAddress?: string | null;
  quoteId?: string | null;
  opportunityId?: string | null;
  source?: OrderSource;
  notes?: string | null;
}

export type Who = { actor: Actor; ip: string; now: Date };

export const ENTITY = 'orders';

/** A line ready to store: what the catalogue gave, what the caller set, and its amounts. */
export interface ResolvedLine {
  productId: string | null;
  sku: string | null;
  name: string;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
  unitCost: string | null;
  amounts: LineAmounts;
}

const HUNDRED = '100';

/**
 * Resolves order lines against the catalogue and computes the money: a product's name, SKU, unit,
 * tax rate and cost are copied; the default unit price is the customer's (products' priceFor). Refusals name the
 * line: unknown or discontinued product, zero or negative quantity, a line without product, name
 * or price, percentages above 100, a product priced in another currency without an explicit price
 * (400 CURRENCY_MISMATCH).
 */
export async function priceLines(
  tx: Db,
  orgId: string,
  ask: { currency: string; customerId: string | null; now: Date },
  input: OrderLineInput[],
): Promise<{ lines: ResolvedLine[]; totals: OrderTotals }> {
  const { currency } = ask;
  const ids = [...new Set(input.map((l) => l.productId).filter((x): x is string => !!x))];
  const catalogue = await findProductsForLines(tx, orgId, ids);
  const timeZone = (await findOrg(tx, orgId))?.timeZone ?? 'Asia/Shanghai';
  // The customer's price (its own list, its type's, a general one, else the list price) in this currency.
  const prices = ids.length
    ? await priceFor(tx, orgId, {
        customerId: ask.customerId,
        productIds: ids,
        currency,
        on: localDate(ask.now, timeZone),
      })
    : new Map<string, string>();
  const errors: FieldError[] = [];
  let mismatch: AppError | undefined;
  const out: Omit<ResolvedLine, 'amounts'>[] = [];
  input.forEach((l, i) => {
    const at = (f: string) => `lines[${i}].${f}`;
    if (toUnits(l.quantity, 3) <= 0n)
      errors.push({ field: at('quantity'), code: 'minimum', params: { limit: '0.001' } });
    for (const k of ['discountPct', 'taxRate'] as const)
      if (l[k] && compareDecimals(l[k], HUNDRED) > 0)
        errors.push({ field: at(k), code: 'maximum', params: { limit: 100 } });
    const product = l.productId ? catalogue.get(l.productId) : undefined;
    if (l.productId && (!product || product.status === 'discontinued')) {
      errors.push({ field: at('productId'), code: product ? 'invalid' : 'notFound' });
      return;
    }
    if (!product) {
      if (!l.name?.trim()) errors.push({ field: at('name'), code: 'required' });
      if (!l.unitPrice) errors.push({ field: at('unitPrice'), code: 'required' });
    } else if (!prices.has(product.id) && !l.unitPrice) {
      mismatch ??= new AppError(
        'CURRENCY_MISMATCH',
        { field: at('productId'), found: product.currency, expected: currency },
        [
          {
            field: at('productId'),
            code: 'currencyMismatch',
            params: { found: product.currency, expected: currency },
          },
        ],
      );
    }
    out.push({
      productId: product?.id ?? null,
      sku: product?.sku ?? null,
      name: l.name?.trim() || product?.name || '',
      unit: product?.unit ?? null,
      quantity: l.quantity,
      unitPrice: l.unitPrice ?? (product ? prices.get(product.id) : undefined) ?? '0',
      discountPct: l.discountPct ?? '0',
      taxRate: l.taxRate ?? product?.taxRate ?? '0',
      // A cost in another currency says nothing about this order's profit.
      unitCost: product && product.currency === currency ? product.cost : null,
    });
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  if (mismatch) throw mismatch;
  const { lines: amounts, totals } = orderTotals(out);
  return { lines: out.map((l, i) => ({ ...l, amounts: amounts[i]! })), totals };
}

export function lineRows(orgId: string, orderId: string, lines: ResolvedLine[]) {
  return lines.map((l, i) => ({
    orgId,
    id: newId(),
    orderId,
    position: i + 1,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    unit: l.unit,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPct: l.discountPct,
    taxRate: l.taxRate,
    lineTotal: l.amounts.net,
    unitCost: l.unitCost,
  }));
}

export function termErrors(input: { prepaymentPct?: string | null }): FieldError[] {
  return input.prepaymentPct && compareDecimals(input.prepaymentPct, HUNDRED) > 0
    ? [{ field: 'prepaymentPct', code: 'maximum', params: { limit: 100 } }]
    : [];
}

/** The calendar year in China (order numbers restart each year). */
export const yearOf = (d: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));

/**
 * Creates a draft order with its lines inside the caller's transaction (the API, an accepted quote,
 * imports): the customer must be visible to the actor; the number is SO-YYYY-nnnnnn, the next of
 * the organisation's year; the order, its lines, the first timeline row and the audit entry commit
 * together or not at all.
 */
export async function createOrderInTx(tx: Db, who: Who, input: OrderCreateInput): Promise<OrderOut> {
  if (!can(who.actor, ENTITY, 'create')) throw forbidden(ENTITY, 'create');
  const orgId = who.actor.orgId;
  const currency = input.currency || 'CNY';
  const errors: FieldError[] = [];
  if (!(await repo.findVisibleCustomer(tx, who.actor, input.customerId)))
    errors.push({ field: 'customerId', code: 'notFound' });
  if (!input.lines.length) errors.push({ field: 'lines', code: 'minItems', params: { limit: 1 } });
  errors.push(...termErrors(input));
  let priced: Awaited<ReturnType<typeof priceLines>> | undefined;
  try {
    priced = await priceLines(
      tx,
      orgId,
      { currency, customerId: input.customerId, now: who.now },
      input.lines,
    );
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
    errors.push(...(e.details as FieldError[]));
  }
  if (errors.length || !priced) throw new AppError('VALIDATION_FAILED', {}, errors);
  const owner = await repo.ownerOf(tx, orgId, who.actor.userId);
  const id = newId();
  const number = await repo.nextOrderNumber(tx, orgId, yearOf(who.now));
  await repo.insertOrder(tx, {
    orgId,
    id,
    number,
    customerId: input.customerId,
    quoteId: input.quoteId ?? null,
    opportunityId: input.opportunityId ?? null,
    status: 'draft',
    source: input.source ?? 'rep',
    currency,
    ...priced.totals,
    prepaymentPct: input.prepaymentPct ?? '0',
    creditDays: input.creditDays ?? 0,
    deliveryAddress: input.deliveryAddress?.trim() || null,
    notes: input.notes?.trim() || null,
    ownerId: who.actor.userId,
    teamId: owner?.teamId ?? null,
    departmentId: owner?.departmentId ?? null,
    createdAt: who.now,
    updatedAt: who.now,
    createdBy: who.actor.userId,
    updatedBy: who.actor.userId,
  });
  await repo.insertLines(tx, lineRows(orgId, id, priced.lines));
  await repo.insertEvent(tx, {
    orgId,
    orderId: id,
    kind: 'transition',
    fromStatus: null,
    toStatus: 'draft',
    department: departmentOf(who.actor.roleKey),
    note: null,
    data: { number, source: input.source ?? 'rep', total: priced.totals.total, currency },
    at: who.now,
    by: who.actor.userId,
  });
  const row = (await repo.findOrder(tx, { ...who.actor, dataScope: 'org' }, id))!;
  await auditChange(tx, who, ENTITY, id, 'create', null, snapshot(row));
  return present(who.actor, row, await repo.listLines(tx, orgId, id));
}
