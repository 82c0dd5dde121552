// Set-based writes of many versioned, searchable records in one statement: the rows travel as
// one JSON array unpacked by jsonb_to_recordset (no parameter-count limit, one round trip).
import { sql } from 'drizzle-orm';
import type { Db } from './types.ts';

/** A table written in bulk: its profile columns with their types; identifiers come from code, never from users. */
export interface BulkTable {
  table: string;
  /** [column, SQL type] of the profile, in the JSON records' keys (snake_case). */
  profile: readonly (readonly [string, string])[];
}

/** The weighted search vector from the record's doc_* fields (as the customers module builds it). */
export const RECORD_SEARCH_VECTOR = `setweight(to_tsvector('simple', v.doc_main), 'A') || setweight(to_tsvector('simple', v.doc_phones), 'B')
  || setweight(to_tsvector('simple', v.doc_emails), 'C')`;

function recordType(t: BulkTable) {
  return sql.raw(
    [
      'id uuid',
      ...t.profile.map(([c, type]) => `${c} ${type}`),
      'doc_main text, doc_phones text, doc_emails text, doc_text text',
    ].join(', '),
  );
}

/** A statement's rows on either driver. */
export function resultRows<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) ?? [];
}

/** Inserts the records (JSON: id, the profile columns, doc_main/doc_phones/doc_emails/doc_text) at version 1. */
export async function insertRecords(
  tx: Db,
  t: BulkTable,
  orgId: string,
  json: string,
  who: { userId: string; now: Date },
): Promise<void> {
  const cols = t.profile.map(([c]) => c);
  await tx.execute(sql`
    insert into ${sql.raw(t.table)} (org_id, id, ${sql.raw(cols.join(', '))}, search_tsv, search_text, version,
      created_at, created_by, updated_at, updated_by)
    select ${orgId}, v.id, ${sql.raw(cols.map((c) => `v.${c}`).join(', '))}, ${sql.raw(RECORD_SEARCH_VECTOR)}, v.doc_text, 1,
      ${who.now}, ${who.userId}, ${who.now}, ${who.userId}
    from jsonb_to_recordset(${json}::jsonb) as v(${recordType(t)})`);
}

/** Overwrites the records' profiles and search columns, bumping their versions; returns id → new version. */
export async function updateRecords(
  tx: Db,
  t: BulkTable,
  orgId: string,
  json: string,
  who: { userId: string; now: Date },
): Promise<Map<string, number>> {
  const set = t.profile.map(([c]) => `${c} = v.${c}`).join(', ');
  const result = await tx.execute(sql`
    update ${sql.raw(t.table)} c set ${sql.raw(set)}, search_tsv = ${sql.raw(RECORD_SEARCH_VECTOR)}, search_text = v.doc_text,
      version = c.version + 1, updated_at = ${who.now}, updated_by = ${who.userId}
    from jsonb_to_recordset(${json}::jsonb) as v(${recordType(t)})
    where c.org_id = ${orgId} and c.id = v.id
    returning c.id, c.version`);
  return new Map(
    resultRows<{ id: string; version: number }>(result).map((r) => [String(r.id), Number(r.version)]),
  );
}
