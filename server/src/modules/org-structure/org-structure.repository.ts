import { and, eq, ilike, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { users } from '../users/users.table.ts';
import { departments, teams } from './org-structure.table.ts';

export async function insertDepartment(tx: Db, row: typeof departments.$inferInsert) {
  const [r] = await tx.insert(departments).values(row).returning();
  return r!;
}

export async function insertTeam(tx: Db, row: typeof teams.$inferInsert) {
  const [r] = await tx.insert(teams).values(row).returning();
  return r!;
}

/**
 * Serialises writes to one organisation's department tree. Without it two
 * concurrent moves (A under B, B under A) could both pass the cycle check, and a
 * department created under a parent that is moving could get a stale path.
 */
export async function lockDepartmentTree(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7426002, hashtext(${orgId}))`);
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const deletedFilter = (
  column: typeof departments.deletedAt | typeof teams.deletedAt,
  deleted: boolean | undefined,
) => (deleted ? isNotNull(column) : isNull(column));

const manager = alias(users, 'manager');
const departmentColumns = {
  id: departments.id,
  version: departments.version,
  createdAt: departments.createdAt,
  createdBy: departments.createdBy,
  updatedAt: departments.updatedAt,
  updatedBy: departments.updatedBy,
  name: departments.name,
  parentId: departments.parentId,
  path: departments.path,
  managerId: departments.managerId,
  managerName: manager.name,
  sortOrder: departments.sortOrder,
};

function departmentQuery(tx: Db) {
  return tx
    .select(departmentColumns)
    .from(departments)
    .leftJoin(manager, and(eq(manager.orgId, departments.orgId), eq(manager.id, departments.managerId)));
}

export type DepartmentRow = Awaited<ReturnType<typeof findDepartment>> & object;

export async function findDepartment(tx: Db, orgId: string, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await departmentQuery(tx)
    .where(
      and(
        eq(departments.orgId, orgId),
        eq(departments.id, id),
        deletedFilter(departments.deletedAt, opts.deleted),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Every live department of the organisation (a tree is small: hundreds, not millions). */
export async function listDepartments(tx: Db, orgId: string, q?: string) {
  const where: SQL[] = [eq(departments.orgId, orgId), isNull(departments.deletedAt)];
  if (q) where.push(ilike(departments.name, like(q)));
  return departmentQuery(tx).where(and(...where));
}

/**
 * Rewrites the path prefix `oldRoot` to `newRoot` for a department and its whole
 * subtree, deleted members included, so a later restore lands in the right place.
 */
export async function rewriteSubtreePaths(
  tx: Db,
  orgId: string,
  oldRoot: string,
  newRoot: string,
): Promise<number> {
  const rows = await tx
    .update(departments)
    .set({ path: sql`${newRoot} || substr(${departments.path}, ${oldRoot.length + 1})` })
    .where(and(eq(departments.orgId, orgId), sql`starts_with(${departments.path}, ${oldRoot})`))
    .returning({ id: departments.id });
  return rows.length;
}

const count = sql<number>`count(*)::int`;

/** What still refers to a department: live sub-departments, teams and users. */
export async function departmentUsage(tx: Db, orgId: string, id: string) {
  const [d] = await tx
    .select({ n: count })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.parentId, id), isNull(departments.deletedAt)));
  const [t] = await tx
    .select({ n: count })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.departmentId, id), isNull(teams.deletedAt)));
  const [u] = await tx
    .select({ n: count })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.departmentId, id), isNull(users.deletedAt)));
  return { departments: d?.n ?? 0, teams: t?.n ?? 0, users: u?.n ?? 0 };
}

export async function teamUserCount(tx: Db, orgId: string, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: count })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.teamId, id), isNull(users.deletedAt)));
  return row?.n ?? 0;
}

export async function liveDepartmentPath(tx: Db, orgId: string, id: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ path: departments.path })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, id), isNull(departments.deletedAt)));
  return row?.path;
}

export async function liveUserExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.deletedAt)))
    .limit(1);
  return rows.length > 0;
}

const leader = alias(users, 'leader');
const teamColumns = {
  id: teams.id,
  version: teams.version,
  createdAt: teams.createdAt,
  createdBy: teams.createdBy,
  updatedAt: teams.updatedAt,
  updatedBy: teams.updatedBy,
  name: teams.name,
  departmentId: teams.departmentId,
  departmentName: departments.name,
  leaderId: teams.leaderId,
  leaderName: leader.name,
};

function teamQuery(tx: Db) {
  return tx
    .select(teamColumns)
    .from(teams)
    .leftJoin(departments, and(eq(departments.orgId, teams.orgId), eq(departments.id, teams.departmentId)))
    .leftJoin(leader, and(eq(leader.orgId, teams.orgId), eq(leader.id, teams.leaderId)));
}

export type TeamRow = Awaited<ReturnType<typeof findTeam>> & object;

export async function findTeam(tx: Db, orgId: string, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await teamQuery(tx)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id), deletedFilter(teams.deletedAt, opts.deleted)))
    .limit(1);
  return rows[0];
}

export interface TeamFilter {
  q?: string;
  departmentId?: string;
}

const TEAM_SORT_COLUMNS = { name: teams.name, createdAt: teams.createdAt, updatedAt: teams.updatedAt };

export async function listTeams(
  tx: Db,
  orgId: string,
  f: TeamFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: SQL[] = [eq(teams.orgId, orgId), isNull(teams.deletedAt)];
  if (f.departmentId) where.push(eq(teams.departmentId, f.departmentId));
  if (f.q) where.push(ilike(teams.name, like(f.q)));
  const column = TEAM_SORT_COLUMNS[page.sort.field as keyof typeof TEAM_SORT_COLUMNS];
  const { orderBy, after } = keyset(column, teams.id, page.sort, page.cursor);
  const rows = await teamQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count })
    .from(teams)
    .where(and(...where));
  return { rows, total };
}
