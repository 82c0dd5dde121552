import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden } from '../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../lib/paging.ts';
import { can } from '../access/index.ts';
import { listDeleted } from './recycle-bin.repository.ts';
import { BIN_ENTITIES, type RecycleBinQuery } from './recycle-bin.schema.ts';

/**
 * What the actor may restore: entities it has `delete` permission on (restoring
 * needs the same right as deleting), each within its data scope (users, customers and what
 * hangs off them, tasks).
 */
export async function listRecycleBin(ctx: Ctx, query: RecycleBinQuery) {
  const allowed = BIN_ENTITIES.filter((e) => can(ctx.actor, e, 'delete'));
  if (query.entity && !allowed.includes(query.entity)) throw forbidden(query.entity, 'delete');
  if (!allowed.length) throw forbidden('recycleBin', 'read');
  const entities = query.entity ? [query.entity] : allowed;
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await listDeleted(tx, ctx.actor, entities, {
      cursor: cursor ? { at: new Date(String(cursor.v)), id: cursor.id } : undefined,
      limit,
      locale: ctx.locale,
    });
    // Every row of the bin has a deletion time; the column type just cannot say so.
    const items = rows.map((r) => ({ ...r, deletedAt: r.deletedAt! }));
    const page = pageOf(items, limit, (r) => ({ v: r.deletedAt.toISOString(), id: r.id }));
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}
