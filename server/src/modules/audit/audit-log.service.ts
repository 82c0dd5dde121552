import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden } from '../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../lib/paging.ts';
import { can, ENTITY_KEYS, type Actor } from '../access/index.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { usersVisibleTo } from '../users/index.ts';
import { findAuditEntries, type AuditVisibility } from './audit.repository.ts';
import { maskChanges } from './audit.service.ts';
import type { AuditQuery } from './audit.schema.ts';

// Kept out of audit/index.ts: it reads the users and customers modules, which write
// their own entries through audit/index.ts.

/** An entry is the actor's to read exactly when the record it is about is. */
function auditVisibility(actor: Actor): AuditVisibility {
  return {
    unreadable: ENTITY_KEYS.filter((e) => !can(actor, e, 'read')),
    users: usersVisibleTo(actor),
    customers: customersVisibleTo(actor),
  };
}

/** The organisation's audit log as the actor may see it: visible records only, field rules applied. */
export async function listAuditLog(ctx: Ctx, q: AuditQuery) {
  if (!can(ctx.actor, 'auditLog', 'read')) throw forbidden('auditLog', 'read');
  const limit = q.limit ?? 50;
  const cursor = decodeCursor(q.cursor);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { items, total } = await findAuditEntries(tx, {
      orgId: ctx.actor.orgId,
      visibility: auditVisibility(ctx.actor),
      entity: q.entity,
      entityId: q.entityId,
      actorId: q.actorId,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      cursor: cursor ? { at: new Date(String(cursor.v)), id: cursor.id } : undefined,
      limit,
    });
    const page = pageOf(items, limit, (e) => ({ v: e.at.toISOString(), id: e.id }));
    return {
      items: page.items.map((e) => ({ ...e, changes: maskChanges(ctx.actor, e.entity, e.changes) })),
      total,
      nextCursor: page.nextCursor,
    };
  });
}
