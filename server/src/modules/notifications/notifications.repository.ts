import type { Db } from '../../db/types.ts';
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
