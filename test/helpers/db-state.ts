import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/src/db/types.ts';
import { withTenant } from '../../server/src/db/tenant.ts';
import { newId } from '../../server/src/db/columns.ts';
import {
  departmentPath,
  insertDepartment,
  insertTeam,
} from '../../server/src/modules/org-structure/index.ts';

// Database-level helpers for the security suites. They run on the owner connection
// (world.database.db), which bypasses row-level security: they see every tenant.

export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Every base table of the public schema: what the application stores. */
export async function publicTables(db: Db): Promise<string[]> {
  const r = await rows<{ t: string }>(
    db,
    sql`select table_name as t from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return r.map((x) => x.t);
}

/** Tables with an org_id column, plus orgs itself (its id is the tenant). */
export async function tenantTables(db: Db): Promise<{ table: string; column: string }[]> {
  const r = await rows<{ t: string }>(
    db,
    sql`select c.table_name as t from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return [{ table: 'orgs', column: 'id' }, ...r.map((x) => ({ table: x.t, column: 'org_id' }))];
}

// Bookkeeping a request may legitimately touch without changing anything: the idle
// clock of a session and the last use of an API key.
const VOLATILE_COLUMNS = ['last_seen_at', 'last_used_at'];

export type Snapshot = Record<string, { rows: number; hash: string }>;

/** Row count and a hash of every row of every public table, in one round trip. */
export async function snapshotTables(db: Db): Promise<Snapshot> {
  const tables = await publicTables(db);
  const drop = `'{${VOLATILE_COLUMNS.join(',')}}'::text[]`;
  const parts = tables.map(
    (t) =>
      `select '${t}' as t, count(*)::int as n, coalesce(md5(string_agg(r, ',' order by r)), '') as h
       from (select (to_jsonb(x) - ${drop})::text as r from "${t}" x) s`,
  );
  const r = await rows<{ t: string; n: number; h: string }>(db, sql.raw(parts.join(' union all ')));
  return Object.fromEntries(r.map((x) => [x.t, { rows: Number(x.n), hash: x.h }]));
}

/** Tables whose rows differ between two snapshots, with their counts. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((t) => before[t]?.hash !== after[t]?.hash || before[t]?.rows !== after[t]?.rows)
    .map((t) => `${t} (${before[t]?.rows ?? 0} → ${after[t]?.rows ?? 0} rows)`);
}

/** Every stored value of the database as text, to prove a secret was never written. */
export async function databaseText(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of await publicTables(db)) {
    const r = await rows<{ r: string }>(db, sql.raw(`select x::text as r from "${t}" x`));
    parts.push(...r.map((x) => x.r));
  }
  return parts.join('\n');
}

/**
 * Departments and teams written straight through the org-structure repository, so
 * suites that need an organisation chart do not depend on those routes.
 */
export async function insertDepartmentRow(
  db: Db,
  orgId: string,
  name: string,
  parent?: { id: string; path: string },
): Promise<{ id: string; path: string }> {
  return withTenant(db, orgId, async (tx) => {
    const id = newId();
    const row = await insertDepartment(tx, {
      orgId,
      id,
      name,
      parentId: parent?.id ?? null,
      path: departmentPath(parent?.path ?? null, id),
    });
    return { id: row.id, path: row.path };
  });
}

export async function insertTeamRow(
  db: Db,
  orgId: string,
  name: string,
  departmentId: string | null,
): Promise<string> {
  return withTenant(db, orgId, async (tx) => (await insertTeam(tx, { orgId, name, departmentId })).id);
}
