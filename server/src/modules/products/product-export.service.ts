import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { fieldRule, maskFieldValue } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { defaultItems, dictionaryLabels } from '../customization/index.ts';
import * as repo from './products.repository.ts';
import { ENTITY, filterOf, requireProducts, sortOf } from './products.service.ts';
import type { ProductListQuery } from './products.schema.ts';

const HEADERS = {
  en: {
    sku: 'SKU',
    name: 'Name',
    nameEn: 'English name',
    categoryName: 'Category',
    unit: 'Unit',
    listPrice: 'List price',
    cost: 'Cost',
    currency: 'Currency',
    taxRate: 'Tax rate %',
    status: 'Status',
    productLine: 'Product line',
    description: 'Description',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    sku: '货号',
    name: '名称',
    nameEn: '英文名称',
    categoryName: '分类',
    unit: '单位',
    listPrice: '标准价',
    cost: '成本',
    currency: '币种',
    taxRate: '税率%',
    status: '状态',
    productLine: '产品线',
    description: '描述',
    updatedAt: '更新时间',
  },
};

const STATUS = {
  en: { active: 'Active', discontinued: 'Discontinued', draft: 'Draft' },
  'zh-CN': { active: '在售', discontinued: '停产', draft: '草稿' },
} as const;

const CHUNK = 2_000;
type Row = repo.ProductRow;

/** The catalogue list as export rows: its filters and sort; the cost under the caller's field rule. Audited. */
export async function openProductExport(
  ctx: Ctx,
  query: ProductListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireProducts(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const filter = filterOf(query);
  const sort = sortOf(query);
  const orgId = ctx.actor.orgId;
  const { columns, total } = await withTenant(ctx.db, orgId, async (tx) => {
    const labels = await dictionaryLabels(tx, orgId, ctx.locale);
    const line = (key: string | null) =>
      key === null
        ? null
        : (labels.get('productLine')?.get(key) ??
          defaultItems('productLine').find((d) => d.key === key)?.label[ctx.locale] ??
          key);
    const h = HEADERS[ctx.locale];
    const costRule = fieldRule(ctx.actor, ENTITY, 'cost');
    const col = (key: keyof typeof h, value: (r: Row) => unknown): ExportColumnDef<Row> => ({
      key,
      header: h[key],
      value,
    });
    const all = [
      col('sku', (r) => r.sku),
      col('name', (r) => r.name),
      col('nameEn', (r) => r.nameEn),
      col('categoryName', (r) => r.categoryName),
      col('unit', (r) => r.unit),
      col('listPrice', (r) => r.listPrice),
      col('cost', (r) => maskFieldValue(costRule, r.cost)),
      col('currency', (r) => r.currency),
      col('taxRate', (r) => r.taxRate),
      col('status', (r) => STATUS[ctx.locale][r.status]),
      col('productLine', (r) => line(r.productLine)),
      col('description', (r) => r.description),
      col('updatedAt', (r) => r.updatedAt),
    ].filter((c) => !(c.key === 'cost' && costRule === 'hide'));
    const picked = pickColumns(all, opts.columns, ['sku']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countProducts(tx, orgId, filter);
    const { limit: _l, cursor: _c, ...filters } = query;
    await audit(tx, ctx, ENTITY, null, 'export', [
      { field: 'rows', old: null, new: total },
      { field: 'format', old: null, new: opts.format },
      { field: 'filters', old: null, new: filters },
    ]);
    return { columns: picked.columns, total };
  });
  const cursorOf = (r: Row): Cursor => {
    const v = (r as unknown as Record<string, unknown>)[sort.field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v']) ?? null), id: r.id };
  };
  const next = prefetching(async (cursor: Cursor | undefined) => {
    const { rows } = await withTenant(ctx.db, orgId, (tx) =>
      repo.listProducts(tx, orgId, filter, { sort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => columns.map((c) => c.value(r))),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
