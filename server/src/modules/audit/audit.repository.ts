import { and, desc, eq, gte, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { users } from '../users/users.table.ts';
import { customers } from '../customers/customers.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { auditLog } from './audit.table.ts';
import type { FieldChange } from './diff.ts';

export interface AuditEntry {
  orgId: string;
  actorId: string | null;
  actorKind: 'user' | 'apiKey' | 'system';
  apiKeyId?: string | null;
  ip?: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  changes: FieldChange[];
  at: Date;
}

/** Written in the caller's transaction, so the change and its audit entry commit together. */
export async function insertAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(entry);
}

/**
 * What of the log an actor may see: entries of an entity only if it may read that entity,
 * and of a scoped entity only those about records inside its data scope. Entities outside
 * the permission catalog (the organisation itself) are visible to every reader of the log.
 */
export interface AuditVisibility {
  /** Catalog entities the actor may not read: none of their entries are shown. */
  unreadable: string[];
  /** The actor's data scope over users (a condition on the users table); undefined: all of them. */
  users?: SQL;
  /** Its data scope over customers (a condition on the customers table); contacts follow their customer. */
  customers?: SQL;
}

export interface AuditFilter {
  /** Always set: the organisation's own filter, with row-level security as the second wall. */
  orgId: string;
  /** Unset for the history of one record, whose caller has already checked that record. */
  visibility?: AuditVisibility;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  cursor?: { at: Date; id: string };
  limit: number;
}

/** Entries of `entity` only when `record` (a correlated subquery on the entry's entity_id) exists. */
const onlyRecordsIn = (entity: string, record: SQL): SQL =>
  sql`(${auditLog.entity} <> ${entity} or exists (${record}))`;

/**
 * One condition, so that the count and every page agree. Correlated EXISTS rather than
 * `entity_id in (select …)`: under an OR, PostgreSQL can only hash an IN list that fits in
 * work_mem and otherwise rescans it for every entry — a department of 1M customers would.
 */
function visibleEntries(orgId: string, v: AuditVisibility): SQL[] {
  const c: SQL[] = [];
  const readable = (entity: string) => !v.unreadable.includes(entity);
  if (v.unreadable.length) c.push(notInArray(auditLog.entity, v.unreadable));
  if (v.users && readable('users'))
    c.push(
      onlyRecordsIn(
        'users',
        sql`select 1 from ${users} where ${users.orgId} = ${orgId} and ${users.id} = ${auditLog.entityId} and ${v.users}`,
      ),
    );
  if (v.customers && readable('customers'))
    c.push(
      onlyRecordsIn(
        'customers',
        sql`select 1 from ${customers} where ${customers.orgId} = ${orgId} and ${customers.id} = ${auditLog.entityId} and ${v.customers}`,
      ),
    );
  if (v.customers && readable('contacts'))
    c.push(
      onlyRecordsIn(
        'contacts',
        sql`select 1 from ${contacts} join ${customers} on ${customers.orgId} = ${contacts.orgId} and ${customers.id} = ${contacts.customerId}
          where ${contacts.orgId} = ${orgId} and ${contacts.id} = ${auditLog.entityId} and ${v.customers}`,
      ),
    );
  return c;
}

function conditions(f: AuditFilter): SQL[] {
  const c: SQL[] = [eq(auditLog.orgId, f.orgId)];
  if (f.visibility) c.push(...visibleEntries(f.orgId, f.visibility));
  if (f.entity) c.push(eq(auditLog.entity, f.entity));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) c.push(eq(auditLog.actorId, f.actorId));
  if (f.action) c.push(eq(auditLog.action, f.action));
  if (f.from) c.push(gte(auditLog.at, f.from));
  if (f.to) c.push(lte(auditLog.at, f.to));
  return c;
}

export async function findAuditEntries(tx: Db, f: AuditFilter) {
  const where = conditions(f);
  const page = [...where];
  if (f.cursor)
    page.push(
      or(lt(auditLog.at, f.cursor.at), and(eq(auditLog.at, f.cursor.at), lt(auditLog.id, f.cursor.id)))!,
    );
  const items = await tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorKind: auditLog.actorKind,
      apiKeyId: auditLog.apiKeyId,
      ip: auditLog.ip,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorId)))
    .where(and(...page))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(...where));
  return { items, total };
}
