import { foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const TASK_KINDS = ['followUp', 'callback', 'greeting', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Something a user must do by a time, usually about a customer. */
export const tasks = pgTable(
  'tasks',
  {
    ...tenantKey,
    title: text('title').notNull(),
    kind: text('kind').$type<TaskKind>().notNull().default('other'),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    dueAt: timestamptz('due_at').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    /** What created it: e.g. 'interactions' with its id. */
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    notes: text('notes'),
    completedAt: timestamptz('completed_at'),
    completedBy: uuid('completed_by'),
    /** Set on generated tasks (e.g. 'greeting:springFestival:2027:<customerId>') so a job never creates one twice. */
    autoKey: text('auto_key'),
    /** When the assignee was notified that it is due. */
    remindedAt: timestamptz('reminded_at'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('tasks_assignee_idx').on(t.orgId, t.assigneeId, t.status, t.dueAt),
    index('tasks_customer_idx').on(t.orgId, t.customerId, t.dueAt),
    index('tasks_due_idx')
      .on(t.orgId, t.dueAt)
      .where(sql`status = 'open' and deleted_at is null`),
    uniqueIndex('tasks_auto_key_idx')
      .on(t.orgId, t.autoKey)
      .where(sql`auto_key is not null`),
  ],
);
