import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** What a list view remembers: filters (query parameters), sort and visible columns. */
export interface SavedViewConfig {
  filters: Record<string, string | string[]>;
  sort?: string | null;
  columns?: string[];
}

/** A named list view; private to its owner unless shared with the organisation. */
export const savedViews = pgTable(
  'saved_views',
  {
    ...tenantKey,
    /** The list it belongs to: 'customers', 'contacts', 'tasks', … */
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').notNull(),
    shared: boolean('shared').notNull().default(false),
    config: jsonb('config').$type<SavedViewConfig>().notNull(),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('saved_views_entity_idx').on(t.orgId, t.entity, t.ownerId),
  ],
);
