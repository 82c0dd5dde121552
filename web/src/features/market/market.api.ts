import { api, type ListPage } from '../../api/client';

export interface MarketStat {
  id: string;
  version: number;
  region: string;
  regionName: string;
  category: string;
  year: number;
  importValue: string;
  currency: string;
  source: string | null;
}

export interface RegionPotential {
  region: string;
  name: string;
  currency: string | null;
  values: (string | null)[];
  latest: string | null;
  change: string | null;
  changePct: number | null;
  cagr: number | null;
  customers: number;
  leads: number;
}

export interface Potential {
  category: string | null;
  categories: string[];
  years: number[];
  regions: RegionPotential[];
}

export const marketKey = ['market-stats'] as const;

export const fetchPotential = (q: { category?: string; toYear?: number }) =>
  api.get<Potential>('/market-stats/potential', { ...q });
export const listMarketStats = (q: {
  category?: string;
  region?: string;
  year?: number;
  cursor?: string | null;
}) => api.get<ListPage<MarketStat>>('/market-stats', { ...q, limit: 100 });
export const createMarketStat = (input: {
  region: string;
  category: string;
  year: number;
  importValue: string;
  currency?: string;
  source?: string | null;
}) => api.post<MarketStat>('/market-stats', input);
export const deleteMarketStat = (id: string) => api.delete(`/market-stats/${id}`);

/** "1234567.5" → "1,234,567.50"; null → "—". */
export function amount(v: string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const [whole = '0', frac = ''] = v.split('.');
  const neg = whole.startsWith('-');
  const digits = (neg ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${digits}.${frac.padEnd(2, '0')}`;
}
