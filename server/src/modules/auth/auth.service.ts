import type { Db } from '../../db/types.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../access/index.ts';
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from './password.ts';
import { registerFailure, retryAfterSeconds, THROTTLE_RULES } from './throttle.ts';
import * as repo from './sessions.repository.ts';

type ActorSource = Pick<
  repo.ActorRow,
  | 'orgId'
  | 'userId'
  | 'roleKey'
  | 'permissions'
  | 'dataScope'
  | 'fieldRules'
  | 'teamId'
  | 'departmentId'
  | 'isPortal'
  | 'customerId'
  | 'isInstanceAdmin'
>;

export function toActor(row: ActorSource, apiKey: Actor['apiKey'] = null): Actor {
  return {
    orgId: row.orgId,
    userId: row.userId,
    roleKey: row.roleKey,
    permissions: row.permissions,
    dataScope: row.dataScope,
    fieldRules: row.fieldRules,
    teamId: row.teamId,
    departmentId: row.departmentId,
    isPortal: row.isPortal,
    customerId: row.customerId,
    isInstanceAdmin: row.isInstanceAdmin,
    apiKey,
  };
}

export interface NewSession {
  token: string;
  csrfToken: string;
  userId: string;
  orgId: string;
  maxAgeSeconds: number;
}

export async function startSession(
  db: Db,
  config: Config,
  user: { orgId: string; userId: string; authEpoch: number },
  meta: { ip: string; userAgent?: string; now: Date },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const maxAgeSeconds = config.session.absoluteHours * 3600;
  await repo.insertSession(db, {
    id: sha256(token),
    orgId: user.orgId,
    userId: user.userId,
    authEpoch: user.authEpoch,
    csrfToken,
    createdAt: meta.now,
    lastSeenAt: meta.now,
    expiresAt: new Date(meta.now.getTime() + maxAgeSeconds * 1000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300),
  });
  return { token, csrfToken, userId: user.userId, orgId: user.orgId, maxAgeSeconds };
}

/** Password sign-in with throttling per IP and per (account, IP). */
export async function login(
  db: Db,
  config: Config,
  input: { login: string; password: string; ip: string; userAgent?: string; now: Date },
): Promise<{ session: NewSession; user: NonNullable<Awaited<ReturnType<typeof repo.findLoginUser>>> }> {
  const login = input.login.trim().toLowerCase();
  const ipKey = `ip:${input.ip}`;
  const pairKey = `acct:${login}|${input.ip}`;
  const states = await repo.readThrottle(db, [ipKey, pairKey]);
  const wait = Math.max(
    retryAfterSeconds(states.get(ipKey), input.now),
    retryAfterSeconds(states.get(pairKey), input.now),
  );
  if (wait > 0)
    throw new AppError('TOO_MANY_ATTEMPTS', { seconds: wait }, undefined, { 'retry-after': String(wait) });

  const user = await repo.findLoginUser(db, login);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.status !== 'active' || user.deletedAt) {
    await repo.writeThrottle(db, ipKey, registerFailure(states.get(ipKey), THROTTLE_RULES.ip, input.now));
    await repo.writeThrottle(
      db,
      pairKey,
      registerFailure(states.get(pairKey), THROTTLE_RULES.accountIp, input.now),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  await repo.clearThrottle(db, pairKey);
  await repo.setLastLogin(db, user.orgId, user.userId, input.now);
  const session = await startSession(db, config, user, input);
  return { session, user };
}

/** The signed-in user's own profile, read with the session: GET /me needs no further query. */
export interface Profile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  version: number;
  roleId: string;
  roleName: string;
  orgName: string;
  locale: string;
}

const profileOf = (row: Omit<Profile, 'id'> & { userId: string }): Profile => ({
  id: row.userId,
  name: row.name,
  email: row.email,
  phone: row.phone,
  version: row.version,
  roleId: row.roleId,
  roleName: row.roleName,
  orgName: row.orgName,
  locale: row.locale,
});

export interface ResolvedSession {
  profile: Profile;
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  locale: string;
}

/** The actor behind a session cookie, or why there is none. */
export async function resolveSession(
  db: Db,
  config: Config,
  token: string,
  now: Date,
): Promise<ResolvedSession | 'expired'> {
  const id = sha256(token);
  const row = await repo.findSessionActor(db, id);
  if (!row) return 'expired';
  const idleMs = config.session.idleMinutes * 60_000;
  const ended =
    row.expiresAt.getTime() <= now.getTime() ||
    row.lastSeenAt.getTime() + idleMs <= now.getTime() ||
    row.status !== 'active' ||
    row.deletedAt !== null ||
    row.sessionEpoch !== row.authEpoch;
  if (ended) {
    await repo.deleteSession(db, id);
    return 'expired';
  }
  // One write a minute at most keeps the idle clock without a write per request.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, id, now);
  return {
    actor: toActor(row),
    profile: profileOf(row),
    sessionId: id,
    csrfToken: row.csrfToken,
    locale: row.locale,
  };
}

export async function resolveApiKey(
  db: Db,
  token: string,
  now: Date,
): Promise<{ actor: Actor; profile: Profile; locale: string } | null> {
  const row = await repo.findApiKeyActor(db, sha256(token));
  if (!row || row.revokedAt || row.status !== 'active' || row.deletedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await repo.touchApiKey(db, row.orgId, row.apiKeyId, now);
  return {
    actor: toActor(row, { id: row.apiKeyId, scopes: row.scopes }),
    profile: profileOf(row),
    locale: row.locale,
  };
}

export const endSession = (db: Db, sessionId: string) => repo.deleteSession(db, sessionId);
export const endUserSessions = (db: Db, orgId: string, userId: string) =>
  repo.deleteUserSessions(db, orgId, userId);

/**
 * The actor a background job acts as: its creator with their role as it is when the job runs
 * (a role narrowed since then narrows the job too), or null when the user is gone or disabled.
 * An API key's scopes, recorded with the job, keep narrowing it.
 */
export async function loadActor(
  db: Db,
  orgId: string,
  userId: string,
  apiKey: Actor['apiKey'] = null,
): Promise<{ actor: Actor; locale: string } | null> {
  const row = await repo.findUserActor(db, orgId, userId);
  if (!row || row.status !== 'active' || row.deletedAt) return null;
  return { actor: toActor(row, apiKey), locale: row.locale };
}
