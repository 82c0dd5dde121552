import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';
import { nextCronRun } from './queue.service.ts';

describe('retry backoff', () => {
  it('doubles with each attempt within ±20% jitter', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(2000);
    expect(retryDelayMs(3, () => 0.5)).toBe(8000);
    expect(retryDelayMs(3, () => 0)).toBe(6400);
    expect(retryDelayMs(3, () => 1)).toBe(9600);
  });
  it('never waits longer than about an hour', () => {
    expect(retryDelayMs(40, () => 0.5)).toBe(3_600_000);
  });
});

describe('cron schedules', () => {
  it('computes the next run in the organisation time zone', () => {
    // 02:00 every day in Shanghai is 18:00 UTC the day before.
    const next = nextCronRun('0 2 * * *', new Date('2026-11-23T12:00:00Z'), 'Asia/Shanghai');
    expect(next.toISOString()).toBe('2026-11-23T18:00:00.000Z');
  });
});
