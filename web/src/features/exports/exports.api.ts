import { api, download } from '../../api';

export type ExportEntity = 'customers' | 'contacts' | 'leads' | 'opportunities' | 'orders';
export type ExportChoice = 'xlsx' | 'csv' | 'csv-gbk';
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportJob {
  id: string;
  entity: ExportEntity;
  format: 'xlsx' | 'csv';
  status: ExportStatus;
  progress: { processed: number; total: number | null };
  fileName: string | null;
  error: string | null;
}

export interface ExportRequest {
  entity: ExportEntity;
  choice: ExportChoice;
  /** The list's filters and sort, as its query string carries them. */
  query: Record<string, string | number | boolean | undefined | null>;
  /** The list's visible columns (name is always written). */
  columns?: string[];
}

/** The body of POST /exports for a menu choice: CSV in GBK is for Excel versions before 2016. */
export function exportBody(r: ExportRequest) {
  const query = Object.fromEntries(
    Object.entries(r.query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number | boolean>;
  return {
    entity: r.entity,
    format: r.choice === 'xlsx' ? ('xlsx' as const) : ('csv' as const),
    ...(r.choice === 'csv-gbk'
      ? { encoding: 'gbk' as const }
      : r.choice === 'csv'
        ? { encoding: 'utf-8' as const }
        : {}),
    ...(r.columns?.length ? { columns: r.columns } : {}),
    query,
  };
}

export const startExport = (r: ExportRequest) => api.post<{ id: string }>('/exports', exportBody(r));
export const fetchExport = (id: string) => api.get<ExportJob>(`/exports/${id}`);
export const downloadExport = (id: string) => download(`/exports/${id}/file`);

/** 0–100 for a progress bar; unknown totals show as 0 until counted. */
export function percentOf(p: ExportJob['progress'] | undefined): number {
  if (!p?.total) return 0;
  return Math.min(100, Math.floor((p.processed / p.total) * 100));
}
