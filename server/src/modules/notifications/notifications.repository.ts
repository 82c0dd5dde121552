import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor } from '../../lib/paging.ts';
import { notifications } from './notifications.table.ts';

export interface NewNotification {
  orgId: string;
  userId: string;
  /** e.g. 'taskDue', 'taskAssigned', 'poolWarning', 'poolReclaimed'; the web UI renders `notifications.kinds.<kind>`. */
  kind: string;
  params?: Record<string, string | number | null>;
  /** A path in the web UI. */
  link?: string | null;
}

/** Writes notices in the caller's transaction, so they exist exactly when the change that caused them does. */
export async function notify(tx: Db, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(notifications).values(
    items.map((n) => ({
      orgId: n.orgId,
      userId: n.userId,
      kind: n.kind,
      params: n.params ?? {},
      link: n.link ?? null,
    })),
  );
}

/** One user's notices, newest first, keyset paged. */
export async function listNotifications(
  tx: Db,
  who: { orgId: string; userId: string },
  f: { unread?: boolean },
  page: { cursor?: Cursor; limit: number },
) {
  const where = and(
    eq(notifications.orgId, who.orgId),
    eq(notifications.userId, who.userId),
    f.unread ? isNull(notifications.readAt) : undefined,
  );
  const { orderBy, after } = keyset(
    notifications.createdAt,
    notifications.id,
    { field: 'createdAt', desc: true },
    page.cursor,
  );
  const rows = await tx
    .select()
    .from(notifications)
    .where(and(where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(notifications)
    .where(where);
  return { rows, total };
}

export async function countUnread(tx: Db, who: { orgId: string; userId: string }): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, who.orgId),
        eq(notifications.userId, who.userId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

export async function findNotification(tx: Db, who: { orgId: string; userId: string }, id: string) {
  const rows = await tx
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.orgId, who.orgId), eq(notifications.userId, who.userId), eq(notifications.id, id)),
    );
  return rows[0];
}

/** Marks as read (one, or all of the user's when `id` is omitted); returns how many changed. */
export async function markRead(
  tx: Db,
  who: { orgId: string; userId: string },
  now: Date,
  id?: string,
): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.orgId, who.orgId),
        eq(notifications.userId, who.userId),
        id ? eq(notifications.id, id) : undefined,
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
