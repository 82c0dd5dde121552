import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Actor } from '../access/index.ts';
import { usersVisibleTo } from '../users/index.ts';
import { users } from '../users/users.table.ts';
import {
  importBatches,
  importErrors,
  importRecords,
  imports,
  importTemplates,
  type ImportCounts,
} from './imports.table.ts';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;

export async function insertImport(tx: Db, row: NewImport): Promise<void> {
  await tx.insert(imports).values(row);
}

/** Imports are seen through their creator: a data scope that sees the user sees their imports. */
export function importsVisibleTo(actor: Actor): SQL | undefined {
  const scope = usersVisibleTo(actor);
  return scope
    ? sql`${imports.createdBy} in (select ${users.id} from ${users} where ${users.orgId} = ${actor.orgId} and ${scope})`
    : undefined;
}

/** One import the actor may see (actor null: the job's system read). */
export async function findImport(tx: Db, orgId: string, id: string, actor: Actor | null) {
  const rows = await tx
    .select({ i: imports, createdByName: users.name })
    .from(imports)
    .leftJoin(users, and(eq(users.orgId, imports.orgId), eq(users.id, imports.createdBy)))
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id), actor ? importsVisibleTo(actor) : undefined));
  return rows[0] ? { ...rows[0].i, createdByName: rows[0].createdByName } : undefined;
}

