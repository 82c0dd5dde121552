import { boolean, foreignKey, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import type { DataScope, FieldRules, PermissionSet } from './permissions.ts';

export const roles = pgTable(
  'roles',
  {
    ...tenantKey,
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: jsonb('permissions').$type<PermissionSet>().notNull().default({}),
    dataScope: text('data_scope').$type<DataScope>().notNull().default('own'),
    fieldRules: jsonb('field_rules').$type<FieldRules>().notNull().default({}),
    /** External portal users: bound to one customer account. */
    isPortal: boolean('is_portal').notNull().default(false),
    builtin: boolean('builtin').notNull().default(false),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('roles_key_idx').on(t.orgId, t.key),
  ],
);
