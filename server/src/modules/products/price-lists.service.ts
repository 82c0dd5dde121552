import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../lib/errors.ts';
import { audit, auditChange } from '../audit/index.ts';
import { checkDictionaryValues } from '../customization/index.ts';
import { localDate } from '../customers/index.ts';
import { findOrg } from '../orgs/index.ts';
import * as repo from './price-lists.repository.ts';
import * as products from './products.repository.ts';
import { priceLists } from './products.table.ts';
import { checkValidity, moneyField } from './product-input.ts';
import { resolvePrices } from './price-rules.ts';
import { requireProducts } from './products.service.ts';
import type {
  PriceListCreate,
  PriceListItemsBody,
  PriceListListQuery,
  PriceListPatch,
  PriceQuery,
} from './products.schema.ts';

const ENTITY = 'priceLists';

const snapshot = (r: {
  name: string;
  customerType: string | null;
  customerId: string | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
}) => ({
  name: r.name,
  customerType: r.customerType,
  customerId: r.customerId,
  currency: r.currency,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

async function visibleList(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findPriceList(tx, ctx.actor, id);
  if (!row) throw notFound('priceList');
  return row;
}

/** Whom a list is for: a visible customer, a customer-type dictionary entry, or (neither) everyone. */
async function checkTarget(
  tx: Db,
  ctx: Ctx,
  target: { customerId: string | null; customerType: string | null },
  errors: FieldError[],
  changed: { customerId: boolean; customerType: boolean },
) {
  if (target.customerId && target.customerType) errors.push({ field: 'customerType', code: 'invalid' });
  if (
    changed.customerId &&
    target.customerId &&
    !(await repo.findVisibleCustomer(tx, ctx.actor, target.customerId))
  )
    errors.push({ field: 'customerId', code: 'notFound' });
  if (changed.customerType && target.customerType)
    errors.push(
      ...(await checkDictionaryValues(
        tx,
        ctx.actor.orgId,
        ctx.now,
        { customerType: 'customerType' },
        { customerType: target.customerType },
      )),
    );
}

export async function listPriceLists(ctx: Ctx, query: PriceListListQuery) {
  requireProducts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: await repo.listPriceLists(tx, ctx.actor, query),
  }));
}

export async function getPriceList(ctx: Ctx, id: string) {
  requireProducts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleList(tx, ctx, id);
    return { ...row, items: await repo.listItems(tx, ctx.actor.orgId, id) };
  });
}

export async function createPriceList(ctx: Ctx, input: PriceListCreate) {
  requireProducts(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const errors: FieldError[] = [];
    const row = {
      id: newId(),
      orgId: ctx.actor.orgId,
      name: input.name.trim(),
      customerType: input.customerType?.trim() || null,
      customerId: input.customerId ?? null,
      currency: input.currency ?? 'CNY',
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    };
    if (!row.name) errors.push({ field: 'name', code: 'required' });
    checkValidity(row.validFrom, row.validTo, errors);
    await checkTarget(tx, ctx, row, errors, { customerId: true, customerType: true });
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    await repo.insertPriceList(tx, row);
    await auditChange(tx, ctx, ENTITY, row.id, 'create', null, snapshot(row));
    return { ...(await visibleList(tx, ctx, row.id)), items: [] };
  });
}

export async function updatePriceList(ctx: Ctx, id: string, patch: PriceListPatch) {
  requireProducts(ctx, 'update');
  const { version, ...changes } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleList(tx, ctx, id);
    const errors: FieldError[] = [];
    const set: Record<string, unknown> = {};
    if (changes.name !== undefined) {
      set.name = changes.name.trim();
      if (!set.name) errors.push({ field: 'name', code: 'required' });
    }
    if (changes.customerType !== undefined) set.customerType = changes.customerType?.trim() || null;
    if (changes.customerId !== undefined) set.customerId = changes.customerId;
    if (changes.currency !== undefined) set.currency = changes.currency;
    if (changes.validFrom !== undefined) set.validFrom = changes.validFrom;
    if (changes.validTo !== undefined) set.validTo = changes.validTo;
    const merged = { ...snapshot(before), ...set } as ReturnType<typeof snapshot>;
    checkValidity(merged.validFrom, merged.validTo, errors);
    await checkTarget(tx, ctx, merged, errors, {
      customerId: changes.customerId !== undefined && changes.customerId !== before.customerId,
      customerType: changes.customerType !== undefined && changes.customerType !== before.customerType,
    });
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    await updateVersioned(
      tx,
      priceLists,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'priceList',
    );
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), merged);
    const after = (await repo.findPriceList(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    return { ...after, items: await repo.listItems(tx, ctx.actor.orgId, id) };
  });
}

