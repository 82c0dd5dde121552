import { describe, expect, it } from 'vitest';
import { mondayOf, viewWindow } from './task-views.ts';

describe('task list views', () => {
  it('today is the local calendar day in Shanghai, not the UTC day', () => {
    // 17:30 UTC on 31 Dec is already 1 Jan 01:30 in Shanghai.
    const w = viewWindow('today', new Date('2026-12-31T17:30:00Z'), 'Asia/Shanghai');
    expect(w.from!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(w.to!.toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  it('a week runs Monday to Sunday, across a month end', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30'); // Thursday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
    const w = viewWindow('week', new Date('2026-12-06T10:00:00Z'), 'Asia/Shanghai');
    expect(w.from!.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(w.to!.toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });

  it('overdue means open and due before now; mine means assigned to the caller', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(viewWindow('overdue', now, 'Asia/Shanghai')).toEqual({ openOnly: true, to: now });
    expect(viewWindow('mine', now, 'Asia/Shanghai')).toEqual({ mine: true });
    expect(viewWindow(undefined, now, 'Asia/Shanghai')).toEqual({});
  });

  it('follows the organisation time zone across daylight saving time', () => {
    // New York, 8 March 2026 (clocks jump forward at 02:00): the day is 23 hours long.
    const w = viewWindow('today', new Date('2026-03-08T15:00:00Z'), 'America/New_York');
    expect(w.from!.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(w.to!.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});
