// Pure: the funnel and acquisition figures as spreadsheet rows, headed in the caller's language.
import type { Locale } from '../../i18n/messages.ts';
import type { ExportColumn } from '../../lib/export-cells.ts';
import type { AcquisitionFigures } from './acquisition.ts';
import type { FunnelFigures } from './funnel.ts';
import type { Money } from './money.ts';

type Row = unknown[];
const col = (header: string, i: number): ExportColumn<Row> => ({ header, value: (r) => r[i] });
const others = (m: Money[]) => m.map((x) => `${x.amount} ${x.currency}`).join('; ');
const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

const T = {
  'zh-CN': {
    stage: '阶段',
    reached: '到达数',
    amount: '金额',
    otherAmounts: '其他币种金额',
    conversion: '转化率（到下一阶段）',
    avgDays: '平均停留天数',
    won: '赢单',
    lost: '输单',
    open: '进行中',
    winRate: '赢单率',
    cycle: '平均销售周期（天）',
    lostReason: '输单原因',
    period: '期间',
    channel: '渠道',
    campaign: '展会/平台/活动',
    leads: '线索数',
    converted: '已转化',
    opportunities: '商机数',
    wonAmount: '赢单金额',
    successRate: '开发成功率',
    month: '月份',
    newCustomers: '新客户数',
    growth: '环比增长率',
    all: '全部',
  },
  en: {
    stage: 'Stage',
    reached: 'Reached',
    amount: 'Amount',
    otherAmounts: 'Other currencies',
    conversion: 'Conversion to next',
    avgDays: 'Avg. days in stage',
    won: 'Won',
    lost: 'Lost',
    open: 'Open',
    winRate: 'Win rate',
    cycle: 'Avg. sales cycle (days)',
    lostReason: 'Lost reason',
    period: 'Period',
    channel: 'Channel',
    campaign: 'Fair / platform / campaign',
    leads: 'Leads',
    converted: 'Converted',
    opportunities: 'Opportunities',
    wonAmount: 'Won amount',
    successRate: 'Development success rate',
    month: 'Month',
    newCustomers: 'New customers',
    growth: 'Growth month over month',
    all: 'All',
  },
};

export function funnelSheet(
  f: FunnelFigures & { period: { from: string; to: string } },
  locale: Locale,
  stageName: (s: { key: string | null; name: string }) => string,
  reasonName: (reason: string) => string,
): { columns: ExportColumn<Row>[]; rows: Row[] } {
  const t = T[locale];
  const columns = [t.stage, t.reached, t.amount, t.otherAmounts, t.conversion, t.avgDays].map(col);
  const rows: Row[] = f.stages.map((s) => [
    stageName(s),
    s.reached,
    s.amount.amount,
    others(s.otherAmounts),
    pct(s.conversionRate),
    s.avgDaysInStage ?? '',
  ]);
  rows.push([t.won, f.won.count, f.won.amount.amount, others(f.won.otherAmounts), '', '']);
  rows.push([t.lost, f.lost.count, f.lost.amount.amount, others(f.lost.otherAmounts), '', '']);
  rows.push([t.open, f.open.count, f.open.amount.amount, others(f.open.otherAmounts), '', '']);
  rows.push([]);
  rows.push([t.winRate, pct(f.winRate)]);
  rows.push([t.cycle, f.salesCycleDays ?? '']);
  rows.push([t.period, `${f.period.from} – ${f.period.to}`]);
  rows.push([]);
  rows.push([t.lostReason, t.lost]);
  for (const r of f.lostReasons) rows.push([reasonName(r.reason), r.count]);
  return { columns, rows };
}

export function acquisitionSheet(
  a: AcquisitionFigures & { period: { from: string; to: string } },
  locale: Locale,
  channelName: (key: string) => string,
): { columns: ExportColumn<Row>[]; rows: Row[] } {
  const t = T[locale];
  const columns = [
    t.channel,
    t.campaign,
    t.leads,
    t.converted,
    t.conversion,
    t.opportunities,
    t.won,
    t.winRate,
    t.wonAmount,
    t.otherAmounts,
  ].map(col);
  const rows: Row[] = [];
  const source = (s: AcquisitionFigures['campaigns'][number], campaign: string) => [
    channelName(s.channel),
    campaign,
    s.leads,
    s.converted,
    pct(s.conversionRate),
    s.opportunities,
    s.won,
    pct(s.winRate),
    s.wonAmount.amount,
    others(s.otherWonAmounts),
  ];
  for (const s of a.channels) rows.push(source(s, t.all));
  for (const s of a.campaigns) rows.push(source(s, s.campaign ?? ''));
  rows.push([]);
  rows.push([
    t.leads,
    a.leads.created,
    t.converted,
    a.leads.converted,
    t.successRate,
    pct(a.leads.successRate),
  ]);
  rows.push([t.period, `${a.period.from} – ${a.period.to}`]);
  rows.push([]);
  rows.push([t.month, t.newCustomers, t.growth]);
  for (const m of a.newCustomers) rows.push([m.month, m.count, pct(m.growthRate)]);
  return { columns, rows };
}
