import { sql } from 'drizzle-orm';
import {
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import type { DedupeKind } from './dedupe.ts';

/** Written as to_tsvector('simple', …) from search-terms.ts; never read back. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface KeyAccountProfile {
  history?: string | null;
  operatingModel?: string | null;
  honours?: string | null;
  achievements?: string | null;
}

export const customers = pgTable(
  'customers',
  {
    ...tenantKey,
    kind: text('kind').$type<'company' | 'person'>().notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** The organisation's own customer number; unique among live customers when given. */
    code: text('code'),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    creditCode: text('credit_code'),
    country: text('country'),
    /** Official 6-digit division codes (divisions.ts); names are looked up when presenting. */
    province: text('province'),
    city: text('city'),
    district: text('district'),
    address: text('address'),
    website: text('website'),
    industry: text('industry'),
    type: text('type'),
    source: text('source'),
    sourceDetail: text('source_detail'),
    mainProducts: text('main_products'),
    lifecycleStatus: text('lifecycle_status').notNull().default('prospect'),
    relationshipLevel: text('relationship_level'),
    paymentTerms: text('payment_terms'),
    /** Money is never a float: numeric with its currency. */
    creditLimit: numeric('credit_limit', { precision: 18, scale: 2 }),
    creditLimitCurrency: text('credit_limit_currency'),
    creditRating: text('credit_rating'),
    /** Manual A/B/C until analytics computes grades. */
    grade: text('grade'),
    /** No owner: the customer is in the public pool. */
    ownerId: uuid('owner_id'),
    /** Follow the owner's team and department at assignment; the data scope reads them. */
    teamId: uuid('team_id'),
    departmentId: uuid('department_id'),
    ownerAssignedAt: timestamptz('owner_assigned_at'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    keyAccount: jsonb('key_account').$type<KeyAccountProfile>().notNull().default({}),
    /** Set on the duplicate a merge soft-deleted: the customer it lives on in. */
    mergedIntoId: uuid('merged_into_id'),
    searchTsv: tsvector('search_tsv'),
    searchText: text('search_text').notNull().default(''),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('customers_code_idx')
      .on(t.orgId, t.code)
      .where(sql`deleted_at is null and code is not null`),
    // List indexes: live rows only, ending in id — the keyset's tie-break — so a first page sorted
    // by any list sort is an index walk even when many rows share a time (an import's batch).
    index('customers_owner_idx')
      .on(t.orgId, t.ownerId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('customers_province_idx')
      .on(t.orgId, t.province, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('customers_team_idx').on(t.orgId, t.teamId),
    index('customers_department_idx').on(t.orgId, t.departmentId),
    index('customers_updated_idx')
      .on(t.orgId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('customers_created_idx')
      .on(t.orgId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index('customers_name_idx')
      .on(t.orgId, t.name, t.id)
      .where(sql`deleted_at is null`),
    index('customers_search_idx').using('gin', t.searchTsv),
    index('customers_tags_idx').using('gin', t.tags),
  ],
);

/** Duplicate keys (dedupe.ts) of live customers, kept in the same transaction as the customer. */
export const customerKeys = pgTable(
  'customer_keys',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').$type<DedupeKind>().notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.kind, t.value] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('customer_keys_value_idx').on(t.orgId, t.kind, t.value),
  ],
);

/** Ownership history: every assignment, transfer and merge, never rewritten. */
export const customerOwners = pgTable(
  'customer_owners',
  {
    ...tenantKey,
    customerId: uuid('customer_id').notNull(),
    fromOwnerId: uuid('from_owner_id'),
    toOwnerId: uuid('to_owner_id'),
    changedBy: uuid('changed_by'),
    at: timestamptz('at').notNull().defaultNow(),
    /** create, edit, transfer, merge, claim; 'released: <why>' and 'reclaimed: …' put it in the pool. */
    reason: text('reason').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('customer_owners_customer_idx').on(t.orgId, t.customerId, t.at),
  ],
);

/**
 * Communication behaviour (mission A/B10), one row per customer, kept current by the modules
 * that see the contact happen; apart from customers so logging a call never bumps its version.
 */
export const customerActivity = pgTable(
  'customer_activity',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    lastContactAt: timestamptz('last_contact_at'),
    lastContactChannel: text('last_contact_channel'),
    /** channel → ISO time of the last interaction on it. */
    lastByChannel: jsonb('last_by_channel').$type<Record<string, string>>().notNull().default({}),
    /** Last interaction logged by the customer's owner at the time: the pool's follow-up clock. */
    lastFollowUpAt: timestamptz('last_follow_up_at'),
    /** Last opportunity or deal (filled in by the opportunities and orders issues). */
    lastDealAt: timestamptz('last_deal_at'),
    lastPortalLoginAt: timestamptz('last_portal_login_at'),
    lastEnquiryAt: timestamptz('last_enquiry_at'),
    emailOpens: integer('email_opens').notNull().default(0),
    emailClicks: integer('email_clicks').notNull().default(0),
    lastEmailCampaignAt: timestamptz('last_email_campaign_at'),
    lastSmsCampaignAt: timestamptz('last_sms_campaign_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  ],
);
