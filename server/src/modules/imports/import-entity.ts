// The contract every importable entity implements (customers, contacts; leads, products … later).
import type { Db } from '../../db/types.ts';
import type { Ctx } from '../../plugins/context.ts';
import type { FieldError } from '../../lib/errors.ts';
import type { ImportDefaults, ImportMode } from './import-types.ts';

export interface LocalText {
  'zh-CN': string;
  en: string;
}

export type ImportFieldType = 'text' | 'number' | 'date' | 'list' | 'choice' | 'bool';

export interface ImportField {
  key: string;
  label: LocalText;
  required: boolean;
  type: ImportFieldType;
  /** Header spellings that map to this field automatically (compared normalised: case, spaces, punctuation). */
  aliases: readonly string[];
}

/** A row as the mapping reads it: field → cell text (only mapped, non-empty cells). */
export type MappedRow = Map<string, string>;

export interface RowToWrite<V> {
  rowNo: number;
  value: V;
}

export type RowOutcome =
  | { rowNo: number; kind: 'created'; id: string; version: number }
  | {
      rowNo: number;
      kind: 'updated';
      id: string;
      version: number;
      /** The record's fields before this import first touched it. */
      before: Record<string, unknown>;
    }
  | { rowNo: number; kind: 'skipped' | 'failed'; errors: FieldError[] };

export interface WriteOptions {
  importId: string;
  mode: ImportMode;
  /** Upsert key (one of the entity's keys). */
  key: string | null;
}

export interface UndoRecord {
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  versionAfter: number;
}

export interface UndoResult {
  undone: number;
  /** Records left alone because they changed after the import. */
  conflicts: { id: string; name: string }[];
}

/**
 * An importable entity. `prepare` loads once per import what validation needs (dictionaries,
 * users, custom-field definitions, the caller); `validate` is then pure and per row; `write`
 * runs inside the batch's transaction and decides create/update/skip/fail with the entity's
 * own duplicate rules, in file order (a row sees the rows before it, in this batch too).
 */
export interface ImportEntity<P = unknown, V = unknown> {
  entity: string;
  label: LocalText;
  /** Checked before anything is read: the entity's create (and update for upsert) permissions. */
  authorise(ctx: Ctx, mode: ImportMode): void;
  fields(tx: Db, ctx: Ctx): Promise<ImportField[]>;
  keys: { key: string; label: LocalText }[];
  formats: readonly ('csv' | 'xlsx' | 'vcf')[];
  /** Tables a large import of this entity fills: their statistics are refreshed as they grow. */
  tables: readonly string[];
  prepare(
    tx: Db,
    ctx: Ctx,
    opts: { tags: string[]; ownerId: string | null; mode: ImportMode; defaults?: ImportDefaults },
  ): Promise<P>;
  validate(prepared: P, row: MappedRow): { value: V | null; errors: FieldError[] };
  /** What the preview shows for a valid row: field → display text. */
  display(prepared: P, value: V): Record<string, string>;
  write(tx: Db, ctx: Ctx, prepared: P, rows: RowToWrite<V>[], opts: WriteOptions): Promise<RowOutcome[]>;
  /** Reverts records of one import (a chunk); records changed since are reported, not touched. */
  undo(tx: Db, ctx: Ctx, records: UndoRecord[]): Promise<UndoResult>;
  /** Called once after the last batch (e.g. refreshing search documents of touched parents). */
  finish?(tx: Db, ctx: Ctx, importId: string): Promise<void>;
}
