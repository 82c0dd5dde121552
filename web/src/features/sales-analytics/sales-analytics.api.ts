import { api, download } from '../../api/client';

export interface Money {
  amount: string;
  currency: string;
}

export interface FunnelStage {
  stageId: string;
  key: string | null;
  name: string;
  position: number;
  reached: number;
  amount: Money;
  otherAmounts: Money[];
  nextStageId: string | null;
  conversionRate: number | null;
  avgDaysInStage: number | null;
  leftEntries: number;
}

export interface Outcome {
  count: number;
  amount: Money;
  otherAmounts: Money[];
}

export interface Funnel {
  period: { from: string; to: string };
  pipeline: { id: string; name: string } | null;
  currency: string;
  total: number;
  stages: FunnelStage[];
  open: Outcome;
  won: Outcome;
  lost: Outcome;
  winRate: number | null;
  salesCycleDays: number | null;
  lostReasons: { reason: string; count: number }[];
}

export interface SourceFigures {
  channel: string;
  campaign: string | null;
  leads: number;
  converted: number;
  conversionRate: number | null;
  opportunities: number;
  won: number;
  winRate: number | null;
  wonAmount: Money;
  otherWonAmounts: Money[];
}

export interface Acquisition {
  period: { from: string; to: string };
  currency: string;
  leads: { created: number; converted: number; successRate: number | null };
  channels: SourceFigures[];
  campaigns: SourceFigures[];
  newCustomers: { month: string; count: number; growthRate: number | null }[];
  buyers: null;
  buyersNote: string;
}

export interface AnalyticsFilters {
  from?: string;
  to?: string;
  pipelineId?: string;
  ownerId?: string;
  teamId?: string;
  channel?: string;
  campaign?: string;
}

export const salesAnalyticsKey = ['sales-analytics'] as const;

export const fetchFunnel = (f: AnalyticsFilters) => api.get<Funnel>('/sales-analytics/funnel', { ...f });

export const fetchAcquisition = (f: AnalyticsFilters) => {
  const { pipelineId: _p, campaign: _c, ...rest } = f;
  return api.get<Acquisition>('/sales-analytics/acquisition', { ...rest });
};

/** Saves an export the way the browser saves a download. */
export async function exportAnalytics(
  report: 'funnel' | 'acquisition',
  f: AnalyticsFilters,
  format: 'xlsx' | 'csv',
): Promise<void> {
  const query =
    report === 'funnel'
      ? { ...f, format }
      : { from: f.from, to: f.to, ownerId: f.ownerId, teamId: f.teamId, channel: f.channel, format };
  const { blob, filename } = await download(`/sales-analytics/${report}/export`, query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? `${report}.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

/** 0.6667 → "66.7%"; null → "—". */
export const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** "1234567.50" → "1,234,567.50" with its currency; the others follow. */
export function moneyLine(main: Money, others: Money[] = []): string {
  const fmt = (m: Money) => {
    const [whole = '0', frac = '00'] = m.amount.split('.');
    const neg = whole.startsWith('-');
    const digits = (neg ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${neg ? '-' : ''}${digits}.${frac} ${m.currency}`;
  };
  return [main, ...others].map(fmt).join(' + ');
}
