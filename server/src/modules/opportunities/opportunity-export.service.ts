import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { audit } from '../audit/index.ts';
import { dictionaryLabels } from '../customization/index.ts';
import * as repo from './opportunities.repository.ts';
import { ENTITY, listingOf, requireOpportunities } from './opportunities.service.ts';
import { isRenamed } from './stage-rules.ts';
import type { OpportunityListQuery } from './opportunities.schema.ts';

const HEADERS = {
  en: {
    name: 'Opportunity',
    customerName: 'Customer',
    stageName: 'Stage',
    status: 'Status',
    amount: 'Amount',
    currency: 'Currency',
    probability: 'Probability (%)',
    expectedCloseDate: 'Expected close',
    ownerName: 'Owner',
    channel: 'Channel',
    campaign: 'Campaign',
    lostReason: 'Lost reason',
    closedAt: 'Closed at',
    createdAt: 'Created at',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    name: '商机名称',
    customerName: '客户',
    stageName: '阶段',
    status: '状态',
    amount: '金额',
    currency: '币种',
    probability: '赢单概率(%)',
    expectedCloseDate: '预计成交日期',
    ownerName: '负责人',
    channel: '渠道',
    campaign: '展会/平台/活动',
    lostReason: '输单原因',
    closedAt: '关闭时间',
    createdAt: '创建时间',
    updatedAt: '更新时间',
  },
};

const STATUS = {
  en: { open: 'Open', won: 'Won', lost: 'Lost' },
  'zh-CN': { open: '进行中', won: '赢单', lost: '输单' },
};

const STAGE_EN: Record<string, string> = {
  targetMarket: 'Target market',
  potentialCustomer: 'Potential customer',
  needsAnalysis: 'Needs analysis',
  proposal: 'Proposal',
  won: 'Won',
  lost: 'Lost',
};

const CHUNK = 2_000;
type Row = repo.OpportunityRow;

/** A built-in stage's name in the reader's language unless it was renamed. */
function stageLabel(r: Row, locale: 'en' | 'zh-CN'): string | null {
  if (!r.stageName) return null;
  if (locale === 'en' && r.stageKey && !isRenamed({ key: r.stageKey, name: r.stageName }))
    return STAGE_EN[r.stageKey] ?? r.stageName;
  return r.stageName;
}

function exportColumns(ctx: Ctx, labels: Map<string, Map<string, string>>): ExportColumnDef<Row>[] {
  const h = HEADERS[ctx.locale];
  const dict = (d: string, v: string | null) => (v ? (labels.get(d)?.get(v) ?? v) : null);
  const col = (key: keyof typeof h, value: (r: Row) => unknown) => ({ key, header: h[key], value });
  return [
    col('name', (r) => r.name),
    col('customerName', (r) => r.customerName),
    col('stageName', (r) => stageLabel(r, ctx.locale)),
    col('status', (r) => STATUS[ctx.locale][r.status]),
    col('amount', (r) => r.amount),
    col('currency', (r) => r.currency),
    col('probability', (r) => r.probability),
    col('expectedCloseDate', (r) => r.expectedCloseDate),
    col('ownerName', (r) => r.ownerName),
    col('channel', (r) => dict('leadChannel', r.channel)),
    col('campaign', (r) => r.campaign),
    col('lostReason', (r) => dict('opportunityLostReason', r.lostReason)),
    col('closedAt', (r) => r.closedAt),
    col('createdAt', (r) => r.createdAt),
    col('updatedAt', (r) => r.updatedAt),
  ];
}

/** The opportunities list as export rows: its filters, sort and data scope; audited once, before any row. */
export async function openOpportunityExport(
  ctx: Ctx,
  query: OpportunityListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireOpportunities(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const { filter, sort } = listingOf(query);
  const { columns, total } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const all = exportColumns(ctx, await dictionaryLabels(tx, ctx.actor.orgId, ctx.locale));
    const picked = pickColumns(all, opts.columns, ['name']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countOpportunities(tx, ctx.actor, filter, null);
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
      repo.listOpportunities(tx, ctx.actor, filter, { sort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => columns.map((c) => c.value(r))),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
