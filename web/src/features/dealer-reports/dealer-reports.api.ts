import { api, type ListPage } from '../../api/client';

export type DealerFlag = 'openingMismatch' | 'balanceMismatch' | 'sellInMismatch';

export interface DealerReport {
  id: string;
  version: number;
  customerId: string;
  customerName: string;
  productId: string;
  productSku: string | null;
  productName: string | null;
  /** YYYY-MM */
  month: string;
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales: string | null;
  flags: DealerFlag[];
  check: { previousClosing: string | null; expectedClosing: string; shipped: string | null };
  source: string;
}

export interface GridRowInput {
  productId: string;
  openingStock?: string;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales?: string | null;
}

export interface MonthMetrics {
  month: string;
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  shipped: string;
  sellThrough: number | null;
  coverDays: number | null;
  turnoverDays: number | null;
  share: number | null;
  soldTrend: 'up' | 'down' | 'flat' | null;
  coverTrend: 'up' | 'down' | 'flat' | null;
  sold3mAvg: string;
  flags: DealerFlag[];
}

export interface DealerMetrics {
  customerId: string;
  from: string;
  to: string;
  series: {
    productId: string;
    productSku: string | null;
    productName: string | null;
    months: MonthMetrics[];
  }[];
}

export interface DiagnosisItem {
  ownerId: string | null;
  ownerName: string | null;
  customerId: string;
  customerName: string;
  productId: string;
  productSku: string | null;
  productName: string | null;
  month: string;
  diagnoses: ('stockBuildUp' | 'salesFalling' | 'stockOutRisk')[];
  coverDays: number | null;
  sold: string;
  closingStock: string;
  soldTrend: string | null;
}

export const dealerKey = ['dealer-reports'] as const;

export const listDealerReports = (q: {
  customerId?: string;
  productId?: string;
  from?: string;
  to?: string;
  flagged?: boolean;
  limit?: number;
}) => api.get<ListPage<DealerReport>>('/dealer-reports', { ...q });

export const saveDealerGrid = (input: { customerId: string; month: string; rows: GridRowInput[] }) =>
  api.put<{ customerId: string; month: string; items: DealerReport[] }>('/dealer-reports/grid', input);

export const fetchDealerMetrics = (q: {
  customerId: string;
  productId?: string;
  months?: number;
  to?: string;
}) => api.get<DealerMetrics>('/dealer-reports/metrics', { ...q });

export const fetchDiagnosis = (q: { ownerId?: string; month?: string; coverDays?: number }) =>
  api.get<{ month: string | null; coverDays: number; items: DiagnosisItem[] }>('/dealer-reports/diagnosis', {
    ...q,
  });

export const deleteDealerReport = (id: string) => api.delete(`/dealer-reports/${id}`);

export const exportUrl = (q: { customerId?: string; from?: string; to?: string; format: 'csv' | 'xlsx' }) =>
  `/api/v1/dealer-reports/export?${new URLSearchParams(
    Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][],
  ).toString()}`;

/** "1234.500" → "1,234.5"; null → "—". */
export function quantity(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const [whole = '0', frac = ''] = v.split('.');
  const f = frac.replace(/0+$/, '');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${f ? `.${f}` : ''}`;
}
