import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** In-app notices for one user; the text is rendered from kind + params in the reader's language. */
export const notifications = pgTable(
  'notifications',
  {
    ...tenantKey,
    userId: uuid('user_id').notNull(),
    /** e.g. 'taskDue', 'taskAssigned', 'poolWarning', 'poolReclaimed'. */
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    /** A path in the web UI, e.g. '/customers/<id>'. */
    link: text('link'),
    readAt: timestamptz('read_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt),
  ],
);
