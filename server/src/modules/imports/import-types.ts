// Plain shapes of an import, shared by the table, the services and the pure rules.

export type ImportMode = 'create' | 'upsert' | 'skip-duplicates';
export type ImportStatus = 'draft' | 'queued' | 'running' | 'done' | 'failed' | 'undoing' | 'undone';

export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/** One column of the file and the field it feeds (null: ignored). By position, so repeated headers work. */
export interface ColumnMapping {
  column: number;
  header: string;
  field: string | null;
}

export interface ImportOptions {
  /** Upsert key: code, creditCode, email, phone or name (the normalised name). */
  key?: string | null;
  encoding?: string | null;
  delimiter?: string | null;
  /** Tags added to every imported record (e.g. the trade fair). */
  tags?: string[];
  /** Owner for rows that name none; default the importing user. */
  ownerId?: string | null;
  /** Values for rows that give none (leads: the fair's channel and campaign). */
  defaults?: ImportDefaults;
}

export interface ImportDefaults {
  channel?: string | null;
  campaign?: string | null;
}
