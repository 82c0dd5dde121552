// Pure rules of the import screens: what blocks the mapping step, how a saved template applies to a
// file's headers, how progress and time left are shown, and when to keep polling.
import type {
  ColumnMapping,
  ImportField,
  ImportStatus,
  ImportSummary,
  PreviewRow,
  TemplateMapping,
} from './imports.api';

export const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'big5'] as const;
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export const ACTIVE_STATUSES: ImportStatus[] = ['queued', 'running', 'undoing'];

export function isActive(status: ImportStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** The wizard polls its import every second while it is queued or running. */
export function pollEverySecond(status: ImportStatus | undefined): number | false {
  return status && isActive(status) ? 1000 : false;
}

/** The history polls every two seconds while any import is queued, running or being undone. */
export function historyPollInterval(items: Pick<ImportSummary, 'status'>[] | undefined): number | false {
  return items?.some((i) => isActive(i.status)) ? 2000 : false;
}

/** Required fields no column feeds: they block the mapping step. */
export function missingRequired(fields: ImportField[], mapping: ColumnMapping[]): ImportField[] {
  const mapped = new Set(mapping.map((m) => m.field).filter((f): f is string => !!f));
  return fields.filter((f) => f.required && !mapped.has(f.key));
}

/**
 * Fields fed by more than one column block the step — except lists (phones, emails, tags), whose
 * columns the server joins: 手机 and 座机 can both feed phones.
 */
export function repeatedFields(fields: ImportField[], mapping: ColumnMapping[]): ImportField[] {
  const counts = new Map<string, number>();
  for (const m of mapping) if (m.field) counts.set(m.field, (counts.get(m.field) ?? 0) + 1);
  return fields.filter((f) => f.type !== 'list' && (counts.get(f.key) ?? 0) > 1);
}

const headerKey = (header: string) => header.trim().toLowerCase();

/**
 * A saved template applied to this file: each column whose header the template knows takes the
 * template's field (repeated headers in order); columns it does not know keep their current field.
 * Returns the new mapping and how many columns the template matched.
 */
export function applyTemplate(
  mapping: ColumnMapping[],
  template: TemplateMapping[],
  knownFields: Set<string>,
): { mapping: ColumnMapping[]; matched: number } {
  const queue = new Map<string, (string | null)[]>();
  for (const entry of template) {
    const key = headerKey(entry.header);
    queue.set(key, [...(queue.get(key) ?? []), entry.field]);
  }
  let matched = 0;
  const next = mapping.map((m) => {
    const fields = queue.get(headerKey(m.header));
    if (!fields?.length) return m;
    const field = fields.shift() ?? null;
    if (field !== null && !knownFields.has(field)) return m;
    matched += 1;
    return { ...m, field };
  });
  return { mapping: next, matched };
}

/** The mapping as a template stores it: by header, so it fits the next file of the same shape. */
export function toTemplate(mapping: ColumnMapping[]): TemplateMapping[] {
  return mapping.map((m) => ({ header: m.header, field: m.field }));
}

/** The first non-empty values of a column in the preview rows. */
export function sampleValues(rows: PreviewRow[], column: number, count = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const value = row.cells[column]?.trim();
    if (value) out.push(value);
    if (out.length >= count) break;
  }
  return out;
}

/** 0–100 for the progress bar; a finished or undone import is full, an unknown total shows 0. */
export function importPercent(summary: Pick<ImportSummary, 'status' | 'progress'>): number {
  if (summary.status === 'done' || summary.status === 'undone') return 100;
  const { processed, total } = summary.progress;
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((processed / total) * 100)));
}

/** Seconds as h:mm:ss (or m:ss under an hour). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Rows per second without false precision: 1,234 / 12.5 / 0.8. */
export function formatRate(rowsPerSecond: number): string {
  if (rowsPerSecond >= 100) return Math.round(rowsPerSecond).toLocaleString('en-US');
  return String(Math.round(rowsPerSecond * 10) / 10);
}

/** The encoding choices (the server's lowercase names): the four offered plus whatever else it detected. */
export function encodingOptions(detected: string | null): string[] {
  const list: string[] = [...ENCODINGS];
  const value = canonicalEncoding(detected);
  if (value && !list.includes(value)) list.push(value);
  return list;
}

/** The server's name of an encoding, lowercase ('GBK' → 'gbk', 'utf8' → 'utf-8'). */
export function canonicalEncoding(value: string | null): string | null {
  if (!value) return null;
  const name = value.trim().toLowerCase();
  return name === 'utf8' ? 'utf-8' : name;
}

/** How an encoding reads on screen; GB18030 is named with GBK, which it reads too (a GBK file is valid GB18030). */
export function encodingLabel(value: string): string {
  const labels: Record<string, string> = {
    'utf-8': 'UTF-8',
    gbk: 'GBK',
    gb18030: 'GB18030 (GBK)',
    big5: 'Big5',
  };
  return labels[value] ?? value.toUpperCase();
}

export type DelimiterName = 'comma' | 'semicolon' | 'tab' | 'pipe';

export function delimiterName(delimiter: string): DelimiterName | null {
  const names: Record<string, DelimiterName> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
  return names[delimiter] ?? null;
}

/** Rows that will fail and rows flagged as duplicates in the preview. */
export function previewTally(rows: PreviewRow[]): { errors: number; duplicates: number } {
  return {
    errors: rows.filter((r) => r.outcome === 'failed').length,
    duplicates: rows.filter((r) => r.outcome !== 'failed' && r.duplicate !== null).length,
  };
}
