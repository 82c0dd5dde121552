import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';
import type { FieldChange } from './diff.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    ...tenantKey,
    at: timestamptz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').$type<'user' | 'apiKey' | 'system'>().notNull(),
    apiKeyId: uuid('api_key_id'),
    ip: text('ip'),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id'),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('audit_entity_idx').on(t.orgId, t.entity, t.entityId, t.at),
    index('audit_at_idx').on(t.orgId, t.at),
  ],
);