export async function listImports(
  tx: Db,
  actor: Actor,
  opts: { entity?: string; cursor?: { at: Date; id: string }; limit: number },
) {
  const orgId = actor.orgId;
  const rows = await tx
    .select({ i: imports, createdByName: users.name })
    .from(imports)
    .leftJoin(users, and(eq(users.orgId, imports.orgId), eq(users.id, imports.createdBy)))
    .where(
      and(
        eq(imports.orgId, orgId),
        sql`${imports.status} <> 'draft'`,
        importsVisibleTo(actor),
        opts.entity ? eq(imports.entity, opts.entity) : undefined,
        opts.cursor
          ? or(
              lt(imports.createdAt, opts.cursor.at),
              and(eq(imports.createdAt, opts.cursor.at), lt(imports.id, opts.cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(opts.limit + 1);
  return rows.map((r) => ({ ...r.i, createdByName: r.createdByName }));
}

export async function updateImport(
  tx: Db,
  orgId: string,
  id: string,
  set: Partial<NewImport>,
): Promise<void> {
  await tx
    .update(imports)
    .set(set)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
}

export async function lastBatch(tx: Db, orgId: string, importId: string) {
  const rows = await tx
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.orgId, orgId), eq(importBatches.importId, importId)))
    .orderBy(desc(importBatches.batchNo))
    .limit(1);
  return rows[0];
}

export interface BatchRecord {
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  versionAfter: number;
}

export interface BatchError {
  rowNo: number;
  kind: 'failed' | 'skipped';
  cells: string[];
  errors: { field: string; code: string; params?: Record<string, unknown> }[];
}

/**
 * Everything one batch leaves behind, in the batch's transaction: what it did to each record,
 * its failed and skipped rows, the batch marker and the import's running counts.
 */
export async function saveBatch(
  tx: Db,
  orgId: string,
  importId: string,
  batch: { batchNo: number; rowsTo: number; counts: ImportCounts; at: Date },
  records: BatchRecord[],
  errors: BatchError[],
): Promise<void> {
  if (records.length)
    await tx.execute(sql`
      insert into import_records (org_id, import_id, record_id, action, before, version_after)
      select ${orgId}, ${importId}, r.record_id, r.action, r.before, r.version_after
      from jsonb_to_recordset(${JSON.stringify(
        records.map((r) => ({
          record_id: r.recordId,
          action: r.action,
          before: r.before,
          version_after: r.versionAfter,
        })),
      )}::jsonb) as r(record_id uuid, action text, before jsonb, version_after integer)
      on conflict (org_id, import_id, record_id) do update set version_after = excluded.version_after`);
  if (errors.length)
    await tx.execute(sql`
      insert into import_errors (org_id, import_id, row_no, kind, cells, errors)
      select ${orgId}, ${importId}, e.row_no, e.kind, e.cells, e.errors
      from jsonb_to_recordset(${JSON.stringify(
        errors.map((e) => ({ row_no: e.rowNo, kind: e.kind, cells: e.cells, errors: e.errors })),
      )}::jsonb) as e(row_no integer, kind text, cells jsonb, errors jsonb)`);
  await tx.insert(importBatches).values({
    orgId,
    importId,
    batchNo: batch.batchNo,
    rowsTo: batch.rowsTo,
    counts: batch.counts,
    committedAt: batch.at,
  });
  await updateImport(tx, orgId, importId, { processed: batch.rowsTo, counts: batch.counts });
}

/** The import's records in id order, a chunk at a time (undo). */
export async function recordsAfter(
  tx: Db,
  orgId: string,
  importId: string,
  after: string | null,
  limit: number,
) {
  return tx
    .select({
      recordId: importRecords.recordId,
      action: importRecords.action,
      before: importRecords.before,
      versionAfter: importRecords.versionAfter,
    })
    .from(importRecords)
    .where(
      and(
        eq(importRecords.orgId, orgId),
        eq(importRecords.importId, importId),
        after ? gt(importRecords.recordId, after) : undefined,
      ),
    )
    .orderBy(asc(importRecords.recordId))
    .limit(limit);
}

export async function errorsAfter(tx: Db, orgId: string, importId: string, afterRow: number, limit: number) {
  return tx
    .select({
      rowNo: importErrors.rowNo,
      kind: importErrors.kind,
      cells: importErrors.cells,
      errors: importErrors.errors,
    })
    .from(importErrors)
    .where(
      and(
        eq(importErrors.orgId, orgId),
        eq(importErrors.importId, importId),
        gt(importErrors.rowNo, afterRow),
      ),
    )
    .orderBy(asc(importErrors.rowNo))
    .limit(limit);
}

export async function listTemplates(tx: Db, orgId: string, entity?: string) {
  return tx
    .select()
    .from(importTemplates)
    .where(and(eq(importTemplates.orgId, orgId), entity ? eq(importTemplates.entity, entity) : undefined))
    .orderBy(asc(importTemplates.entity), asc(importTemplates.name));
}

export async function insertTemplate(tx: Db, row: typeof importTemplates.$inferInsert) {
  const [created] = await tx.insert(importTemplates).values(row).returning();
  return created!;
}

export async function deleteTemplate(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(importTemplates)
    .where(and(eq(importTemplates.orgId, orgId), eq(importTemplates.id, id)))
    .returning({ id: importTemplates.id });
  return rows.length > 0;
}

export async function deleteRecords(tx: Db, orgId: string, importId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .delete(importRecords)
    .where(
      and(
        eq(importRecords.orgId, orgId),
        eq(importRecords.importId, importId),
        sql`${importRecords.recordId} = any(${pgArray(ids)}::uuid[])`,
      ),
    );
}

/** System read for the command line: a user by email, or the instance administrator. */
export async function findCliUser(db: Db, email: string | null) {
  const rows = await db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(
      and(
        email ? sql`lower(${users.email}) = lower(${email})` : eq(users.isInstanceAdmin, true),
        sql`${users.deletedAt} is null`,
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  return rows[0];
}

/** System read: which organisation an import belongs to (the command line resumes by id). */
export async function importOrg(db: Db, id: string) {
  const rows = await db.select({ orgId: imports.orgId }).from(imports).where(eq(imports.id, id));
  return rows[0]?.orgId;
}

/**
 * Refreshes the planner's statistics of tables an import is filling: a table that grew tenfold
 * since its last ANALYZE gets plans for a table a tenth its size (seq scans where an index is
 * right). Owner connection, outside any transaction; table names come from the entity, not users.
 */
export async function analyzeTables(db: Db, tables: readonly string[]): Promise<void> {
  for (const t of tables) if (/^[a-z_]+( \([a-z_, ]+\))?$/.test(t)) await db.execute(sql.raw(`analyze ${t}`));
}
