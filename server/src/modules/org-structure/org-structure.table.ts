import { foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** Department tree; `path` is the chain of ids from the root ("/a/b/"), for subtree scopes. */
export const departments = pgTable(
  'departments',
  {
    ...tenantKey,
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    managerId: uuid('manager_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
    index('departments_path_idx').on(t.orgId, t.path),
  ],
);

export const teams = pgTable(
  'teams',
  {
    ...tenantKey,
    name: text('name').notNull(),
    departmentId: uuid('department_id'),
    leaderId: uuid('leader_id'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [departments.orgId, departments.id] }),
  ],
);
