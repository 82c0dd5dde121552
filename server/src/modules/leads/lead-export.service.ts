import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { fieldRule } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { divisionByCode, maskList } from '../customers/index.ts';
import { dictionaryLabels, defaultItems } from '../customization/index.ts';
import * as repo from './leads.repository.ts';
import { ENTITY, filterOf, requireLeads, sortOf } from './leads.service.ts';
import { isSleeping } from './lead-input.ts';
import { MAN_ACTION_TEXT, manNextAction } from './man.ts';
import type { LeadListQuery } from './leads.schema.ts';

const HEADERS = {
  en: {
    name: 'Name',
    company: 'Company',
    title: 'Title',
    phones: 'Phones',
    emails: 'Emails',
    country: 'Country',
    province: 'Province',
    city: 'City',
    channel: 'Channel',
    campaign: 'Fair / platform / campaign',
    productInterest: 'Product interest',
    language: 'Language',
    status: 'Status',
    disqualifyReason: 'Disqualify reason',
    ownerName: 'Owner',
    firstContactDueAt: 'First contact due',
    sleeping: 'Sleeping',
    nextAction: 'Next action',
    tags: 'Tags',
    notes: 'Notes',
    createdAt: 'Created at',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    name: '姓名',
    company: '公司',
    title: '职务',
    phones: '电话',
    emails: '邮箱',
    country: '国家/地区',
    province: '省份',
    city: '城市',
    channel: '渠道',
    campaign: '展会/平台/活动',
    productInterest: '意向产品',
    language: '语言',
    status: '状态',
    disqualifyReason: '作废原因',
    ownerName: '负责人',
    firstContactDueAt: '首次联系期限',
    sleeping: '沉睡',
    nextAction: '建议下一步',
    tags: '标签',
    notes: '备注',
    createdAt: '创建时间',
    updatedAt: '更新时间',
  },
};

const STATUS = {
  en: {
    new: 'New',
    contacted: 'Contacted',
    qualified: 'Qualified',
    disqualified: 'Disqualified',
    converted: 'Converted',
  },
  'zh-CN': {
    new: '新线索',
    contacted: '已联系',
    qualified: '已评估',
    disqualified: '已作废',
    converted: '已转化',
  },
} as const;

const CHUNK = 2_000;
type Row = repo.LeadRow;

/**
 * The leads list as export rows: its filters, sort and data scope, phones and emails masked by the
 * caller's field rules, dictionary values by their labels. Audited once, before any row is read.
 */
export async function openLeadExport(
  ctx: Ctx,
  query: LeadListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireLeads(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const filter = filterOf(ctx, query);
  const sort = sortOf(query);
  const { columns, total } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const labels = await dictionaryLabels(tx, ctx.actor.orgId, ctx.locale);
    const label = (dict: 'leadChannel' | 'productLine' | 'leadDisqualifyReason', key: string | null) =>
      key === null
        ? null
        : (labels.get(dict)?.get(key) ??
          defaultItems(dict).find((d) => d.key === key)?.label[ctx.locale] ??
          key);
    const h = HEADERS[ctx.locale];
    const phonesRule = fieldRule(ctx.actor, ENTITY, 'phones');
    const emailsRule = fieldRule(ctx.actor, ENTITY, 'emails');
    const col = (key: keyof typeof h, value: (r: Row) => unknown): ExportColumnDef<Row> => ({
      key,
      header: h[key],
      value,
    });
    const division = (c: string | null) => (c ? (divisionByCode(c)?.name ?? c) : null);
    const all = [
      col('name', (r) => r.name),
      col('company', (r) => r.company),
      col('title', (r) => r.title),
      col('phones', (r) => maskList(phonesRule, r.phones)),
      col('emails', (r) => maskList(emailsRule, r.emails)),
      col('country', (r) => r.country),
      col('province', (r) => division(r.province)),
      col('city', (r) => division(r.city)),
      col('channel', (r) => label('leadChannel', r.channel)),
      col('campaign', (r) => r.campaign),
      col('productInterest', (r) => r.productInterest.map((p) => label('productLine', p))),
      col('language', (r) => r.language),
      col('status', (r) => STATUS[ctx.locale][r.status]),
      col('disqualifyReason', (r) => label('leadDisqualifyReason', r.disqualifyReason)),
      col('ownerName', (r) => r.ownerName),
      col('firstContactDueAt', (r) => r.firstContactDueAt),
      col('sleeping', (r) => (isSleeping(r, ctx.now) ? '✓' : '')),
      col(
        'nextAction',
        (r) =>
          MAN_ACTION_TEXT[ctx.locale][
            manNextAction({ money: r.manMoney, authority: r.manAuthority, need: r.manNeed })
          ],
      ),
      col('tags', (r) => r.tags),
      col('notes', (r) => r.notes),
      col('createdAt', (r) => r.createdAt),
      col('updatedAt', (r) => r.updatedAt),
    ];
    const picked = pickColumns(all, opts.columns, ['name']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countLeads(tx, ctx.actor, filter);
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
    const { rows } = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      repo.listLeads(tx, ctx.actor, filter, { sort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => columns.map((c) => c.value(r))),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
