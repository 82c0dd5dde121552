import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { notify } from '../notifications/index.ts';
import * as jobs from './task-jobs.repository.ts';
import { taskLink } from './tasks.service.ts';

const HOUR = 3_600_000;

/**
 * The `tasks.reminders` job: assignees hear once when an open task is due within the hour,
 * and once more when it is overdue. reminded_at records the last notice.
 */
export async function sendTaskReminders(
  db: Db,
  now: Date,
  opts: { orgId?: string | null; batchSize?: number } = {},
): Promise<{ due: number; overdue: number }> {
  const batchSize = opts.batchSize ?? 500;
  const result = { due: 0, overdue: 0 };
  for (const org of await jobs.listOrgs(db, opts.orgId)) {
    for (;;) {
      const n = await withTenant(db, org.id, async (tx) => {
        const rows = await jobs.tasksToRemind(tx, org.id, now, new Date(now.getTime() + HOUR), batchSize);
        await notify(
          tx,
          rows.map((t) => {
            const overdue = t.dueAt < now;
            if (overdue) result.overdue++;
            else result.due++;
            return {
              orgId: org.id,
              userId: t.assigneeId,
              kind: overdue ? 'taskOverdue' : 'taskDue',
              params: { taskId: t.id, title: t.title, dueAt: t.dueAt.toISOString() },
              link: taskLink(t.id),
            };
          }),
        );
        await jobs.markReminded(
          tx,
          org.id,
          rows.map((r) => r.id),
          now,
        );
        return rows.length;
      });
      if (n < batchSize) break;
    }
  }
  return result;
}
