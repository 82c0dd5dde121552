import { describe, expect, it } from 'vitest';
import { canClaim, evaluatePoolRules, pickPoolRule, type PoolCustomer, type PoolRule } from './pool-rules.ts';

const customer = (overrides: Partial<PoolCustomer> = {}): PoolCustomer => ({
  ownerId: 'rep-1',
  grade: 'B',
  status: 'active',
  lastFollowUpAt: null,
  lastOpportunityAt: null,
  lastDealAt: null,
  assignedAt: new Date('2026-01-01T02:00:00Z'),
  ...overrides,
});
const thirtyDays: PoolRule = { noFollowUpDays: 30, warnDaysBefore: 3 };

describe('reclaiming customers to the pool', () => {
  // Last follow-up 1 March 23:50 in Shanghai (15:50 UTC): the clock starts on 1 March,
  // so the customer is due back when 31 March begins in Shanghai (30 March 16:00 UTC).
  const followedUp = customer({ lastFollowUpAt: new Date('2026-03-01T15:50:00Z') });

  it.each([
    ['four days before, at 23:59:59 Shanghai', '2026-03-27T15:59:59Z', 'keep', 'WITHIN_LIMIT', 4],
    ['three days before, at 00:00 Shanghai', '2026-03-27T16:00:00Z', 'warn', 'NO_FOLLOW_UP', 3],
    ['the last second before', '2026-03-30T15:59:59Z', 'warn', 'NO_FOLLOW_UP', 1],
    ['the due day at 00:00 Shanghai', '2026-03-30T16:00:00Z', 'reclaim', 'NO_FOLLOW_UP', 0],
    ['long after', '2026-05-01T00:00:00Z', 'reclaim', 'NO_FOLLOW_UP', -31],
  ])('%s → %s', (_label, now, action, reason, daysLeft) => {
    const d = evaluatePoolRules(followedUp, [thirtyDays], new Date(now));
    expect(d).toMatchObject({ action, reason, params: { days: 30, daysLeft } });
    expect(d.dueAt?.toISOString()).toBe('2026-03-30T16:00:00.000Z');
  });

  it('counts a follow-up logged just after midnight in Shanghai on that Shanghai day', () => {
    // 1 March 16:10 UTC is 2 March 00:10 in Shanghai.
    const d = evaluatePoolRules(
      customer({ lastFollowUpAt: new Date('2026-03-01T16:10:00Z') }),
      [thirtyDays],
      new Date('2026-03-31T01:00:00Z'),
    );
    expect(d).toMatchObject({ action: 'warn', params: { daysLeft: 1 } });
    expect(d.dueAt?.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('counts days in the organisation’s own time zone', () => {
    // The instant that reclaims in Shanghai is still 30 March in UTC.
    expect(
      evaluatePoolRules(followedUp, [thirtyDays], new Date('2026-03-30T16:00:00Z'), 'UTC'),
    ).toMatchObject({
      action: 'warn',
      params: { daysLeft: 1 },
    });
    const d = evaluatePoolRules(followedUp, [thirtyDays], new Date('2026-03-31T00:00:00Z'), 'UTC');
    expect(d).toMatchObject({ action: 'reclaim' });
    expect(d.dueAt?.toISOString()).toBe('2026-03-31T00:00:00.000Z');
    const ny = evaluatePoolRules(
      followedUp,
      [thirtyDays],
      new Date('2026-03-31T03:59:59Z'),
      'America/New_York',
    );
    expect(ny).toMatchObject({ action: 'warn' }); // daylight saving began on 8 March there
    expect(ny.dueAt?.toISOString()).toBe('2026-03-31T04:00:00.000Z');
  });

  it('gives a customer just taken from the pool the full period', () => {
    const c = customer({
      lastFollowUpAt: new Date('2026-01-05T02:00:00Z'),
      assignedAt: new Date('2026-03-20T02:00:00Z'),
    });
    expect(evaluatePoolRules(c, [thirtyDays], new Date('2026-04-10T02:00:00Z'))).toMatchObject({
      action: 'keep',
      reason: 'WITHIN_LIMIT',
      params: { daysLeft: 9 },
    });
  });

  it('reclaims when neither an opportunity nor a deal came for the deal period', () => {
    const rule: PoolRule = { noFollowUpDays: 30, noDealDays: 90, warnDaysBefore: 7 };
    const base = {
      lastFollowUpAt: new Date('2026-06-01T02:00:00Z'),
      assignedAt: new Date('2026-01-01T02:00:00Z'),
    };
    const now = new Date('2026-06-10T02:00:00Z');
    expect(
      evaluatePoolRules(customer({ ...base, lastDealAt: new Date('2026-02-01T02:00:00Z') }), [rule], now),
    ).toMatchObject({
      action: 'reclaim',
      reason: 'NO_DEAL',
      params: { days: 90 },
    });
    expect(
      evaluatePoolRules(
        customer({
          ...base,
          lastDealAt: new Date('2026-02-01T02:00:00Z'),
          lastOpportunityAt: new Date('2026-05-20T02:00:00Z'),
        }),
        [rule],
        now,
      ),
    ).toMatchObject({ action: 'keep', reason: 'WITHIN_LIMIT' });
  });

  it('warns about whichever clock runs out first', () => {
    const rule: PoolRule = { noFollowUpDays: 30, noDealDays: 90, warnDaysBefore: 7 };
    const c = customer({
      lastFollowUpAt: new Date('2026-05-15T02:00:00Z'),
      lastDealAt: new Date('2026-03-15T02:00:00Z'),
    });
    // follow-up due 14 June, deal due 13 June
    expect(evaluatePoolRules(c, [rule], new Date('2026-06-08T02:00:00Z'))).toMatchObject({
      action: 'warn',
      reason: 'NO_DEAL',
      params: { daysLeft: 5 },
    });
  });

  it('never warns when the rule sets no warning', () => {
    const d = evaluatePoolRules(
      followedUp,
      [{ noFollowUpDays: 30, warnDaysBefore: 0 }],
      new Date('2026-03-30T15:59:59Z'),
    );
    expect(d).toMatchObject({ action: 'keep', reason: 'WITHIN_LIMIT' });
  });

  it.each([
    ['a customer already in the pool', customer({ ownerId: null }), [thirtyDays], 'IN_POOL'],
    ['no rule for its grade', customer({ grade: 'A' }), [{ ...thirtyDays, grade: 'C' }], 'NO_RULE'],
    ['no dates at all', customer({ assignedAt: null }), [thirtyDays], 'NO_CLOCK'],
  ])('keeps %s', (_label, c, rules, reason) => {
    expect(evaluatePoolRules(c, rules, new Date('2030-01-01T00:00:00Z'))).toMatchObject({
      action: 'keep',
      reason,
      dueAt: null,
    });
  });
});

describe('choosing the rule', () => {
  const any: PoolRule = { noFollowUpDays: 30, warnDaysBefore: 3 };
  const gradeA: PoolRule = { grade: 'A', noFollowUpDays: 60, warnDaysBefore: 7 };
  const prospects: PoolRule = { status: 'prospect', noFollowUpDays: 15, warnDaysBefore: 2 };
  const activeA: PoolRule = { grade: 'A', status: 'active', noFollowUpDays: 90, warnDaysBefore: 7 };
  const rules = [any, gradeA, prospects, activeA];

  it.each([
    ['A', 'active', activeA],
    ['A', 'prospect', gradeA], // grade and status rules are equally specific: the first listed wins
    ['B', 'prospect', prospects],
    ['C', 'dormant', any],
    [null, null, any],
  ])('grade %s, status %s', (grade, status, expected) => {
    expect(pickPoolRule({ grade, status }, rules)).toBe(expected);
  });
});

describe('claiming from the pool', () => {
  const base = {
    rep: { id: 'rep-2' },
    customer: { ownerId: null },
    ownedCount: 10,
    cap: 50,
    lastReleasedByRepAt: null,
    coolDownDays: 7,
    poolConfigured: true,
    now: new Date('2026-04-10T02:00:00Z'),
  };

  it('lets a rep under the cap claim a pool customer', () => {
    expect(canClaim(base)).toEqual({ ok: true });
    expect(canClaim({ ...base, cap: null, ownedCount: 10_000 })).toEqual({ ok: true });
  });

  it.each([
    ['the pool is not set up', { poolConfigured: false }, 'POOL_NOT_CONFIGURED', {}],
    ['the customer has an owner', { customer: { ownerId: 'rep-1' } }, 'NOT_IN_POOL', { ownerId: 'rep-1' }],
    ['the rep is at the cap', { ownedCount: 50 }, 'CAP_REACHED', { cap: 50, ownedCount: 50 }],
    ['the rep is over the cap', { ownedCount: 51 }, 'CAP_REACHED', { cap: 51 - 1, ownedCount: 51 }],
    [
      'the rep released it three days ago',
      { lastReleasedByRepAt: new Date('2026-04-07T02:00:00Z') },
      'COOL_DOWN',
      { coolDownDays: 7, availableAt: '2026-04-13T16:00:00.000Z' },
    ],
  ])('refuses when %s', (_label, overrides, reason, params) => {
    expect(canClaim({ ...base, ...overrides })).toEqual({ ok: false, reason, params });
  });

  it('ends the cool-down when the day begins in Shanghai', () => {
    // Released 3 April 23:30 Shanghai → may claim again from 10 April 00:00 Shanghai (9 April 16:00 UTC).
    const released = { lastReleasedByRepAt: new Date('2026-04-03T15:30:00Z') };
    expect(canClaim({ ...base, ...released, now: new Date('2026-04-09T15:59:59Z') })).toMatchObject({
      ok: false,
      reason: 'COOL_DOWN',
    });
    expect(canClaim({ ...base, ...released, now: new Date('2026-04-09T16:00:00Z') })).toEqual({ ok: true });
  });

  it('has no cool-down when it is set to zero days', () => {
    expect(canClaim({ ...base, coolDownDays: 0, lastReleasedByRepAt: base.now })).toEqual({ ok: true });
  });
});

describe('the follow-up clock (customer_activity.lastFollowUpAt)', () => {
  // Assigned 1 April 10:00 Shanghai; 10-day rule, warned 2 days before.
  const rule: PoolRule = { noFollowUpDays: 10, warnDaysBefore: 2 };
  const assignedAt = new Date('2026-04-01T02:00:00Z');
  const day = (d: number) => new Date(Date.UTC(2026, 3, d, 2)); // 10:00 Shanghai on April d

  it('runs from the assignment while the owner has logged nothing', () => {
    const c = customer({ assignedAt });
    expect(evaluatePoolRules(c, [rule], day(10)).action).toBe('warn');
    expect(evaluatePoolRules(c, [rule], day(11)).action).toBe('reclaim');
  });

  it('restarts on each follow-up after the assignment, and ignores one before it', () => {
    const followed = customer({ assignedAt, lastFollowUpAt: day(8) });
    expect(evaluatePoolRules(followed, [rule], day(11))).toMatchObject({
      action: 'keep',
      params: { daysLeft: 7 },
    });
    expect(evaluatePoolRules(followed, [rule], day(16)).action).toBe('warn');
    expect(evaluatePoolRules(followed, [rule], day(18)).action).toBe('reclaim');
    const before = customer({ assignedAt, lastFollowUpAt: new Date('2026-03-25T02:00:00Z') });
    expect(evaluatePoolRules(before, [rule], day(11)).action).toBe('reclaim');
  });

  it('the deal clock also counts from the later of assignment and last deal', () => {
    const deal: PoolRule = { noFollowUpDays: 100, noDealDays: 20, warnDaysBefore: 0 };
    const c = customer({ assignedAt, lastDealAt: day(10) });
    expect(evaluatePoolRules(c, [deal], day(29)).action).toBe('keep');
    expect(evaluatePoolRules(c, [deal], day(30))).toMatchObject({ action: 'reclaim', reason: 'NO_DEAL' });
  });
});
