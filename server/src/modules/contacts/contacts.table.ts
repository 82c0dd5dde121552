import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { customers } from '../customers/customers.table.ts';

/** Written as to_tsvector('simple', …) from the customers module's search terms; never read back. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type DecisionRole = 'decision_maker' | 'influencer' | 'user' | 'other';

/** People at a customer; they are visible exactly when their customer is. */
export const contacts = pgTable(
  'contacts',
  {
    ...tenantKey,
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    wechatId: text('wechat_id'),
    decisionRole: text('decision_role').$type<DecisionRole>(),
    /** 'YYYY-MM-DD'; with birthdayLunar the month and day are lunar (so 02-30 can be valid). */
    birthday: text('birthday'),
    birthdayLunar: boolean('birthday_lunar').notNull().default(false),
    hobbies: text('hobbies'),
    familyNotes: text('family_notes'),
    isKeyPerson: boolean('is_key_person').notNull().default(false),
    notes: text('notes'),
    /** Values of the administrator's custom fields for contacts (custom_field_defs), by key. */
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    searchTsv: tsvector('search_tsv'),
    searchText: text('search_text').notNull().default(''),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('contacts_customer_idx').on(t.orgId, t.customerId),
    index('contacts_name_idx').on(t.orgId, t.name),
    index('contacts_search_idx').using('gin', t.searchTsv),
  ],
);
