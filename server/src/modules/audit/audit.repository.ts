import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { users } from '../users/users.table.ts';
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

export interface AuditFilter {
  /** Always set: the organisation's own filter, with row-level security as the second wall. */
  orgId: string;
  /** The actor's data scope over users (a condition on the users table): entries about other people stay hidden. */
  visibleUsers?: SQL;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  cursor?: { at: Date; id: string };
  limit: number;
}

function conditions(f: AuditFilter): SQL[] {
  const c: SQL[] = [eq(auditLog.orgId, f.orgId)];
  if (f.visibleUsers)
    c.push(
      sql`(${auditLog.entity} <> 'users' or ${auditLog.entityId} in (select ${users.id} from ${users} where ${users.orgId} = ${f.orgId} and ${f.visibleUsers}))`,
    );
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
