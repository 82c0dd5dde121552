import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { fieldRule } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { cfSortValue, dictionaryLabels, displayValue, type FieldDef } from '../customization/index.ts';
import * as repo from './customers.repository.ts';
import { divisionName, maskList } from './customer-present.ts';
import { ENTITY, listingOf, requireCustomers } from './customers.service.ts';
import type { CustomerListQuery } from './customers.schema.ts';

const HEADERS = {
  en: {
    name: 'Name',
    code: 'Code',
    kind: 'Kind',
    phones: 'Phones',
    emails: 'Emails',
    region: 'Region',
    address: 'Address',
    type: 'Type',
    source: 'Source',
    industry: 'Industry',
    relationshipLevel: 'Relationship level',
    lifecycleStatus: 'Lifecycle status',
    grade: 'Grade',
    owner: 'Owner',
    tags: 'Tags',
    createdAt: 'Created at',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    name: '客户名称',
    code: '客户编号',
    kind: '客户类别',
    phones: '电话',
    emails: '邮箱',
    region: '地区',
    address: '地址',
    type: '客户类型',
    source: '来源渠道',
    industry: '行业',
    relationshipLevel: '关系层级',
    lifecycleStatus: '生命周期状态',
    grade: '客户等级',
    owner: '负责人',
    tags: '标签',
    createdAt: '创建时间',
    updatedAt: '更新时间',
  },
};

const ENUM_LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: {
    company: 'Company',
    person: 'Person',
    prospect: 'Prospect',
    active: 'Active',
    dormant: 'Dormant',
    lost: 'Lost',
  },
  'zh-CN': {
    company: '法人客户',
    person: '自然人客户',
    prospect: '潜在客户',
    active: '活跃客户',
    dormant: '休眠客户',
    lost: '流失客户',
  },
};

type Row = repo.CustomerExportRow;

/** "…T08:31:01.334512Z" → "…T08:31:01.334Z": what the list and the API show. */
const ms = (iso: string) => `${iso.slice(0, 23)}Z`;

/** Rows read per query: enough to amortise a round trip; more only makes the heap (and RSS) peak higher. */
export const EXPORT_CHUNK = 2_000;

function exportColumns(
  ctx: Ctx,
  defs: FieldDef[],
  labels: Map<string, Map<string, string>>,
): ExportColumnDef<Row>[] {
  const h = HEADERS[ctx.locale];
  const phonesRule = fieldRule(ctx.actor, ENTITY, 'phones');
  const emailsRule = fieldRule(ctx.actor, ENTITY, 'emails');
  // Dictionary values in the reader's language (a key no longer in its dictionary is written as stored).
  const dict = (name: string, v: string | null) => (v === null ? null : (labels.get(name)?.get(v) ?? v));
  const enumLabel = (v: string | null) => (v === null ? null : (ENUM_LABELS[ctx.locale][v] ?? v));
  const col = (key: keyof typeof h, value: (r: Row) => unknown) => ({ key, header: h[key], value });
  return [
    col('name', (r) => r.name),
    col('code', (r) => r.code),
    col('kind', (r) => enumLabel(r.kind)),
    col('phones', (r) => maskList(phonesRule, r.phones)),
    col('emails', (r) => maskList(emailsRule, r.emails)),
    col('region', (r) =>
      [divisionName(r.province), divisionName(r.city), divisionName(r.district)].filter(Boolean).join(' '),
    ),
    col('address', (r) => r.address),
    col('type', (r) => dict('customerType', r.type)),
    col('source', (r) => dict('source', r.source)),
    col('industry', (r) => dict('industry', r.industry)),
    col('relationshipLevel', (r) => dict('relationshipLevel', r.relationshipLevel)),
    col('lifecycleStatus', (r) => enumLabel(r.lifecycleStatus)),
    col('grade', (r) => r.grade),
    col('owner', (r) => r.ownerName),
    col('tags', (r) => r.tags),
    col('createdAt', (r) => ms(r.createdAt)),
    col('updatedAt', (r) => ms(r.updatedAt)),
    ...defs.map((d) => ({
      key: `cf.${d.key}`,
      header: d.label[ctx.locale],
      value: (r: Row) => displayValue(d, r.customFields?.[d.key], ctx.locale),
    })),
  ];
}

/**
 * The customer list as export rows: the list's filters, sort and custom-field conditions, the
 * caller's data scope and field masking, dictionary labels in the caller's language. Counts the
 * rows and writes the one audit entry before any row is read; then reads keyset chunks.
 */
export async function openCustomerExport(
  ctx: Ctx,
  query: CustomerListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireCustomers(ctx, 'export');
  const chunk = opts.chunk ?? EXPORT_CHUNK;
  const { filter, sort, cfSort, columns, total } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const listing = await listingOf(tx, ctx, query);
    const labels = await dictionaryLabels(tx, ctx.actor.orgId, ctx.locale);
    const all = exportColumns(ctx, listing.defs, labels);
    const picked = pickColumns(all, opts.columns, ['name']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countCustomers(tx, ctx.actor, listing.filter);
    const { limit: _l, cursor: _c, ...filters } = query;
    await audit(tx, ctx, ENTITY, null, 'export', [
      { field: 'rows', old: null, new: total },
      { field: 'format', old: null, new: opts.format },
      { field: 'filters', old: null, new: filters },
    ]);
    return { ...listing, columns: picked.columns, total };
  });
  const cursorOf = (r: Row): Cursor => {
    if (cfSort) return { v: cfSortValue(cfSort, r.customFields ?? {}), id: r.id };
    const v = (r as unknown as Record<string, unknown>)[sort.field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v']) ?? null), id: r.id };
  };
  const view = repo.customerExportView();
  const next = prefetching(async (cursor: Cursor | undefined) => {
    const rows = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      repo.listCustomersForExport(tx, ctx.actor, filter, { sort, cfSort, cursor, limit: chunk }),
    );
    const n = Math.min(rows.length, chunk);
    const cells: unknown[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      view.values = rows[i]!;
      cells[i] = columns.map((c) => c.value(view));
    }
    if (rows.length <= chunk) return { rows: cells, cursor: null };
    view.values = rows[chunk - 1]!;
    return { rows: cells, cursor: cursorOf(view) };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
