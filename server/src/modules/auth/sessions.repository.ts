import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { roles } from '../access/access.table.ts';
import { users } from '../users/users.table.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { apiKeys, authThrottle, sessions } from './auth.table.ts';
import type { ThrottleState } from './throttle.ts';
import type { DataScope, FieldRules, PermissionSet } from '../access/index.ts';

const actorColumns = {
  userId: users.id,
  orgId: users.orgId,
  name: users.name,
  email: users.email,
  status: users.status,
  deletedAt: users.deletedAt,
  authEpoch: users.authEpoch,
  teamId: users.teamId,
  departmentId: users.departmentId,
  customerId: users.customerId,
  locale: users.locale,
  isInstanceAdmin: users.isInstanceAdmin,
  roleKey: roles.key,
  permissions: roles.permissions,
  dataScope: roles.dataScope,
  fieldRules: roles.fieldRules,
  isPortal: roles.isPortal,
  phone: users.phone,
  version: users.version,
  roleId: roles.id,
  roleName: roles.name,
  orgName: orgs.name,
};

export interface ActorRow {
  userId: string;
  orgId: string;
  roleKey: string;
  permissions: PermissionSet;
  dataScope: DataScope;
  fieldRules: FieldRules;
  teamId: string | null;
  departmentId: string | null;
  customerId: string | null;
  isPortal: boolean;
  isInstanceAdmin: boolean;
}

/** System read: the login candidate by email or phone, across organisations. */
export async function findLoginUser(db: Db, login: string) {
  const rows = await db
    .select({ ...actorColumns, passwordHash: users.passwordHash, orgLocale: orgs.locale })
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(login.includes('@') ? sql`lower(${users.email}) = lower(${login})` : eq(users.phone, login))
    .limit(2);
  // A phone shared by two accounts cannot identify one: treat as unknown.
  return rows.length === 1 ? rows[0]! : undefined;
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

function prepareSessionActor(db: Db) {
  return db
    .select({
      ...actorColumns,
      orgLocale: orgs.locale,
      sessionEpoch: sessions.authEpoch,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('guanxi_session_actor');
}

// Every signed-in request runs this lookup: build its SQL once per connection pool and
// let PostgreSQL keep the plan (a named prepared statement).
const sessionActorQueries = new WeakMap<Db, ReturnType<typeof prepareSessionActor>>();

/** System read: the session with its user and role, in one query per request. */
export async function findSessionActor(db: Db, sessionId: string) {
  let query = sessionActorQueries.get(db);
  if (!query) {
    query = prepareSessionActor(db);
    sessionActorQueries.set(db, query);
  }
  const rows = await query.execute({ id: sessionId });
  return rows[0];
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Db, orgId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
}

export async function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** System read: a user with their role as it is now (background jobs acting for their creator). */
export async function findUserActor(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return rows[0];
}

/** System read: the API key with the user it acts for. */
export async function findApiKeyActor(db: Db, tokenHash: string) {
  const rows = await db
    .select({
      ...actorColumns,
      orgLocale: orgs.locale,
      apiKeyId: apiKeys.id,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(users, and(eq(users.orgId, apiKeys.orgId), eq(users.id, apiKeys.userId)))
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(apiKeys.tokenHash, tokenHash));
  return rows[0];
}

export async function touchApiKey(db: Db, orgId: string, id: string, now: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)));
}

export async function readThrottle(db: Db, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db
    .select()
    .from(authThrottle)
    .where(sql`${authThrottle.key} in ${keys}`);
  return new Map(rows.map((r) => [r.key, r]));
}

export async function writeThrottle(db: Db, key: string, state: ThrottleState): Promise<void> {
  await db
    .insert(authThrottle)
    .values({ key, ...state })
    .onConflictDoUpdate({ target: authThrottle.key, set: { ...state } });
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

export async function setLastLogin(db: Db, orgId: string, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ lastLoginAt: now })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function findAuthEpoch(db: Db, orgId: string, userId: string): Promise<number> {
  const rows = await db
    .select({ e: users.authEpoch })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return rows[0]?.e ?? 0;
}

/** Brings one session up to its user's current auth epoch (the editor of their own role stays signed in). */
export async function refreshSessionEpoch(db: Db, sessionId: string): Promise<void> {
  await db.execute(sql`
    update ${sessions} s set auth_epoch = u.auth_epoch
    from ${users} u where s.id = ${sessionId} and u.org_id = s.org_id and u.id = s.user_id`);
}
