import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, parseYmd, startOfLocalDay } from './local-days.ts';

describe('local calendar days', () => {
  it.each([
    ['2026-03-01T15:59:59Z', 'Asia/Shanghai', '2026-03-01'],
    ['2026-03-01T16:00:00Z', 'Asia/Shanghai', '2026-03-02'],
    ['2026-03-01T16:00:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T04:59:59Z', 'America/New_York', '2026-02-28'],
  ])('%s is %s %s', (iso, tz, ymd) => {
    expect(localDate(new Date(iso), tz)).toBe(ymd);
  });

  it.each([
    ['2026-03-02', 'Asia/Shanghai', '2026-03-01T16:00:00.000Z'],
    ['2026-03-02', 'UTC', '2026-03-02T00:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'], // the day DST begins: midnight is still EST
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped: the day begins at 01:00
  ])('%s begins in %s at %s', (ymd, tz, iso) => {
    expect(startOfLocalDay(ymd, tz).toISOString()).toBe(iso);
  });

  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('rejects dates that do not exist', () => {
    expect(parseYmd('2025-02-29')).toBeNull();
    expect(parseYmd('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseYmd('2026-1-1')).toBeNull();
  });
});
