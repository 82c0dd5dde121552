// The imports API (server: server/src/modules/imports), as the wizard and the history use it.
import { api, download, upload } from '../../api/client';

export type ImportEntity = 'customers' | 'contacts' | 'leads' | 'marketStats';
export type ImportMode = 'create' | 'upsert' | 'skip-duplicates';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'undoing' | 'undone';
export type ImportFormat = 'csv' | 'xlsx' | 'vcf';

/** One column of the file and the field it feeds (null: ignored), by position. */
export interface ColumnMapping {
  column: number;
  header: string;
  field: string | null;
}

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  type: 'text' | 'number' | 'date' | 'list' | 'choice' | 'bool';
}

export interface ImportEntityInfo {
  entity: ImportEntity;
  label: string;
  fields: ImportField[];
  /** Upsert keys: code, creditCode, email, phone, name. */
  keys: { key: string; label: string }[];
  formats: ImportFormat[];
}

export interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export type RowOutcome = 'created' | 'updated' | 'skipped' | 'failed';

export interface PreviewRow {
  rowNo: number;
  cells: string[];
  /** What will be stored, as display text, by field key. */
  values: Record<string, string>;
  /** What the chosen mode would do with the row. */
  outcome: RowOutcome;
  errors: { field: string; message: string }[];
  /** existingId null: the row repeats an earlier row of the file. */
  duplicate: null | { existingId: string | null; ownerName: string | null; matchedOn: string[] };
}

export interface UploadAnalysis {
  uploadId: string;
  entity: ImportEntity;
  fileName: string;
  format: ImportFormat;
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  /** Rows in the file, when the server knows it yet. */
  total: number | null;
  suggested: ColumnMapping[];
  /** The mapping this answer used (the suggestion, or the one sent). */
  mapping: ColumnMapping[];
  preview: PreviewRow[];
}

export interface ImportSummary {
  id: string;
  entity: ImportEntity;
  fileName: string;
  format: ImportFormat;
  mode: ImportMode;
  key: string | null;
  status: ImportStatus;
  progress: { processed: number; total: number | null };
  counts: Counts;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  error: string | null;
  undoConflicts: { id: string; name: string }[] | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  undoneAt: string | null;
}

export interface TemplateMapping {
  header: string;
  field: string | null;
}

export interface MappingTemplate {
  id: string;
  entity: ImportEntity;
  name: string;
  mapping: TemplateMapping[];
  createdAt: string;
}

export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
}

export const importsKey = ['imports'] as const;
export const importTemplatesKey = ['import-templates'] as const;

export function listImportEntities() {
  return api.get<{ items: ImportEntityInfo[] }>('/imports/entities');
}

export function uploadImportFile(file: File, entity: ImportEntity, options: ReadOptions = {}) {
  const form = new FormData();
  // Fields before the file: a streaming multipart reader sees them first.
  form.append('entity', entity);
  if (options.encoding) form.append('encoding', options.encoding);
  if (options.delimiter) form.append('delimiter', options.delimiter);
  form.append('file', file, file.name);
  return upload<UploadAnalysis>('/imports/uploads', form);
}

export function previewUpload(
  uploadId: string,
  body: ReadOptions & { mapping?: ColumnMapping[]; mode?: ImportMode; key?: string },
) {
  return api.post<UploadAnalysis>(`/imports/uploads/${uploadId}/preview`, body);
}

export function startImport(
  body: ReadOptions & {
    uploadId: string;
    mode: ImportMode;
    key?: string;
    mapping: ColumnMapping[];
    tags?: string[];
    /** Leads: channel and campaign for rows that name none (a fair's business cards). */
    defaults?: { channel?: string | null; campaign?: string | null };
  },
) {
  return api.post<{ id: string }>('/imports', body);
}

export function listImports(query: { cursor?: string | null; limit?: number; entity?: ImportEntity }) {
  return api.get<{ items: ImportSummary[]; nextCursor: string | null }>('/imports', query);
}

export function fetchImport(id: string) {
  return api.get<ImportSummary>(`/imports/${id}`);
}

export function undoImport(id: string) {
  return api.post<{ id: string }>(`/imports/${id}/undo`);
}

export function downloadErrorReport(id: string, format: 'csv' | 'xlsx') {
  return download(`/imports/${id}/errors`, { format });
}

export function downloadImportTemplate(entity: ImportEntity, format: 'csv' | 'xlsx') {
  return download('/imports/template', { entity, format });
}

export function listMappingTemplates(entity: ImportEntity) {
  return api.get<{ items: MappingTemplate[] }>('/import-templates', { entity });
}

export function createMappingTemplate(body: {
  entity: ImportEntity;
  name: string;
  mapping: TemplateMapping[];
}) {
  return api.post<MappingTemplate>('/import-templates', body);
}

export function deleteMappingTemplate(id: string) {
  return api.delete(`/import-templates/${id}`);
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
