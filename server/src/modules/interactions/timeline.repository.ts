import {
  and,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { auditLog } from '../audit/audit.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../users/users.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { interactions } from './interactions.table.ts';
import type { TimelineCursor, TimelineType } from './timeline.ts';

// Each source of the 360° timeline reads its own index, newest first, with a LIMIT; the
// service merges them in memory. Items are ordered by (at, type, id) descending.

/** Items strictly after the cursor in (at desc, type desc, id desc) order, for one source of type `type`. */
function afterCursor(at: AnyColumn | SQL, id: AnyColumn, type: TimelineType, c?: TimelineCursor) {
  if (!c) return undefined;
  const when = new Date(c.at);
  if (type < c.type) return lte(at as AnyColumn, when);
  if (type > c.type) return lt(at as AnyColumn, when);
  return or(lt(at as AnyColumn, when), and(eq(at as AnyColumn, when), lt(id, c.id)));
}

export interface Scope {
  orgId: string;
  customerId: string;
}

export async function interactionItems(tx: Db, s: Scope, limit: number, c?: TimelineCursor) {
  return tx
    .select({
      id: interactions.id,
      at: interactions.occurredAt,
      channel: interactions.channel,
      subject: interactions.subject,
      content: interactions.content,
      outcome: interactions.outcome,
      nextStep: interactions.nextStep,
      nextStepAt: interactions.nextStepAt,
      contactId: interactions.contactId,
      userId: interactions.userId,
      userName: users.name,
    })
    .from(interactions)
    .leftJoin(users, and(eq(users.orgId, interactions.orgId), eq(users.id, interactions.userId)))
    .where(
      and(
        eq(interactions.orgId, s.orgId),
        eq(interactions.customerId, s.customerId),
        isNull(interactions.deletedAt),
        afterCursor(interactions.occurredAt, interactions.id, 'interaction', c),
      ),
    )
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit);
}

const TASK_AT = {
  taskCreated: tasks.createdAt,
  taskDue: tasks.dueAt,
  taskDone: tasks.completedAt,
} as const;

/** One kind of task event: created (every task), due (open ones), done (completed ones). */
export async function taskItems(
  tx: Db,
  s: Scope,
  type: keyof typeof TASK_AT,
  limit: number,
  c?: TimelineCursor,
) {
  const at = TASK_AT[type];
  const only =
    type === 'taskDue'
      ? eq(tasks.status, 'open')
      : type === 'taskDone'
        ? isNotNull(tasks.completedAt)
        : undefined;
  return tx
    .select({
      id: tasks.id,
      at: sql<Date>`${at}`.mapWith(tasks.dueAt),
      title: tasks.title,
      kind: tasks.kind,
      status: tasks.status,
      dueAt: tasks.dueAt,
      userId: tasks.assigneeId,
      userName: users.name,
    })
    .from(tasks)
    .leftJoin(users, and(eq(users.orgId, tasks.orgId), eq(users.id, tasks.assigneeId)))
    .where(
      and(
        eq(tasks.orgId, s.orgId),
        eq(tasks.customerId, s.customerId),
        isNull(tasks.deletedAt),
        only,
        afterCursor(at, tasks.id, type, c),
      ),
    )
    .orderBy(desc(at), desc(tasks.id))
    .limit(limit);
}

/**
 * Changes to the customer and to its contacts, from the audit trail. Two reads on the
 * (org, entity, entity_id, at) index, each with its LIMIT: one OR over both made the planner
 * walk the whole organisation's audit trail by time instead.
 */
export async function changeItems(tx: Db, s: Scope, limit: number, c?: TimelineCursor) {
  const contactIds = (
    await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, s.orgId), eq(contacts.customerId, s.customerId)))
      .limit(1000)
  ).map((r) => r.id);
  const read = (entity: string, ids: string[]) =>
    tx
      .select({
        id: auditLog.id,
        at: auditLog.at,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        action: auditLog.action,
        changes: auditLog.changes,
        userId: auditLog.actorId,
        userName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorId)))
      .where(
        and(
          eq(auditLog.orgId, s.orgId),
          eq(auditLog.entity, entity),
          ids.length === 1 ? eq(auditLog.entityId, ids[0]!) : inArray(auditLog.entityId, ids),
          afterCursor(auditLog.at, auditLog.id, 'change', c),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
  const own = await read('customers', [s.customerId]);
  return contactIds.length ? [...own, ...(await read('contacts', contactIds))] : own;
}
