import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { roles } from '../access/access.table.ts';
import { users } from '../users/users.table.ts';

export async function hasUsersAtDomain(tx: Db, orgId: string, domain: string): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), like(users.email, `%@${domain}`)))
    .limit(1);
  return rows.length > 0;
}

export async function roleIdsByKey(tx: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await tx.select({ id: roles.id, key: roles.key }).from(roles).where(eq(roles.orgId, orgId));
  return new Map(rows.map((r) => [r.key, r.id]));
}
