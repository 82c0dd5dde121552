import type { Db } from '../../db/types.ts';
import type { Ctx } from '../../plugins/context.ts';
import { newId } from '../../db/columns.ts';
import { activeDictionaryItems } from '../customization/index.ts';
import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import * as repo from './products.repository.ts';
import { categoryPath } from './product-input.ts';
import {
  PRODUCT_IMPORT_FIELDS,
  productFromRow,
  type ProductImportPrepared,
  type ProductImportValue,
} from './product-import.ts';
import { ENTITY, requireProducts } from './products.service.ts';

type Stored = Awaited<ReturnType<typeof repo.productsBySkus>>[number];

const before = (s: Stored) => ({
  name: s.name,
  nameEn: s.nameEn,
  categoryId: s.categoryId,
  unit: s.unit,
  listPrice: s.listPrice,
  cost: s.cost,
  currency: s.currency,
  taxRate: s.taxRate,
  status: s.status,
  productLine: s.productLine,
});

/**
 * Category ids by their name path ("家电/厨房电器"), creating the missing ones: read from the
 * database at every batch, so a batch that rolled back leaves no id behind.
 */
async function categoryResolver(tx: Db, ctx: Ctx) {
  const rows = await repo.listCategories(tx, ctx.actor.orgId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = (path: string) =>
    path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id)?.name ?? '')
      .join('/');
  const known = new Map<string, { id: string; path: string }>();
  for (const r of rows) if (!known.has(names(r.path))) known.set(names(r.path), { id: r.id, path: r.path });
  return async (segments: string[]): Promise<string | null> => {
    let parent = null as { id: string; path: string } | null;
    for (let i = 0; i < segments.length; i++) {
      const key = segments.slice(0, i + 1).join('/');
      let node = known.get(key);
      if (!node) {
        const id = newId();
        node = { id, path: categoryPath(parent?.path ?? null, id) };
        await repo.insertCategory(tx, {
          id,
          orgId: ctx.actor.orgId,
          name: segments[i]!,
          parentId: parent?.id ?? null,
          path: node.path,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        });
        known.set(key, node);
      }
      parent = node;
    }
    return parent?.id ?? null;
  };
}

/** The catalogue from a spreadsheet; upsert key: the SKU. Missing categories of a name path are created. */
export const productsImport: ImportEntity<ProductImportPrepared, ProductImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '产品', en: 'Products' },
  formats: ['csv', 'xlsx'],
  tables: ['products (org_id, sku)'],
  keys: [{ key: 'sku', label: { 'zh-CN': '货号', en: 'SKU' } }],

  authorise(ctx, mode) {
    requireProducts(ctx, 'create');
    if (mode === 'upsert') requireProducts(ctx, 'update');
  },

  async fields() {
    return PRODUCT_IMPORT_FIELDS;
  },

  async prepare(tx, ctx) {
    const items = await activeDictionaryItems(tx, ctx.actor.orgId, ctx.now);
    const productLines = new Map<string, string>();
    for (const i of items.filter((x) => x.dictionary === 'productLine'))
      for (const k of [i.key, i.label['zh-CN'], i.label.en]) if (k) productLines.set(k.toLowerCase(), i.key);
    return { productLines, costHidden: !!ctx.actor.fieldRules['products.cost'] };
  },

  validate: (p, row) => productFromRow(p, row),

  display: (_p, v) => ({
    sku: v.sku,
    name: v.name,
    nameEn: v.nameEn ?? '',
    category: v.category.join(' / '),
    unit: v.unit ?? '',
    listPrice: v.listPrice ?? '',
    cost: v.cost ?? '',
    currency: v.currency ?? '',
    taxRate: v.taxRate ?? '',
    status: v.status ?? '',
    productLine: v.productLine ?? '',
  }),

  async write(tx, ctx, _p, rows, opts) {
    const orgId = ctx.actor.orgId;
    const existing = new Map(
      (await repo.productsBySkus(tx, orgId, [...new Set(rows.map((r) => r.value.sku))])).map((s) => [
        s.sku,
        s,
      ]),
    );
    const category = await categoryResolver(tx, ctx);
    const inBatch = new Map<string, { id: string; rowNo: number }>();
    const out: RowOutcome[] = [];
    const who = { userId: ctx.actor.userId, now: ctx.now };
    for (const { rowNo, value: v } of rows) {
      const stored = existing.get(v.sku);
      const earlier = inBatch.get(v.sku);
      const set: Record<string, unknown> = { name: v.name, nameEn: v.nameEn };
      if (v.category.length) set.categoryId = await category(v.category);
      for (const k of ['unit', 'listPrice', 'cost', 'currency', 'taxRate', 'status', 'productLine'] as const)
        if (v[k] !== undefined) set[k] = v[k];
      if ((stored || earlier) && opts.mode !== 'upsert') {
        out.push({
          rowNo,
          kind: opts.mode === 'skip-duplicates' ? 'skipped' : 'failed',
          errors: [
            earlier
              ? { field: 'sku', code: 'duplicateInFile', params: { row: earlier.rowNo } }
              : { field: 'sku', code: 'taken' },
          ],
        });
        continue;
      }
      if (stored || earlier) {
        const id = stored?.id ?? earlier!.id;
        const version = await repo.updateProductValues(tx, orgId, id, set, who);
        out.push(
          stored && !earlier
            ? { rowNo, kind: 'updated', id, version, before: before(stored) }
            : { rowNo, kind: 'updated', id, version, before: {} },
        );
        inBatch.set(v.sku, { id, rowNo });
        continue;
      }
      const id = newId();
      await repo.insertProducts(tx, [
        {
          ...(set as object),
          id,
          orgId,
          sku: v.sku,
          name: v.name,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        },
      ]);
      inBatch.set(v.sku, { id, rowNo });
      out.push({ rowNo, kind: 'created', id, version: 1 });
    }
    return out;
  },

  async undo(tx, ctx, records): Promise<UndoResult> {
    const orgId = ctx.actor.orgId;
    const state = new Map(
      (
        await repo.productsByIds(
          tx,
          orgId,
          records.map((r) => r.recordId),
          { live: false },
        )
      ).map((s) => [s.id, s]),
    );
    const conflicts: UndoResult['conflicts'] = [];
    const remove: string[] = [];
    let restored = 0;
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      if (s.version !== r.versionAfter || s.deletedAt !== null) {
        conflicts.push({ id: s.id, name: `${s.sku} ${s.name}` });
        continue;
      }
      if (r.action === 'created') remove.push(s.id);
      else if (r.before && Object.keys(r.before).length) {
        await repo.updateProductValues(tx, orgId, s.id, r.before, { userId: ctx.actor.userId, now: ctx.now });
        restored++;
      }
    }
    await repo.hardDeleteProducts(tx, orgId, remove);
    return { undone: remove.length + restored, conflicts };
  },
};
