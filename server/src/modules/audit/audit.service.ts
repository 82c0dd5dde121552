import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { fieldRule, maskFieldValue, type Actor } from '../access/index.ts';
import { insertAudit, findAuditEntries } from './audit.repository.ts';
import { diffRecords, type FieldChange } from './diff.ts';

/** Records one change by the calling actor, inside the caller's transaction. */
export async function audit(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'ip' | 'now'>,
  entity: string,
  entityId: string | null,
  action: string,
  changes: FieldChange[] = [],
): Promise<void> {
  await insertAudit(tx, {
    orgId: ctx.actor.orgId,
    actorId: ctx.actor.userId,
    actorKind: ctx.actor.apiKey ? 'apiKey' : 'user',
    apiKeyId: ctx.actor.apiKey?.id ?? null,
    ip: ctx.ip,
    entity,
    entityId,
    action,
    changes,
    at: ctx.now,
  });
}

export async function auditChange(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'ip' | 'now'>,
  entity: string,
  entityId: string,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await audit(tx, ctx, entity, entityId, action, diffRecords(before, after));
}

/** Masks old/new values of fields the actor may only see masked; lists (phones, emails) value by value. */
export function maskChanges(actor: Actor, entity: string, changes: FieldChange[]): FieldChange[] {
  return changes.map((c) => {
    const rule = fieldRule(actor, entity, c.field);
    return rule ? { field: c.field, old: maskFieldValue(rule, c.old), new: maskFieldValue(rule, c.new) } : c;
  });
}

/** The change history of one record, for the history endpoints (caller checked read access). */
export async function recordHistory(tx: Db, actor: Actor, entity: string, entityId: string) {
  const { items } = await findAuditEntries(tx, { orgId: actor.orgId, entity, entityId, limit: 500 });
  return items.map((e) => ({
    at: e.at,
    by: e.actorId,
    byName: e.actorName,
    action: e.action,
    changes: maskChanges(actor, entity, e.changes),
  }));
}
