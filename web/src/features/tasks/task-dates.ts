// Pure helpers of the task screens: overdue state and grouping by calendar day.
import type { Task } from './tasks.api';

/** Open and past its due time. */
export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && new Date(task.dueAt).getTime() < now.getTime();
}

/** Tasks by local day ('YYYY-MM-DD' in the browser's time zone), each day in due order. */
export function groupByDay<T extends Pick<Task, 'dueAt'>>(tasks: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const t of [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const d = new Date(t.dueAt);
    const key = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const list = out.get(key) ?? [];
    list.push(t);
    out.set(key, list);
  }
  return out;
}
