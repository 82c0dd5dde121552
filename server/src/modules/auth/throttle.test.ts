import { describe, expect, it } from 'vitest';
import { registerFailure, retryAfterSeconds, THROTTLE_RULES } from './throttle.ts';

const rule = THROTTLE_RULES.accountIp;
const t0 = new Date('2026-11-23T08:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in throttling', () => {
  it('allows failures below the limit without blocking', () => {
    let s = registerFailure(undefined, rule, t0);
    for (let i = 1; i < rule.limit - 1; i++) s = registerFailure(s, rule, later(i * 1000));
    expect(s.failures).toBe(rule.limit - 1);
    expect(retryAfterSeconds(s, later(10_000))).toBe(0);
  });

  it('blocks at the limit and doubles the block with each further failure', () => {
    let s = registerFailure(undefined, rule, t0);
    for (let i = 1; i < rule.limit; i++) s = registerFailure(s, rule, t0);
    expect(retryAfterSeconds(s, t0)).toBe(rule.blockMs / 1000);
    s = registerFailure(s, rule, t0);
    expect(retryAfterSeconds(s, t0)).toBe((rule.blockMs * 2) / 1000);
  });

  it('never blocks longer than the maximum', () => {
    let s = registerFailure(undefined, rule, t0);
    for (let i = 0; i < 40; i++) s = registerFailure(s, rule, t0);
    expect(retryAfterSeconds(s, t0)).toBe(rule.maxBlockMs / 1000);
  });

  it('starts a new window once the old one has passed', () => {
    let s = registerFailure(undefined, rule, t0);
    s = registerFailure(s, rule, t0);
    s = registerFailure(s, rule, later(rule.windowMs + 1));
    expect(s.failures).toBe(1);
  });
});
