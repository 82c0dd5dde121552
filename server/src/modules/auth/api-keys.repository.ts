import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { apiKeys } from './auth.table.ts';

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  userId: apiKeys.userId,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export function listApiKeys(tx: Db, orgId: string) {
  return tx
    .select(columns)
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt))
    .limit(500);
}

export async function insertApiKey(tx: Db, row: typeof apiKeys.$inferInsert): Promise<string> {
  const [r] = await tx.insert(apiKeys).values(row).returning({ id: apiKeys.id });
  return r!.id;
}

export async function revokeApiKey(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
