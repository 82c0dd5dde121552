import type { Db } from '../../db/types.ts';
import { roles } from './access.table.ts';

export async function insertRoles(tx: Db, rows: (typeof roles.$inferInsert)[]) {
  return tx.insert(roles).values(rows).returning({ id: roles.id, key: roles.key });
}
