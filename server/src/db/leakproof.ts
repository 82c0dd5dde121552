import { sql } from 'drizzle-orm';
import type { Database } from './types.ts';

/**
 * Built-in functions behind operators the application filters with, that PostgreSQL may only
 * push into an index scan under row-level security when they are LEAKPROOF (see decision 0007).
 * `tsvector @@ tsquery` is the Chinese/pinyin search (GIN on search_tsv); `anyarray @> anyarray`
 * the tag filter (GIN on tags).
 */
const FUNCTIONS = ['ts_match_vq(tsvector, tsquery)', 'arraycontains(anyarray, anyarray)'];

/**
 * Marks them LEAKPROOF when the connection may (a superuser: PGlite always, PostgreSQL when the
 * owner is postgres). Run at every start, so a database restored from a dump — which does not
 * carry pg_catalog changes — gets it back. Returns the functions it could not mark.
 */
export async function ensureLeakproofOperators(database: Database): Promise<string[]> {
  const res = await database.db.execute(sql`
    select p.oid::regprocedure::text as fn, p.proleakproof as leakproof,
           (select rolsuper from pg_roles where rolname = current_user) as superuser
    from pg_proc p where p.oid in (${sql.join(
      FUNCTIONS.map((f) => sql`${f}::regprocedure`),
      sql`, `,
    )})`);
  const list = (res as unknown as { rows: { fn: string; leakproof: boolean; superuser: boolean }[] }).rows;
  const missing: string[] = [];
  for (const r of list) {
    if (r.leakproof) continue;
    if (!r.superuser) {
      missing.push(r.fn);
      continue;
    }
    await database.db.execute(sql.raw(`ALTER FUNCTION ${r.fn} LEAKPROOF`));
  }
  return missing;
}
