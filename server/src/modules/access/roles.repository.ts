import { and, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { users } from '../users/users.table.ts';
import { roles } from './access.table.ts';
import type { FieldRules, PermissionSet } from './permissions.ts';

export async function insertRoles(tx: Db, rows: (typeof roles.$inferInsert)[]) {
  return tx.insert(roles).values(rows).returning({ id: roles.id, key: roles.key });
}

const columns = {
  id: roles.id,
  version: roles.version,
  createdAt: roles.createdAt,
  createdBy: roles.createdBy,
  updatedAt: roles.updatedAt,
  updatedBy: roles.updatedBy,
  key: roles.key,
  name: roles.name,
  description: roles.description,
  permissions: roles.permissions,
  dataScope: roles.dataScope,
  fieldRules: roles.fieldRules,
  isPortal: roles.isPortal,
  builtin: roles.builtin,
};

export type RoleRow = Awaited<ReturnType<typeof findRole>> & object;

export async function findRole(tx: Db, orgId: string, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await tx
    .select(columns)
    .from(roles)
    .where(
      and(
        eq(roles.orgId, orgId),
        eq(roles.id, id),
        opts.deleted ? isNotNull(roles.deletedAt) : isNull(roles.deletedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

const SORT_COLUMNS = {
  key: roles.key,
  name: roles.name,
  createdAt: roles.createdAt,
  updatedAt: roles.updatedAt,
};

export async function listRoles(
  tx: Db,
  orgId: string,
  q: string | undefined,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: SQL[] = [eq(roles.orgId, orgId), isNull(roles.deletedAt)];
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(or(ilike(roles.key, like), ilike(roles.name, like))!);
  }
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, roles.id, page.sort, page.cursor);
  const rows = await tx
    .select(columns)
    .from(roles)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(roles)
    .where(and(...where));
  return { rows, total };
}

export async function insertRole(tx: Db, row: typeof roles.$inferInsert): Promise<string> {
  const [r] = await tx.insert(roles).values(row).returning({ id: roles.id });
  return r!.id;
}

export async function liveUsersWithRole(tx: Db, orgId: string, roleId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.roleId, roleId), isNull(users.deletedAt)));
  return row?.n ?? 0;
}

/** Ends every session of the role's users on their next request (sessions carry the epoch they began with). */
export async function bumpAuthEpochOfRole(tx: Db, orgId: string, roleId: string): Promise<void> {
  await tx
    .update(users)
    .set({ authEpoch: sql`${users.authEpoch} + 1` })
    .where(and(eq(users.orgId, orgId), eq(users.roleId, roleId)));
}

/** The organisation's live built-in roles, locked until the transaction ends. */
export async function lockBuiltinRoles(tx: Db, orgId: string) {
  return tx
    .select({ id: roles.id, key: roles.key, permissions: roles.permissions, fieldRules: roles.fieldRules })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.builtin, true), isNull(roles.deletedAt)))
    .orderBy(roles.createdAt, roles.id)
    .for('update');
}

/** A change no person made: new version (so a concurrent edit gets its 409), no editor. */
export async function setRoleGrants(
  tx: Db,
  orgId: string,
  id: string,
  grants: { permissions: PermissionSet; fieldRules: FieldRules },
  now: Date,
): Promise<void> {
  await tx
    .update(roles)
    .set({
      permissions: grants.permissions,
      fieldRules: grants.fieldRules,
      version: sql`${roles.version} + 1`,
      updatedAt: now,
      updatedBy: null,
    })
    .where(and(eq(roles.orgId, orgId), eq(roles.id, id)));
}
