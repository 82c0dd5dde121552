import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GREETING_SETTINGS,
  greetingSettingsOf,
  planGreetings,
  type GreetingContact,
  type GreetingCustomer,
} from './greetings.ts';

const customers: GreetingCustomer[] = [
  { id: 'c-a', name: '华东机械', ownerId: 'u1', grade: 'A' },
  { id: 'c-b', name: '南方贸易', ownerId: 'u2', grade: 'B' },
  { id: 'c-c', name: '小客户', ownerId: 'u1', grade: 'C' },
  { id: 'c-x', name: '未分级', ownerId: 'u1', grade: null },
];

const contact = (birthday: string, lunar = false): GreetingContact => ({
  id: 'p1',
  name: '王总',
  customerId: 'c-a',
  customerName: '华东机械',
  ownerId: 'u1',
  birthday,
  birthdayLunar: lunar,
});

/** Shanghai 08:00 on a local day. */
const at = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

function plan(now: Date, extra: Partial<Parameters<typeof planGreetings>[0]> = {}) {
  return planGreetings({
    now,
    timeZone: 'Asia/Shanghai',
    locale: 'zh-CN',
    settings: DEFAULT_GREETING_SETTINGS,
    customers,
    contacts: [],
    ...extra,
  });
}

describe('greeting plans', () => {
  it.each([
    // Spring Festival three years running: the lunar date moves, the plan follows it.
    ['2025-01-26', 'springFestival', '2025-01-29'],
    ['2026-02-14', 'springFestival', '2026-02-17'],
    ['2027-02-03', 'springFestival', '2027-02-06'],
    ['2025-10-03', 'midAutumn', '2025-10-06'],
    ['2026-09-22', 'midAutumn', '2026-09-25'],
    ['2027-09-12', 'midAutumn', '2027-09-15'],
    ['2025-05-28', 'dragonBoat', '2025-05-31'],
    ['2026-06-16', 'dragonBoat', '2026-06-19'],
    ['2027-06-06', 'dragonBoat', '2027-06-09'],
  ])('on %s a greeting for %s (%s) goes to the owners of grade A and B customers', (today, key, date) => {
    const out = plan(at(today)).filter((p) => p.reason === `holiday:${key}`);
    expect(out.map((p) => [p.customerId, p.assigneeId, p.date])).toEqual([
      ['c-a', 'u1', date],
      ['c-b', 'u2', date],
    ]);
    expect(out[0]!.autoKey).toBe(`greeting:${key}:${date}:c-a`);
  });

  it('plans nothing for a holiday more than daysAhead away', () => {
    expect(plan(at('2026-02-13')).filter((p) => p.reason === 'holiday:springFestival')).toEqual([]);
  });

  it('names 国庆 and 元旦 in the organisation language', () => {
    expect(plan(at('2026-09-30')).find((p) => p.reason === 'holiday:nationalDay')?.title).toBe(
      '国庆节问候：华东机械',
    );
    expect(plan(at('2026-12-30'), { locale: 'en' }).find((p) => p.reason === 'holiday:newYear')?.title).toBe(
      "New Year's Day greeting: 华东机械",
    );
  });

  it('honours the configured grades and holidays, and the off switch', () => {
    const settings = { ...DEFAULT_GREETING_SETTINGS, grades: ['C'], holidays: ['nationalDay' as const] };
    const out = plan(at('2026-09-30'), { settings });
    expect(out.map((p) => p.customerId)).toEqual(['c-c']);
    expect(plan(at('2026-09-30'), { settings: { ...settings, enabled: false } })).toEqual([]);
  });

  it('plans a solar birthday of a key person within daysAhead, for the customer owner', () => {
    const out = plan(at('2026-03-08'), { contacts: [contact('1970-03-10')], customers: [] });
    expect(out).toEqual([
      expect.objectContaining({
        autoKey: 'birthday:p1:2026-03-10',
        date: '2026-03-10',
        assigneeId: 'u1',
        contactId: 'p1',
        customerId: 'c-a',
        title: '生日问候：王总（华东机械）',
      }),
    ]);
    expect(plan(at('2026-03-01'), { contacts: [contact('1970-03-10')], customers: [] })).toEqual([]);
  });

  it.each([
    // Lunar 八月初八 across three years.
    ['2025-09-27', '2025-09-29'],
    ['2026-09-16', '2026-09-18'], // 中秋 09-25 minus 7 days,
    ['2027-09-06', '2027-09-08'],
  ])('a lunar birthday (八月初八) seen on %s falls on %s', (today, date) => {
    const out = plan(at(today), { contacts: [contact('1965-08-08', true)], customers: [] });
    expect(out.map((p) => p.date)).toEqual([date]);
    expect(out[0]!.title).toContain('农历生日');
  });

  it('reads stored settings with defaults for anything missing or wrong', () => {
    expect(greetingSettingsOf(undefined)).toEqual(DEFAULT_GREETING_SETTINGS);
    expect(greetingSettingsOf({ enabled: false, daysAhead: 99, holidays: ['midAutumn', 'bogus'] })).toEqual({
      ...DEFAULT_GREETING_SETTINGS,
      enabled: false,
      holidays: ['midAutumn'],
    });
  });
});
