import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { roles } from '../access/access.table.ts';
import { departments, teams } from '../org-structure/org-structure.table.ts';

export const users = pgTable(
  'users',
  {
    ...tenantKey,
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    roleId: uuid('role_id').notNull(),
    departmentId: uuid('department_id'),
    teamId: uuid('team_id'),
    /** Portal users: the customer account they belong to (customers come later). */
    customerId: uuid('customer_id'),
    locale: text('locale').notNull().default('zh-CN'),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    isInstanceAdmin: boolean('is_instance_admin').notNull().default(false),
    /** Bumped on password change, disable and role change: older sessions stop working. */
    authEpoch: integer('auth_epoch').notNull().default(1),
    lastLoginAt: timestamptz('last_login_at'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.roleId], foreignColumns: [roles.orgId, roles.id] }),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [departments.orgId, departments.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    // Sign-in takes an email without an organisation, so emails are unique across the instance.
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    index('users_phone_idx').on(t.phone),
    index('users_department_idx').on(t.orgId, t.departmentId),
    index('users_team_idx').on(t.orgId, t.teamId),
  ],
);
