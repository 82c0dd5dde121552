/**
 * The task list's quick views as time windows, in the organisation's time zone: "today" is the
 * local calendar day, "week" the local Monday-to-Sunday week, "overdue" anything open due
 * before now. Pure: the caller passes `now`.
 */
import { addDays, localDate, startOfLocalDay } from '../customers/index.ts';
import type { TaskView } from './tasks.schema.ts';

export interface ViewWindow {
  /** Only tasks assigned to the caller. */
  mine?: boolean;
  /** Only open tasks. */
  openOnly?: boolean;
  /** dueAt >= from */
  from?: Date;
  /** dueAt < to */
  to?: Date;
}

/** Monday of the local week of `ymd` (ISO weeks: Monday first, as on Chinese calendars). */
export function mondayOf(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(ymd, -((weekday + 6) % 7));
}

export function viewWindow(view: TaskView | undefined, now: Date, timeZone: string): ViewWindow {
  if (!view) return {};
  const today = localDate(now, timeZone);
  switch (view) {
    case 'mine':
      return { mine: true };
    case 'overdue':
      return { openOnly: true, to: now };
    case 'today':
      return {
        from: startOfLocalDay(today, timeZone),
        to: startOfLocalDay(addDays(today, 1), timeZone),
      };
    case 'week': {
      const monday = mondayOf(today);
      return {
        from: startOfLocalDay(monday, timeZone),
        to: startOfLocalDay(addDays(monday, 7), timeZone),
      };
    }
  }
}
