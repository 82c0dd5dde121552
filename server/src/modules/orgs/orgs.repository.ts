import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { orgs } from './orgs.table.ts';

export async function countOrgs(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(orgs);
  return row?.n ?? 0;
}

export async function insertOrg(tx: Db, row: typeof orgs.$inferInsert): Promise<void> {
  await tx.insert(orgs).values(row);
}

export async function findOrg(tx: Db, id: string) {
  const rows = await tx.select().from(orgs).where(eq(orgs.id, id));
  return rows[0];
}

/**
 * System path (owner connection, across tenants): organisations whose setting `key` is not a
 * list holding every one of `values` — the few a startup step still has to bring up to date.
 */
export async function listOrgsLackingSetting(db: Db, key: string, values: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(sql`not (coalesce(${orgs.settings} -> ${key}, '[]'::jsonb) @> ${JSON.stringify(values)}::jsonb)`)
    .orderBy(orgs.createdAt);
  return rows.map((r) => r.id);
}

/** The organisation's settings, its row locked until the transaction ends (one writer at a time). */
export async function lockOrgSettings(tx: Db, id: string): Promise<Record<string, unknown> | undefined> {
  const rows = await tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, id)).for('update');
  return rows[0]?.settings;
}

/** Sets one key of the organisation's settings, leaving the others as they are. */
export async function setOrgSetting(tx: Db, id: string, key: string, value: unknown): Promise<void> {
  await tx
    .update(orgs)
    .set({
      settings: sql`${orgs.settings} || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb)`,
    })
    .where(eq(orgs.id, id));
}
