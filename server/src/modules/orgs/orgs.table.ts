import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { newId, timestamptz } from '../../db/columns.ts';

/** Organisations (tenants). RLS lets a tenant transaction see only its own row. */
export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  locale: text('locale').notNull().default('zh-CN'),
  currency: text('currency').notNull().default('CNY'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});
