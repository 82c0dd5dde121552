import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A sales process: ordered stages. One default per organisation. */
export const pipelines = pgTable(
  'pipelines',
  {
    ...tenantKey,
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('pipelines_default_idx')
      .on(t.orgId)
      .where(sql`is_default and deleted_at is null`),
  ],
);

/**
 * A stage of a pipeline. Built-in stages carry a key (targetMarket, potentialCustomer,
 * needsAnalysis, proposal, won, lost) and are shown translated unless renamed.
 */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    ...tenantKey,
    pipelineId: uuid('pipeline_id').notNull(),
    key: text('key'),
    name: text('name').notNull(),
    kind: text('kind').$type<StageKind>().notNull().default('open'),
    position: integer('position').notNull(),
    /** Default win probability (0–100) given to opportunities entering the stage. */
    probability: integer('probability').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.pipelineId], foreignColumns: [pipelines.orgId, pipelines.id] }),
    index('pipeline_stages_pipeline_idx').on(t.orgId, t.pipelineId, t.position),
  ],
);

export type OpportunityStatus = StageKind;

/** A possible deal with a customer, moving through a pipeline's stages. */
export const opportunities = pgTable(
  'opportunities',
  {
    ...tenantKey,
    name: text('name').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    /** The lead it was converted from. */
    leadId: uuid('lead_id'),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** The kind of its stage, kept with it: open, won or lost. */
    status: text('status').$type<OpportunityStatus>().notNull().default('open'),
    /** Money is never a float. */
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull().default('CNY'),
    probability: integer('probability').notNull().default(0),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    productInterest: text('product_interest')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Where it came from (the lead's channel and campaign, or the customer's source). */
    channel: text('channel'),
    campaign: text('campaign'),
    ownerId: uuid('owner_id').notNull(),
    teamId: uuid('team_id'),
    departmentId: uuid('department_id'),
    /** Dictionary opportunityLostReason; required when lost. */
    lostReason: text('lost_reason'),
    lostNote: text('lost_note'),
    closedAt: timestamptz('closed_at'),
    stageEnteredAt: timestamptz('stage_entered_at').notNull().defaultNow(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    /** Kanban: a stage's cards by last change. */
    index('opportunities_stage_idx')
      .on(t.orgId, t.pipelineId, t.stageId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    /**
     * Kanban totals: open cards per stage and currency, with the scope columns, so counting and
     * summing a pipeline's open opportunities is an index-only scan.
     */
    index('opportunities_open_totals_idx')
      .on(t.orgId, t.pipelineId, t.stageId, t.currency, t.amount, t.ownerId, t.teamId, t.departmentId)
      .where(sql`deleted_at is null and status = 'open'`),
    index('opportunities_owner_idx')
      .on(t.orgId, t.ownerId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('opportunities_updated_idx')
      .on(t.orgId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('opportunities_created_idx')
      .on(t.orgId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    /** Kanban won/lost columns: cards closed since a date, per stage and currency, index-only. */
    index('opportunities_closed_totals_idx')
      .on(
        t.orgId,
        t.pipelineId,
        t.closedAt,
        t.stageId,
        t.currency,
        t.amount,
        t.ownerId,
        t.teamId,
        t.departmentId,
      )
      .where(sql`deleted_at is null and closed_at is not null`),
    /** Deleted opportunities of a period (left out of the funnel; the recycle bin). */
    index('opportunities_deleted_idx')
      .on(t.orgId, t.pipelineId, t.createdAt)
      .where(sql`deleted_at is not null`),
    index('opportunities_customer_idx').on(t.orgId, t.customerId),
    index('opportunities_team_idx').on(t.orgId, t.teamId),
    index('opportunities_department_idx').on(t.orgId, t.departmentId),
  ],
);

/** Stage history: every entry into a stage, with who, when and the amount at the time; never rewritten. */
export const opportunityStageChanges = pgTable(
  'opportunity_stage_changes',
  {
    ...tenantKey,
    opportunityId: uuid('opportunity_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    /** Null for the stage an opportunity was created in. */
    fromStageId: uuid('from_stage_id'),
    toStageId: uuid('to_stage_id').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    /** The opportunity's creation time, copied: the funnel's cohort is read from this table alone. */
    opportunityCreatedAt: timestamptz('opportunity_created_at').notNull(),
    by: uuid('by'),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    currency: text('currency'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [opportunities.orgId, opportunities.id],
    }),
    index('opportunity_stage_changes_opportunity_idx').on(t.orgId, t.opportunityId, t.at),
    /** A period's cohort of a pipeline with its moves, index-only (funnel analytics). */
    index('opportunity_stage_changes_cohort_idx').on(
      t.orgId,
      t.pipelineId,
      t.opportunityCreatedAt,
      t.opportunityId,
      t.fromStageId,
      t.toStageId,
      t.at,
    ),
  ],
);
