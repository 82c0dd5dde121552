import { count, eq } from 'drizzle-orm';
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
