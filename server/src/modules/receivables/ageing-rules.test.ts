import { describe, expect, it } from 'vitest';
import { ageingBucket, daysFrom, plusDays } from './ageing-rules.ts';
import { localDate } from '../customers/index.ts';

describe('ageing buckets at month ends (local dates, Asia/Shanghai)', () => {
  it.each([
    ['2026-01-31', '2026-01-30', 'current'],
    ['2026-01-31', '2026-01-31', 'current'],
    ['2026-01-31', '2026-02-01', 'd1_30'],
    ['2026-01-31', '2026-02-28', 'd1_30'], // 28 days
    ['2026-01-31', '2026-03-01', 'd1_30'], // 29 days (February has 28 in 2026)
    ['2026-01-31', '2026-03-02', 'd1_30'], // 30
    ['2026-01-31', '2026-03-03', 'd31_60'], // 31
    ['2026-01-31', '2026-03-31', 'd31_60'], // 59
    ['2026-01-31', '2026-04-01', 'd31_60'], // 60
    ['2026-01-31', '2026-04-02', 'd61_90'], // 61
    ['2026-01-31', '2026-04-30', 'd61_90'], // 89
    ['2026-01-31', '2026-05-01', 'd61_90'], // 90
    ['2026-01-31', '2026-05-02', 'd90plus'], // 91
    ['2027-12-31', '2028-02-29', 'd31_60'], // leap year: 60
    ['2025-12-31', '2026-01-30', 'd1_30'], // across the year end: 30
    ['2025-12-31', '2026-01-31', 'd31_60'],
  ])('due %s, as of %s → %s', (due, asOf, want) => {
    expect(ageingBucket(due, asOf)).toBe(want);
  });

  it('counts the Shanghai date, not the UTC one', () => {
    // 2026-02-28 16:30 UTC is already 1 March 00:30 in Shanghai.
    const instant = new Date('2026-02-28T16:30:00Z');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-03-01');
    expect(daysFrom('2026-01-31', localDate(instant, 'Asia/Shanghai'))).toBe(29);
    // 2026-03-31 15:59 UTC is 23:59 on 31 March local: still 59 days.
    expect(ageingBucket('2026-01-31', localDate(new Date('2026-03-31T15:59:00Z'), 'Asia/Shanghai'))).toBe(
      'd31_60',
    );
    // One minute later it is 1 April: 60 days, still 31–60; on 2 April local it is 61.
    expect(daysFrom('2026-01-31', localDate(new Date('2026-03-31T16:00:00Z'), 'Asia/Shanghai'))).toBe(60);
    expect(ageingBucket('2026-01-31', localDate(new Date('2026-04-01T16:00:00Z'), 'Asia/Shanghai'))).toBe(
      'd61_90',
    );
  });

  it('adds days across month ends', () => {
    expect(plusDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(plusDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(plusDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
