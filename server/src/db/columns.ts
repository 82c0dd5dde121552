import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

export const newId = (): string => uuidv7();

/** `id` and `org_id`; tables combine them into the primary key (org_id, id). */
export const tenantKey = {
  orgId: uuid('org_id').notNull(),
  id: uuid('id').notNull().$defaultFn(newId),
};

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Who/when created and changed a record, its version, and its recycle-bin state. */
export const recordMeta = {
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  deletedAt: at('deleted_at'),
  deletedBy: uuid('deleted_by'),
};

export { at as timestamptz };
