import type { Db } from '../../db/types.ts';
import { departments, teams } from './org-structure.table.ts';

export async function insertDepartment(tx: Db, row: typeof departments.$inferInsert) {
  const [r] = await tx.insert(departments).values(row).returning();
  return r!;
}

export async function insertTeam(tx: Db, row: typeof teams.$inferInsert) {
  const [r] = await tx.insert(teams).values(row).returning();
  return r!;
}
