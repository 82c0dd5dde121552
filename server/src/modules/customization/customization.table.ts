import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** A label in both languages the product speaks. */
export interface LocalLabel {
  'zh-CN': string;
  en: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice' | 'multiChoice';

export interface CustomFieldOption {
  key: string;
  label: LocalLabel;
}

/** Fields an administrator adds to an entity; values live in the entity's custom_fields jsonb by key. */
export const customFieldDefs = pgTable(
  'custom_field_defs',
  {
    ...tenantKey,
    /** 'customers' | 'contacts' (later entities register theirs). */
    entity: text('entity').notNull(),
    /** Stable key in custom_fields; letters, digits and underscores. */
    key: text('key').notNull(),
    label: jsonb('label').$type<LocalLabel>().notNull(),
    type: text('type').$type<CustomFieldType>().notNull(),
    required: boolean('required').notNull().default(false),
    /** For choice and multiChoice. */
    options: jsonb('options').$type<CustomFieldOption[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('custom_field_defs_key_idx')
      .on(t.orgId, t.entity, t.key)
      .where(sql`deleted_at is null`),
  ],
);

/** Entries of the configurable dictionaries (customer type, source channel, industry, relationship level, …). */
export const dictionaryItems = pgTable(
  'dictionary_items',
  {
    ...tenantKey,
    /** e.g. 'customerType', 'source', 'industry', 'relationshipLevel', 'interactionChannel'. */
    dictionary: text('dictionary').notNull(),
    /** The value stored on records. */
    key: text('key').notNull(),
    label: jsonb('label').$type<LocalLabel>().notNull(),
    position: integer('position').notNull().default(0),
    /** Inactive entries stay readable on old records but cannot be chosen for new ones. */
    active: boolean('active').notNull().default(true),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('dictionary_items_key_idx')
      .on(t.orgId, t.dictionary, t.key)
      .where(sql`deleted_at is null`),
  ],
);
