import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { users } from '../users/users.table.ts';

/**
 * Server-side sessions, looked up by the SHA-256 of the cookie token before the
 * tenant is known — a system table without RLS, read only by the auth module.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    authEpoch: integer('auth_epoch').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    index('sessions_user_idx').on(t.orgId, t.userId),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    ...tenantKey,
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    /** The key acts for this user, never beyond the user's own role. */
    userId: uuid('user_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('api_keys_token_idx').on(t.tokenHash),
  ],
);

/** Failed sign-in counters per throttle key (ip, account+ip); a system table. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: timestamptz('window_start').notNull(),
  blockedUntil: timestamptz('blocked_until'),
});
