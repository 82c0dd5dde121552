import {
  and,
  asc,
  desc,
  eq,
  gt,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../lib/errors.ts';
import type { Cursor, SortSpec } from '../lib/paging.ts';
import type { Db } from './types.ts';

/** A tenant table with the standard record columns (tenantKey + recordMeta). */
export type RecordTable = PgTable & {
  orgId: PgColumn;
  id: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
  updatedBy: PgColumn;
  deletedAt: PgColumn;
  deletedBy: PgColumn;
};

const byKey = (t: RecordTable, orgId: string, id: string) => and(eq(t.orgId, orgId), eq(t.id, id));

/** Loads one live (not deleted) record, or undefined. */
export async function findLive<T>(
  tx: Db,
  t: RecordTable,
  orgId: string,
  id: string,
  extra?: SQL,
): Promise<T | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await (tx as any)
    .select()
    .from(t)
    .where(and(byKey(t, orgId, id), isNull(t.deletedAt), extra))
    .limit(1);
  return rows[0] as T | undefined;
}

/**
 * Optimistic update: succeeds only when the stored version is the one the
 * client read; otherwise 409 VERSION_CONFLICT (or 404 if the record is gone).
 */
export async function updateVersioned<T>(
  tx: Db,
  t: RecordTable,
  key: { orgId: string; id: string; version: number },
  patch: Record<string, unknown>,
  who: { userId: string; now: Date },
  entity: string,
): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await (tx as any)
    .update(t)
    .set({ ...patch, version: sql`${t.version} + 1`, updatedAt: who.now, updatedBy: who.userId })
    .where(and(byKey(t, key.orgId, key.id), eq(t.version, key.version), isNull(t.deletedAt)))
    .returning();
  if (rows.length) return rows[0] as T;
  const existing = await findLive(tx, t, key.orgId, key.id);
  throw existing ? new AppError('VERSION_CONFLICT') : new AppError('NOT_FOUND', { entity });
}

export async function softDelete<T>(
  tx: Db,
  t: RecordTable,
  orgId: string,
  id: string,
  who: { userId: string; now: Date },
) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await (tx as any)
    .update(t)
    .set({ deletedAt: who.now, deletedBy: who.userId, version: sql`${t.version} + 1` })
    .where(and(byKey(t, orgId, id), isNull(t.deletedAt)))
    .returning();
  return rows[0] as T | undefined;
}

export async function restoreDeleted<T>(
  tx: Db,
  t: RecordTable,
  orgId: string,
  id: string,
  who: { userId: string; now: Date },
) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await (tx as any)
    .update(t)
    .set({
      deletedAt: null,
      deletedBy: null,
      updatedAt: who.now,
      updatedBy: who.userId,
      version: sql`${t.version} + 1`,
    })
    .where(and(byKey(t, orgId, id), isNotNull(t.deletedAt)))
    .returning();
  return rows[0] as T | undefined;
}

/** ORDER BY and the keyset condition for a page after `cursor`, with id as tie-breaker. */
export function keyset(column: AnyColumn, idColumn: AnyColumn, sort: SortSpec, cursor: Cursor | undefined) {
  const dir = sort.desc ? desc : asc;
  const orderBy = [dir(column), dir(idColumn)];
  if (!cursor) return { orderBy, after: undefined };
  const cmp = sort.desc ? lt : gt;
  const v = cursor.v;
  let after: SQL | undefined;
  if (v === null) {
    // Nulls sort last ascending, first descending (PostgreSQL's default).
    after = sort.desc
      ? or(isNotNull(column), and(isNull(column), cmp(idColumn, cursor.id)))
      : and(isNull(column), cmp(idColumn, cursor.id));
  } else {
    // A row comparison is an index bound: the scan starts at the cursor. The equivalent
    // `col < v or (col = v and id < x)` is only a filter, re-reading every earlier row on each page.
    // Timestamps travel as their ISO text, so a cursor with microseconds keeps them.
    after = sql`(${column}, ${idColumn}) ${sql.raw(sort.desc ? '<' : '>')} (${v}, ${cursor.id})`;
    if (!sort.desc && !column.notNull) after = or(after, isNull(column));
  }
  return { orderBy, after };
}

/**
 * How many rows of `table` match `where`, counting at most `cap + 1` (so the caller knows the cap
 * was reached) — a list's total without counting a million rows; `cap` null counts them all.
 */
export async function countCapped(
  tx: Db,
  table: PgTable,
  where: SQL | undefined,
  cap: number | null,
): Promise<number> {
  const base = tx
    .select({ one: sql`1` })
    .from(table)
    .where(where);
  const inner = (cap === null ? base : base.limit(cap + 1)).as('capped');
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(inner);
  return n;
}
