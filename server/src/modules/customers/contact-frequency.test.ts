import { describe, expect, it } from 'vitest';
import { belowTarget, contactTargetDays, DEFAULT_CONTACT_TARGETS } from './contact-frequency.ts';

describe('contact-frequency targets', () => {
  it('defaults to A monthly, B quarterly, C yearly', () => {
    expect(DEFAULT_CONTACT_TARGETS).toEqual({ A: 30, B: 90, C: 365 });
  });

  it.each([
    ['A', undefined, 30],
    ['B', undefined, 90],
    ['C', undefined, 365],
    ['D', undefined, null],
    [null, undefined, null],
    ['A', { A: 14, B: 60 }, 14],
    ['C', { A: 14, B: 60 }, null],
    ['A', { A: 0 }, null],
  ])('grade %s with %j → %s days', (grade, targets, days) => {
    expect(contactTargetDays(grade, targets)).toBe(days);
  });
});

describe('customers below their contact target', () => {
  // Last contact 1 March 23:30 in Shanghai (15:30 UTC).
  const lastContact = new Date('2026-03-01T15:30:00Z');

  it.each([
    ['A', '2026-03-31T15:59:59Z', false, 30, 0, '2026-03-31'], // 31 March 23:59 Shanghai: still on target
    ['A', '2026-03-31T16:00:00Z', true, 31, 1, '2026-03-31'], // 1 April 00:00 Shanghai: one day overdue
    ['A', '2026-04-30T04:00:00Z', true, 60, 30, '2026-03-31'],
    ['B', '2026-04-30T04:00:00Z', false, 60, 0, '2026-05-30'],
    ['C', '2027-03-02T04:00:00Z', true, 366, 1, '2027-03-01'],
  ])(
    'grade %s at %s: below %s (%i days since, %i overdue)',
    (grade, now, below, daysSince, daysOverdue, dueDate) => {
      expect(belowTarget({ grade }, lastContact, new Date(now))).toEqual({
        below,
        targetDays: { A: 30, B: 90, C: 365 }[grade],
        daysSince,
        daysOverdue,
        dueDate,
      });
    },
  );

  it('counts days in the organisation’s time zone', () => {
    // In UTC the contact was on 1 March too, but 31 March 16:00 UTC is still 31 March.
    expect(
      belowTarget({ grade: 'A' }, lastContact, new Date('2026-03-31T16:00:00Z'), { timeZone: 'UTC' }),
    ).toMatchObject({
      below: false,
      daysSince: 30,
    });
  });

  it('uses the organisation’s own targets', () => {
    expect(
      belowTarget({ grade: 'A' }, lastContact, new Date('2026-03-20T04:00:00Z'), { targets: { A: 14 } }),
    ).toMatchObject({
      below: true,
      targetDays: 14,
      daysOverdue: 5, // due 15 March
    });
  });

  it('measures a customer never contacted from its creation', () => {
    const createdAt = new Date('2026-01-01T04:00:00Z');
    expect(belowTarget({ grade: 'A', createdAt }, null, new Date('2026-02-15T04:00:00Z'))).toMatchObject({
      below: true,
      daysSince: 45,
      daysOverdue: 15,
    });
    expect(belowTarget({ grade: 'A', createdAt }, null, new Date('2026-01-20T04:00:00Z'))).toMatchObject({
      below: false,
    });
  });

  it('counts a customer never contacted and of unknown age as below target', () => {
    expect(belowTarget({ grade: 'B' }, null, new Date('2026-02-15T04:00:00Z'))).toEqual({
      below: true,
      targetDays: 90,
      daysSince: null,
      daysOverdue: null,
      dueDate: null,
    });
  });

  it('has no target for an ungraded customer', () => {
    expect(belowTarget({ grade: null }, null, new Date('2026-02-15T04:00:00Z'))).toMatchObject({
      below: false,
      targetDays: null,
    });
  });
});
