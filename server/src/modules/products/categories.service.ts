import type { Ctx } from '../../plugins/context.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, fieldError, notFound } from '../../lib/errors.ts';
import { audit, auditChange } from '../audit/index.ts';
import * as repo from './products.repository.ts';
import { productCategories } from './products.table.ts';
import { categoryPath, wouldCreateCycle } from './product-input.ts';
import { requireProducts } from './products.service.ts';
import type { CategoryCreate, CategoryPatch } from './products.schema.ts';

const ENTITY = 'productCategories';

const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;
const out = <T extends { path: string }>(r: T) => ({ ...r, depth: depthOf(r.path) });

const snapshot = (r: repo.CategoryRow) => ({
  name: r.name,
  nameEn: r.nameEn,
  parentId: r.parentId,
  sortOrder: r.sortOrder,
});

/** The whole tree, flat, parents before children (by path), with product counts. */
export async function listCategories(ctx: Ctx) {
  requireProducts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const rows = await repo.listCategories(tx, ctx.actor.orgId);
    return { items: rows.map(out) };
  });
}

async function oneOut(tx: Parameters<typeof repo.listCategories>[0], orgId: string, id: string) {
  const rows = await repo.listCategories(tx, orgId);
  return out(rows.find((r) => r.id === id)!);
}

export async function createCategory(ctx: Ctx, input: CategoryCreate) {
  requireProducts(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    let parentPath: string | null = null;
    if (input.parentId) {
      const parent = await repo.findCategory(tx, ctx.actor.orgId, input.parentId);
      if (!parent) throw fieldError('parentId', 'notFound');
      parentPath = parent.path;
    }
    const id = newId();
    const row = {
      id,
      orgId: ctx.actor.orgId,
      name: input.name.trim(),
      nameEn: input.nameEn?.trim() || null,
      parentId: input.parentId ?? null,
      path: categoryPath(parentPath, id),
      sortOrder: input.sortOrder ?? 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    };
    if (!row.name) throw fieldError('name', 'required');
    await repo.insertCategory(tx, row);
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row as repo.CategoryRow));
    return oneOut(tx, ctx.actor.orgId, id);
  });
}

export async function updateCategory(ctx: Ctx, id: string, patch: CategoryPatch) {
  requireProducts(ctx, 'update');
  const { version, ...changes } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findCategory(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('productCategory');
    const set: Record<string, unknown> = {};
    if (changes.name !== undefined) {
      set.name = changes.name.trim();
      if (!set.name) throw fieldError('name', 'required');
    }
    if (changes.nameEn !== undefined) set.nameEn = changes.nameEn?.trim() || null;
    if (changes.sortOrder !== undefined) set.sortOrder = changes.sortOrder;
    let newPath: string | undefined;
    if (changes.parentId !== undefined && changes.parentId !== before.parentId) {
      let parentPath: string | null = null;
      if (changes.parentId) {
        const parent = await repo.findCategory(tx, ctx.actor.orgId, changes.parentId);
        if (!parent) throw fieldError('parentId', 'notFound');
        if (wouldCreateCycle(before.path, parent.path)) throw fieldError('parentId', 'invalid');
        parentPath = parent.path;
      }
      set.parentId = changes.parentId;
      newPath = categoryPath(parentPath, id);
    }
    const after = await updateVersioned<repo.CategoryRow>(
      tx,
      productCategories,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'productCategory',
    );
    if (newPath) await repo.movePaths(tx, ctx.actor.orgId, before.path, newPath);
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return oneOut(tx, ctx.actor.orgId, id);
  });
}

/** Refused (409 IN_USE) while live products or sub-categories are in it. */
export async function deleteCategory(ctx: Ctx, id: string) {
  requireProducts(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findCategory(tx, ctx.actor.orgId, id))) throw notFound('productCategory');
    const use = await repo.categoryUse(tx, ctx.actor.orgId, id);
    if (use.children || use.products)
      throw new AppError('IN_USE', { entity: 'productCategory', count: use.children + use.products }, use);
    await softDelete(tx, productCategories, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}
