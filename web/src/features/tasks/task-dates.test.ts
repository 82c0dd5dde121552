import { describe, expect, it } from 'vitest';
import { groupByDay, isOverdue } from './task-dates';

describe('task dates', () => {
  it('an open task past its due time is overdue; a done one never is', () => {
    const now = new Date('2026-06-10T10:00:00Z');
    expect(isOverdue({ status: 'open', dueAt: '2026-06-10T09:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: '2026-06-10T10:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'done', dueAt: '2026-06-01T00:00:00Z' }, now)).toBe(false);
  });

  it('groups tasks by local day in due order', () => {
    const d = (iso: string) => ({ dueAt: new Date(iso).toISOString() });
    const a = d('2026-06-10T12:00:00');
    const b = d('2026-06-10T08:00:00');
    const c = d('2026-06-11T08:00:00');
    const groups = groupByDay([a, c, b]);
    expect([...groups.keys()]).toEqual(['2026-06-10', '2026-06-11']);
    expect(groups.get('2026-06-10')).toEqual([b, a]);
  });
});
