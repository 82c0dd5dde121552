import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { audit } from '../audit/index.ts';
import * as repo from './partners.repository.ts';
import { ENTITY, filterOf, requirePartners, sortOf } from './partners.service.ts';
import type { PartnerListQuery } from './partners.schema.ts';

const HEADERS = {
  en: {
    name: 'Name',
    kind: 'Kind',
    mainProducts: 'Main products',
    priceLevel: 'Price level',
    deliverySpeed: 'Delivery speed',
    serviceLevel: 'Service level',
    qualityRating: 'Quality',
    phone: 'Phone',
    email: 'Email',
    website: 'Website',
    address: 'Address',
    contacts: 'Contacts',
    tags: 'Tags',
    notes: 'Notes',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    name: '名称',
    kind: '类型',
    mainProducts: '主营产品',
    priceLevel: '价格水平',
    deliverySpeed: '交货速度',
    serviceLevel: '服务水平',
    qualityRating: '质量评分',
    phone: '电话',
    email: '邮箱',
    website: '网站',
    address: '地址',
    contacts: '联系人',
    tags: '标签',
    notes: '备注',
    updatedAt: '更新时间',
  },
};

const KIND = {
  en: {
    supplier: 'Supplier',
    bank: 'Bank',
    insurer: 'Insurer',
    courier: 'Courier',
    forwarder: 'Forwarder',
    other: 'Other',
  },
  'zh-CN': {
    supplier: '供应商',
    bank: '银行',
    insurer: '保险公司',
    courier: '快递',
    forwarder: '货代',
    other: '其他',
  },
} as const;

const CHUNK = 2_000;
type Row = repo.PartnerRow;

export async function openPartnerExport(
  ctx: Ctx,
  query: PartnerListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requirePartners(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const filter = filterOf(query);
  const sort = sortOf(query);
  const orgId = ctx.actor.orgId;
  const h = HEADERS[ctx.locale];
  const col = (key: keyof typeof h, value: (r: Row) => unknown): ExportColumnDef<Row> => ({
    key,
    header: h[key],
    value,
  });
  const all = [
    col('name', (r) => r.name),
    col('kind', (r) => KIND[ctx.locale][r.kind]),
    col('mainProducts', (r) => r.mainProducts),
    col('priceLevel', (r) => r.priceLevel),
    col('deliverySpeed', (r) => r.deliverySpeed),
    col('serviceLevel', (r) => r.serviceLevel),
    col('qualityRating', (r) => r.qualityRating),
    col('phone', (r) => r.phone),
    col('email', (r) => r.email),
    col('website', (r) => r.website),
    col('address', (r) => r.address),
    col('contacts', (r) =>
      r.contacts.map((c) => [c.name, c.title, c.phone, c.email, c.wechat].filter(Boolean).join(' ')),
    ),
    col('tags', (r) => r.tags),
    col('notes', (r) => r.notes),
    col('updatedAt', (r) => r.updatedAt),
  ];
  const picked = pickColumns(all, opts.columns, ['name']);
  if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
  const columns = picked.columns;
  const total = await withTenant(ctx.db, orgId, async (tx) => {
    const n = await repo.countPartners(tx, orgId, filter);
    const { limit: _l, cursor: _c, ...filters } = query;
    await audit(tx, ctx, ENTITY, null, 'export', [
      { field: 'rows', old: null, new: n },
      { field: 'format', old: null, new: opts.format },
      { field: 'filters', old: null, new: filters },
    ]);
    return n;
  });
  const cursorOf = (r: Row): Cursor => {
    const v = (r as unknown as Record<string, unknown>)[sort.field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v']) ?? null), id: r.id };
  };
  const next = prefetching(async (cursor: Cursor | undefined) => {
    const { rows } = await withTenant(ctx.db, orgId, (tx) =>
      repo.listPartners(tx, orgId, filter, { sort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => columns.map((c) => c.value(r))),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