export async function deletePriceList(ctx: Ctx, id: string) {
  requireProducts(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleList(tx, ctx, id);
    await softDelete(tx, priceLists, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

/** Replaces the list's items; every product must be live, priced once, at a valid amount. */
export async function replacePriceListItems(ctx: Ctx, id: string, body: PriceListItemsBody) {
  requireProducts(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const list = await visibleList(tx, ctx, id);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const items: { productId: string; price: string }[] = [];
    body.forEach((item, i) => {
      if (seen.has(item.productId))
        errors.push({ field: `[${i}].productId`, code: 'duplicateInFile', params: { row: i } });
      seen.add(item.productId);
      const price = moneyField(`[${i}].price`, item.price, errors);
      if (price) items.push({ productId: item.productId, price });
    });
    const found = new Set((await products.productsByIds(tx, ctx.actor.orgId, [...seen])).map((p) => p.id));
    body.forEach((item, i) => {
      if (!found.has(item.productId)) errors.push({ field: `[${i}].productId`, code: 'notFound' });
    });
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const before = await repo.listItems(tx, ctx.actor.orgId, id);
    await repo.replaceItems(tx, ctx.actor.orgId, id, items);
    await updateVersioned(
      tx,
      priceLists,
      { orgId: ctx.actor.orgId, id, version: list.version },
      {},
      { userId: ctx.actor.userId, now: ctx.now },
      'priceList',
    );
    await audit(tx, ctx, ENTITY, id, 'items', [{ field: 'items', old: before.length, new: items.length }]);
    return { ...(await visibleList(tx, ctx, id)), items: await repo.listItems(tx, ctx.actor.orgId, id) };
  });
}

// ---------- pricing, for quotes and orders ----------

export interface PriceAskInput {
  customerId?: string | null;
  customerType?: string | null;
  productIds: string[];
  currency: string;
  /** YYYY-MM-DD; the price lists valid on that day. */
  on: string;
}

/** Each product's price with where it came from (price-rules.ts). The customer's type is looked up when not given. */
export async function resolvePricesInTx(tx: Db, orgId: string, ask: PriceAskInput) {
  const customerId = ask.customerId ?? null;
  const customerType =
    ask.customerType !== undefined && ask.customerType !== null
      ? ask.customerType
      : customerId
        ? await repo.customerType(tx, orgId, customerId)
        : null;
  const ids = [...new Set(ask.productIds)];
  const [rows, lists] = await Promise.all([
    products.productsByIds(tx, orgId, ids),
    repo.candidateLists(tx, orgId, { customerId, customerType, currency: ask.currency, on: ask.on }, ids),
  ]);
  return resolvePrices(rows, lists, { customerId, customerType, currency: ask.currency, on: ask.on });
}

/**
 * The price a customer pays for each product on a day (contract for quotes and orders): the most
 * specific valid price list in the currency — the customer's, its type's, a general one — else the
 * list price when the product is sold in that currency. Products absent from the map have no price.
 */
export async function priceFor(tx: Db, orgId: string, ask: PriceAskInput): Promise<Map<string, string>> {
  const resolved = await resolvePricesInTx(tx, orgId, ask);
  return new Map([...resolved].map(([id, r]) => [id, r.price]));
}

/** GET /products/prices: the same resolution over HTTP; a customer must be within the caller's scope. */
export async function quotePrices(ctx: Ctx, query: PriceQuery) {
  requireProducts(ctx, 'read');
  const productIds = query.productIds
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!productIds.length || productIds.length > 100 || productIds.some((p) => !uuid.test(p)))
    throw fieldError('productIds', 'invalid');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (query.customerId && !(await repo.findVisibleCustomer(tx, ctx.actor, query.customerId)))
      throw fieldError('customerId', 'notFound');
    const on =
      query.on ?? localDate(ctx.now, (await findOrg(tx, ctx.actor.orgId))?.timeZone ?? 'Asia/Shanghai');
    const resolved = await resolvePricesInTx(tx, ctx.actor.orgId, {
      customerId: query.customerId,
      customerType: query.customerType,
      productIds,
      currency: query.currency ?? 'CNY',
      on,
    });
    return { items: [...resolved].map(([productId, r]) => ({ productId, ...r })) };
  });
}
