import { and, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { roles } from '../access/access.table.ts';
import { fieldRule, recordScope, type Actor } from '../access/index.ts';
import { departments, teams } from '../org-structure/org-structure.table.ts';
import { users } from './users.table.ts';

/**
 * The one place that decides which users an actor may see (its data scope):
 * every read path — get, list, filter, sort, search, count, export, history — goes through it.
 */
export function usersVisibleTo(actor: Actor): SQL | undefined {
  const scope = recordScope(actor);
  switch (scope.kind) {
    case 'org':
      return undefined;
    case 'own':
      return eq(users.id, scope.userId);
    case 'team':
      return or(eq(users.teamId, scope.teamId), eq(users.id, actor.userId));
    case 'department':
      return or(
        eq(users.id, actor.userId),
        sql`${users.departmentId} in (select d.id from ${departments} d where d.org_id = ${actor.orgId}
          and d.path like (select p.path from ${departments} p where p.org_id = ${actor.orgId} and p.id = ${scope.departmentId}) || '%')`,
      );
  }
}

const columns = {
  id: users.id,
  orgId: users.orgId,
  version: users.version,
  createdAt: users.createdAt,
  createdBy: users.createdBy,
  updatedAt: users.updatedAt,
  updatedBy: users.updatedBy,
  deletedAt: users.deletedAt,
  name: users.name,
  email: users.email,
  phone: users.phone,
  roleId: users.roleId,
  roleKey: roles.key,
  roleName: roles.name,
  departmentId: users.departmentId,
  departmentName: departments.name,
  teamId: users.teamId,
  teamName: teams.name,
  customerId: users.customerId,
  locale: users.locale,
  status: users.status,
  lastLoginAt: users.lastLoginAt,
  authEpoch: users.authEpoch,
};

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .leftJoin(departments, and(eq(departments.orgId, users.orgId), eq(departments.id, users.departmentId)))
    .leftJoin(teams, and(eq(teams.orgId, users.orgId), eq(teams.id, users.teamId)));
}

export type UserRow = Awaited<ReturnType<typeof findUser>> & object;

export async function findUser(tx: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(users.orgId, actor.orgId),
        eq(users.id, id),
        opts.deleted ? isNotNull(users.deletedAt) : isNull(users.deletedAt),
        usersVisibleTo(actor),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface UserFilter {
  q?: string;
  departmentId?: string;
  teamId?: string;
  roleId?: string;
  status?: 'active' | 'disabled';
}

const SORT_COLUMNS = {
  name: users.name,
  email: users.email,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  lastLoginAt: users.lastLoginAt,
};

function filterConditions(actor: Actor, f: UserFilter): SQL[] {
  const c: SQL[] = [eq(users.orgId, actor.orgId), isNull(users.deletedAt)];
  const scope = usersVisibleTo(actor);
  if (scope) c.push(scope);
  if (f.departmentId) c.push(eq(users.departmentId, f.departmentId));
  if (f.teamId) c.push(eq(users.teamId, f.teamId));
  if (f.roleId) c.push(eq(users.roleId, f.roleId));
  if (f.status) c.push(eq(users.status, f.status));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // A masked or hidden field is not searchable: matching on it would reveal it digit by digit.
    const searchable = [
      users.name,
      ...(fieldRule(actor, 'users', 'email') ? [] : [users.email]),
      ...(fieldRule(actor, 'users', 'phone') ? [] : [users.phone]),
    ];
    c.push(or(...searchable.map((col) => ilike(col, like)))!);
  }
  return c;
}

export async function listUsers(
  tx: Db,
  actor: Actor,
  f: UserFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where = filterConditions(actor, f);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, users.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .where(and(...where));
  return { rows, total };
}

export async function insertUser(tx: Db, row: typeof users.$inferInsert) {
  const [created] = await tx.insert(users).values(row).returning({ id: users.id });
  return created!.id;
}

export async function findRoleByKey(tx: Db, orgId: string, key: string) {
  const rows = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.key, key), isNull(roles.deletedAt)));
  return rows[0];
}

export async function departmentExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, id), isNull(departments.deletedAt)));
  return rows.length > 0;
}

export async function teamExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id), isNull(teams.deletedAt)));
  return rows.length > 0;
}

export async function findPasswordHash(tx: Db, orgId: string, id: string) {
  const rows = await tx
    .select({ hash: users.passwordHash, version: users.version })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return rows[0];
}

export async function setPassword(tx: Db, orgId: string, id: string, hash: string, now: Date) {
  await tx
    .update(users)
    .set({ passwordHash: hash, authEpoch: sql`${users.authEpoch} + 1`, updatedAt: now, updatedBy: id })
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
}
