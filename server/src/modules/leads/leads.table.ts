import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** Written as to_tsvector('simple', …) like customers' search documents; never read back. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const MAN_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type ManAnswer = (typeof MAN_ANSWERS)[number];
/** Why a lead has its owner. */
export type AssignmentReason = 'rule' | 'duplicate' | 'fallback' | 'manual' | 'creator';

/** A prospective buyer from a fair, a platform, a web form, a referral…; someone's job until converted. */
export const leads = pgTable(
  'leads',
  {
    ...tenantKey,
    /** The person; a lead has a name, a company or both. */
    name: text('name'),
    company: text('company'),
    title: text('title'),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    wechat: text('wechat'),
    /** ISO 3166-1 alpha-2 (CN, US, DE…). */
    country: text('country'),
    /** Official 6-digit division codes for mainland leads, as customers. */
    province: text('province'),
    city: text('city'),
    address: text('address'),
    website: text('website'),
    /** Dictionary leadChannel: tradeFair, b2bPlatform, websiteForm, referral, searchEngine, walkIn, other… */
    channel: text('channel').notNull().default('other'),
    /** The specific fair, platform or campaign: "第138届广交会", "Alibaba.com", "Frankfurt 2026". */
    campaign: text('campaign'),
    /** Dictionary productLine keys. */
    productInterest: text('product_interest')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** BCP 47 primary language: zh, en, es, ru, ar… */
    language: text('language'),
    notes: text('notes'),
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    /** Dictionary leadDisqualifyReason; required when disqualified. */
    disqualifyReason: text('disqualify_reason'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    departmentId: uuid('department_id'),
    assignedAt: timestamptz('assigned_at'),
    assignmentReason: text('assignment_reason').$type<AssignmentReason>(),
    assignmentRuleId: uuid('assignment_rule_id'),
    /** The first-contact deadline; past it while still new and untouched the lead is "sleeping". */
    firstContactDueAt: timestamptz('first_contact_due_at'),
    firstContactedAt: timestamptz('first_contacted_at'),
    /** When the sleeping lead was escalated to the owner's manager (once per assignment). */
    escalatedAt: timestamptz('escalated_at'),
    manMoney: text('man_money').$type<ManAnswer>().notNull().default('unknown'),
    manAuthority: text('man_authority').$type<ManAnswer>().notNull().default('unknown'),
    manNeed: text('man_need').$type<ManAnswer>().notNull().default('unknown'),
    qualifiedAt: timestamptz('qualified_at'),
    qualifiedBy: uuid('qualified_by'),
    /** An existing customer this lead matches (the archive's duplicate keys), and on what. */
    matchedCustomerId: uuid('matched_customer_id'),
    matchedOn: text('matched_on')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    convertedAt: timestamptz('converted_at'),
    convertedBy: uuid('converted_by'),
    convertedCustomerId: uuid('converted_customer_id'),
    convertedContactId: uuid('converted_contact_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    /** The public web form it came through. */
    formId: uuid('form_id'),
    /** A B2B connector's own id (e.g. source 'alibaba', id of the inquiry): re-sending is idempotent. */
    externalSource: text('external_source'),
    externalId: text('external_id'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    searchTsv: tsvector('search_tsv'),
    searchText: text('search_text').notNull().default(''),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('leads_owner_idx')
      .on(t.orgId, t.ownerId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('leads_status_idx')
      .on(t.orgId, t.status, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('leads_created_idx')
      .on(t.orgId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index('leads_updated_idx')
      .on(t.orgId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('leads_channel_idx')
      .on(t.orgId, t.channel, t.campaign, t.createdAt)
      .where(sql`deleted_at is null`),
    index('leads_team_idx').on(t.orgId, t.teamId),
    index('leads_department_idx').on(t.orgId, t.departmentId),
    /** Sleeping leads: still new, never contacted, by deadline. */
    index('leads_due_idx')
      .on(t.orgId, t.firstContactDueAt)
      .where(sql`status = 'new' and first_contacted_at is null and deleted_at is null`),
    uniqueIndex('leads_external_idx')
      .on(t.orgId, t.externalSource, t.externalId)
      .where(sql`external_id is not null and deleted_at is null`),
    index('leads_search_idx').using('gin', t.searchTsv),
    index('leads_tags_idx').using('gin', t.tags),
  ],
);

/** A public web form: no login, its own allowed fields, defaults stamped on every lead it takes. */
export const leadForms = pgTable(
  'lead_forms',
  {
    ...tenantKey,
    name: text('name').notNull(),
    /** Unguessable key in the public URL /api/v1/public/forms/:key; unique across organisations. */
    publicKey: text('public_key').notNull(),
    /** Lead fields the form accepts; anything else is refused. */
    fields: text('fields').array().notNull(),
    requiredFields: text('required_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** channel, campaign, tags, language, productInterest stamped on every lead. */
    defaults: jsonb('defaults').$type<Record<string, unknown>>().notNull().default({}),
    active: boolean('active').notNull().default(true),
    submissions: integer('submissions').notNull().default(0),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('lead_forms_public_key_idx').on(t.publicKey),
  ],
);

export const LEAD_RULE_KINDS = ['roundRobin', 'region', 'productLine', 'language', 'channel'] as const;
export type LeadRuleKind = (typeof LEAD_RULE_KINDS)[number];

/** What a rule matches on; empty lists match anything. */
export interface LeadRuleMatch {
  countries?: string[];
  provinces?: string[];
  productLines?: string[];
  languages?: string[];
  channels?: string[];
  campaigns?: string[];
}

/** Ordered assignment rules: the first active rule matching a lead picks its owner. */
export const leadRules = pgTable(
  'lead_rules',
  {
    ...tenantKey,
    name: text('name').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').$type<LeadRuleKind>().notNull(),
    match: jsonb('match').$type<LeadRuleMatch>().notNull().default({}),
    /** The rotation: these users, or the members of teamId at assignment time. */
    assigneeIds: uuid('assignee_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    teamId: uuid('team_id'),
    /** Round-robin position: leads this rule has assigned so far. */
    rrCounter: bigint('rr_counter', { mode: 'number' }).notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('lead_rules_position_idx').on(t.orgId, t.position),
  ],
);
