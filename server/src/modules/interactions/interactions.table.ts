import { bigint, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { customers } from '../customers/customers.table.ts';

export const INTERACTION_CHANNELS = [
  'call',
  'visit',
  'meeting',
  'email',
  'fax',
  'sms',
  'wechat',
  'tradeFair',
  'note',
] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

/** A logged contact with a customer (call, visit, WeChat …); visible exactly when its customer is. */
export const interactions = pgTable(
  'interactions',
  {
    ...tenantKey,
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    channel: text('channel').$type<InteractionChannel>().notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    subject: text('subject'),
    content: text('content'),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    /** When set, a follow-up task is created for the author at this time. */
    nextStepAt: timestamptz('next_step_at'),
    /** Who had the contact (defaults to the author). */
    userId: uuid('user_id'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('interactions_customer_idx').on(t.orgId, t.customerId, t.occurredAt),
    index('interactions_user_idx').on(t.orgId, t.userId, t.occurredAt),
  ],
);

/** Files attached to a record; the bytes live on disk under the attachments directory. */
export const attachments = pgTable(
  'attachments',
  {
    ...tenantKey,
    /** 'interactions' today; complaints and others later. */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Path relative to the attachments directory. */
    storageKey: text('storage_key').notNull(),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('attachments_record_idx').on(t.orgId, t.recordType, t.recordId),
  ],
);
