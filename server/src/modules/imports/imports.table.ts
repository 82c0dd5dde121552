import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKey, timestamptz } from '../../db/columns.ts';

import type { ColumnMapping, ImportCounts, ImportMode, ImportOptions, ImportStatus } from './import-types.ts';

export type { ColumnMapping, ImportCounts, ImportMode, ImportOptions, ImportStatus };

/** An import: the stored file, how to read it, and where it got to. */
export const imports = pgTable(
  'imports',
  {
    ...tenantKey,
    entity: text('entity').notNull(),
    mode: text('mode').$type<ImportMode>().notNull(),
    status: text('status').$type<ImportStatus>().notNull().default('queued'),
    fileName: text('file_name').notNull(),
    fileFormat: text('file_format').$type<'csv' | 'xlsx' | 'vcf'>().notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** Relative to the imports directory. */
    filePath: text('file_path').notNull(),
    mapping: jsonb('mapping').$type<ColumnMapping[]>().notNull().default([]),
    options: jsonb('options').$type<ImportOptions>().notNull().default({}),
    /** Rows in the file once known; processed counts rows read (every row lands in exactly one count). */
    total: integer('total'),
    processed: integer('processed').notNull().default(0),
    counts: jsonb('counts')
      .$type<ImportCounts>()
      .notNull()
      .default({ created: 0, updated: 0, skipped: 0, failed: 0 }),
    jobId: uuid('job_id'),
    error: text('error'),
    /** Records an undo left alone because they changed after the import: [{ id, name }]. */
    undoConflicts: jsonb('undo_conflicts').$type<{ id: string; name: string }[]>(),
    locale: text('locale').notNull().default('zh-CN'),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    undoneAt: timestamptz('undone_at'),
    undoneBy: uuid('undone_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('imports_created_idx').on(t.orgId, t.createdAt)],
);

/**
 * A committed batch: written in the batch's own transaction, so its presence proves the
 * batch's records, errors and counts are all there. Resume starts after the last one.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    batchNo: integer('batch_no').notNull(),
    /** Data rows of the file consumed up to and including this batch. */
    rowsTo: integer('rows_to').notNull(),
    /** Counts after this batch (cumulative). */
    counts: jsonb('counts').$type<ImportCounts>().notNull(),
    committedAt: timestamptz('committed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.importId, t.batchNo] })],
);

/** What an import did to each record: undo deletes the created and restores the updated. */
export const importRecords = pgTable(
  'import_records',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    recordId: uuid('record_id').notNull(),
    action: text('action').$type<'created' | 'updated'>().notNull(),
    /** The updated record's fields before the import (null when created). */
    before: jsonb('before').$type<Record<string, unknown>>(),
    /** The record's version right after the import wrote it: a later change shows as a higher one. */
    versionAfter: integer('version_after').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.importId, t.recordId] })],
);

/** Rows that failed (or were skipped), with their original cells; reasons translated when reported. */
export const importErrors = pgTable(
  'import_errors',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    rowNo: integer('row_no').notNull(),
    kind: text('kind').$type<'failed' | 'skipped'>().notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
    /** [{ field, code, params? }] — message keys, rendered in the reader's language. */
    errors: jsonb('errors')
      .$type<{ field: string; code: string; params?: Record<string, unknown> }[]>()
      .notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.importId, t.rowNo] })],
);

/** Saved column mappings per entity ("our old system's export"). */
export const importTemplates = pgTable(
  'import_templates',
  {
    ...tenantKey,
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    /** header → field: matched by header text when applied to a new file. */
    mapping: jsonb('mapping').$type<{ header: string; field: string | null }[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('import_templates_name_idx').on(t.orgId, t.entity, sql`lower(${t.name})`),
  ],
);
