import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, pageBySort } from '../../lib/paging.ts';
import * as repo from './notifications.repository.ts';
import type { NotificationListQuery } from './notifications.schema.ts';

// Notifications belong to one person: no permission beyond being signed in, and never anyone else's.
const me = (ctx: Ctx) => ({ orgId: ctx.actor.orgId, userId: ctx.actor.userId });

function present(r: Awaited<ReturnType<typeof repo.findNotification>> & object) {
  return { id: r.id, kind: r.kind, params: r.params, link: r.link, readAt: r.readAt, createdAt: r.createdAt };
}

export async function listNotifications(ctx: Ctx, query: NotificationListQuery) {
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listNotifications(
      tx,
      me(ctx),
      { unread: query.unread },
      { cursor: decodeCursor(query.cursor), limit },
    );
    const page = pageBySort(rows, limit, 'createdAt');
    return { items: page.items.map(present), total, nextCursor: page.nextCursor };
  });
}

export async function unreadCount(ctx: Ctx) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({ count: await repo.countUnread(tx, me(ctx)) }));
}

export async function readNotification(ctx: Ctx, id: string) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findNotification(tx, me(ctx), id))) throw notFound('notification');
    await repo.markRead(tx, me(ctx), ctx.now, id);
    return present((await repo.findNotification(tx, me(ctx), id))!);
  });
}

export async function readAllNotifications(ctx: Ctx) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    updated: await repo.markRead(tx, me(ctx), ctx.now),
  }));
}
