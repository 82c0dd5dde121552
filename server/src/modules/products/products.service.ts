import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { applyFieldRules, can, type Action, type Actor } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { checkDictionaryValues } from '../customization/index.ts';
import * as repo from './products.repository.ts';
import { products } from './products.table.ts';
import { normaliseProduct } from './product-input.ts';
import {
  PRODUCT_SORTS,
  type ProductCreate,
  type ProductListQuery,
  type ProductPatch,
} from './products.schema.ts';

export const ENTITY = 'products';

export function requireProducts(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** What leaves the server: cost under the caller's field rule (products.cost: hidden from sales). */
export const present = <T extends repo.ProductRow>(actor: Actor, r: T): T =>
  applyFieldRules(actor, ENTITY, r);

const snapshot = (r: repo.ProductRow) => ({
  sku: r.sku,
  name: r.name,
  nameEn: r.nameEn,
  categoryId: r.categoryId,
  unit: r.unit,
  listPrice: r.listPrice,
  cost: r.cost,
  currency: r.currency,
  taxRate: r.taxRate,
  status: r.status,
  productLine: r.productLine,
  description: r.description,
});

async function liveProduct(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findProduct(tx, ctx.actor.orgId, id);
  if (!row) throw notFound('product');
  return row;
}

export function filterOf(query: ProductListQuery): repo.ProductFilter {
  return {
    q: query.q?.trim() || undefined,
    categoryId: query.categoryId,
    status: query.status,
    productLine: query.productLine,
  };
}

export const sortOf = (query: ProductListQuery) =>
  parseSort(query.sort, PRODUCT_SORTS, { field: 'sku', desc: false });

export async function listProducts(ctx: Ctx, query: ProductListQuery) {
  requireProducts(ctx, 'read');
  const sort = sortOf(query);
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listProducts(tx, ctx.actor.orgId, filterOf(query), {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items.map((r) => present(ctx.actor, r)), total, nextCursor: page.nextCursor };
  });
}

async function withImages(tx: Db, ctx: Ctx, row: repo.ProductRow) {
  const images = await repo.listImages(tx, ctx.actor.orgId, row.id);
  return {
    ...present(ctx.actor, row),
    images: images.map((i) => ({
      id: i.id,
      fileName: i.fileName,
      contentType: i.contentType,
      size: i.size,
      createdAt: i.createdAt,
    })),
  };
}

export async function getProduct(ctx: Ctx, id: string) {
  requireProducts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) =>
    withImages(tx, ctx, await liveProduct(tx, ctx, id)),
  );
}

/** Checks the category, the product line and the SKU's uniqueness; throws the errors found. */
async function checkRefs(
  tx: Db,
  ctx: Ctx,
  set: Record<string, unknown>,
  errors: FieldError[],
  exceptId?: string,
): Promise<void> {
  if (typeof set.categoryId === 'string' && !(await repo.findCategory(tx, ctx.actor.orgId, set.categoryId)))
    errors.push({ field: 'categoryId', code: 'notFound' });
  if (typeof set.productLine === 'string')
    errors.push(
      ...(await checkDictionaryValues(
        tx,
        ctx.actor.orgId,
        ctx.now,
        { productLine: 'productLine' },
        { productLine: set.productLine },
      )),
    );
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  if (typeof set.sku === 'string') {
    const taken = await repo.findBySku(tx, ctx.actor.orgId, set.sku, exceptId);
    if (taken)
      throw new AppError('DUPLICATE_SKU', { sku: set.sku, name: taken.name }, [
        { field: 'sku', code: 'taken', params: { id: taken.id } },
      ]);
  }
}

export async function createProduct(ctx: Ctx, input: ProductCreate) {
  requireProducts(ctx, 'create');
  const { set, errors } = normaliseProduct(input);
  if (input.categoryId !== undefined) set.categoryId = input.categoryId;
  if (input.status !== undefined) set.status = input.status;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await checkRefs(tx, ctx, set, errors);
    const id = newId();
    await repo.insertProducts(tx, [
      {
        ...(set as Partial<typeof products.$inferInsert>),
        sku: set.sku as string,
        name: set.name as string,
        id,
        orgId: ctx.actor.orgId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      },
    ]);
    const row = (await repo.findProduct(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    return withImages(tx, ctx, row);
  });
}

export async function updateProduct(ctx: Ctx, id: string, patch: ProductPatch) {
  requireProducts(ctx, 'update');
  const { version, ...changes } = patch;
  const { set, errors } = normaliseProduct(changes);
  if (changes.categoryId !== undefined) set.categoryId = changes.categoryId;
  if (changes.status !== undefined) set.status = changes.status;
  // A caller who cannot see the cost cannot overwrite it either.
  if ('cost' in set && ctx.actor.fieldRules['products.cost'])
    errors.push({ field: 'cost', code: 'readOnly' });
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await liveProduct(tx, ctx, id);
    await checkRefs(tx, ctx, set, errors, id);
    await updateVersioned(
      tx,
      products,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'product',
    );
    const after = (await repo.findProduct(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return withImages(tx, ctx, after);
  });
}

export async function deleteProduct(ctx: Ctx, id: string) {
  requireProducts(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await liveProduct(tx, ctx, id);
    await softDelete(tx, products, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreProduct(ctx: Ctx, id: string) {
  requireProducts(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findProduct(tx, ctx.actor.orgId, id, { deleted: true });
    if (!row) throw notFound('product');
    // Its SKU may have been given to another product meanwhile.
    const taken = await repo.findBySku(tx, ctx.actor.orgId, row.sku, id);
    if (taken)
      throw new AppError('DUPLICATE_SKU', { sku: row.sku, name: taken.name }, [
        { field: 'sku', code: 'taken' },
      ]);
    await restoreDeleted(tx, products, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return withImages(tx, ctx, (await repo.findProduct(tx, ctx.actor.orgId, id))!);
  });
}

export async function productHistory(ctx: Ctx, id: string) {
  requireProducts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await liveProduct(tx, ctx, id);
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
