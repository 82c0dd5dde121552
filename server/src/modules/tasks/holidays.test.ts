import { describe, expect, it } from 'vitest';
import {
  ALL_HOLIDAY_KEYS,
  holidaysInYear,
  nextBirthday,
  upcomingGreetings,
  type HolidayKey,
} from './holidays.ts';

function dateOf(year: number, key: HolidayKey): string | undefined {
  return holidaysInYear(year, ALL_HOLIDAY_KEYS).find((h) => h.key === key)?.date;
}

describe('holiday dates', () => {
  it.each([
    // Published dates (State Council holiday notices and almanacs), checked against lunar-javascript.
    [2025, 'springFestival', '2025-01-29'],
    [2026, 'springFestival', '2026-02-17'],
    [2027, 'springFestival', '2027-02-06'],
    [2025, 'midAutumn', '2025-10-06'],
    [2026, 'midAutumn', '2026-09-25'],
    [2027, 'midAutumn', '2027-09-15'],
    [2025, 'dragonBoat', '2025-05-31'],
    [2026, 'dragonBoat', '2026-06-19'],
    [2027, 'dragonBoat', '2027-06-09'],
    [2025, 'lanternFestival', '2025-02-12'],
    [2026, 'lanternFestival', '2026-03-03'],
    [2025, 'qixi', '2025-08-29'], // after 2025's leap sixth month
    [2025, 'doubleNinth', '2025-10-29'],
    [2026, 'doubleNinth', '2026-10-18'],
    [2025, 'newYear', '2025-01-01'],
    [2026, 'labourDay', '2026-05-01'],
    [2027, 'nationalDay', '2027-10-01'],
    [2026, 'teachersDay', '2026-09-10'],
  ] as const)('%i %s is %s', (year, key, date) => {
    expect(dateOf(year, key)).toBe(date);
  });

  it.each([
    [2024, '2024-02-09'], // 腊月三十: the twelfth month had 30 days
    [2025, '2025-01-28'], // 腊月廿九
    [2026, '2026-02-16'], // 腊月廿九
    [2027, '2027-02-05'], // 腊月廿九
    [2030, '2030-02-02'], // 腊月三十
  ])('除夕 %i is the day before 春节: %s', (year, date) => {
    expect(dateOf(year, 'springFestivalEve')).toBe(date);
  });

  it('lists the default greeting days of a year in date order', () => {
    expect(holidaysInYear(2026).map((h) => `${h.date} ${h.nameZh}`)).toEqual([
      '2026-01-01 元旦',
      '2026-02-16 除夕',
      '2026-02-17 春节',
      '2026-03-03 元宵节',
      '2026-05-01 劳动节',
      '2026-06-19 端午节',
      '2026-08-19 七夕',
      '2026-09-25 中秋节',
      '2026-10-01 国庆节',
      '2026-10-18 重阳节',
    ]);
  });

  it('marks lunar holidays and names them in both languages', () => {
    expect(holidaysInYear(2026, ['midAutumn'])).toEqual([
      { key: 'midAutumn', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', date: '2026-09-25', lunar: true },
    ]);
  });
});

describe('upcoming greetings', () => {
  it('counts days in the organisation’s time zone', () => {
    // 2026-02-15 16:30 UTC is already 2026-02-16 00:30 in Shanghai: 除夕 is today there.
    const now = new Date('2026-02-15T16:30:00Z');
    expect(upcomingGreetings(now, 1, 'Asia/Shanghai').map((h) => [h.key, h.daysUntil])).toEqual([
      ['springFestivalEve', 0],
      ['springFestival', 1],
    ]);
    expect(upcomingGreetings(now, 1, 'UTC').map((h) => [h.key, h.daysUntil])).toEqual([
      ['springFestivalEve', 1],
    ]);
  });

  it('looks across the end of the year', () => {
    const now = new Date('2026-12-20T02:00:00Z');
    expect(upcomingGreetings(now, 14).map((h) => `${h.date} ${h.key}`)).toEqual(['2027-01-01 newYear']);
  });

  it('includes only the chosen holidays', () => {
    const now = new Date('2026-09-01T02:00:00Z');
    expect(
      upcomingGreetings(now, 60, 'Asia/Shanghai', ['midAutumn', 'teachersDay']).map((h) => h.key),
    ).toEqual(['teachersDay', 'midAutumn']);
  });
});

describe('next birthday', () => {
  const at = (iso: string) => new Date(iso);

  it.each([
    ['later this year', '1985-06-15', '2026-03-01T04:00:00Z', '2026-06-15', 106, 41],
    ['today', '1985-03-01', '2026-03-01T04:00:00Z', '2026-03-01', 0, 41],
    ['already passed this year', '1985-01-10', '2026-03-01T04:00:00Z', '2027-01-10', 315, 42],
    ['year unknown', '--12-24', '2026-03-01T04:00:00Z', '2026-12-24', 298, null],
    ['year unknown, short form', '12-24', '2026-03-01T04:00:00Z', '2026-12-24', 298, null],
    ['29 February in a common year', '2000-02-29', '2026-02-01T04:00:00Z', '2026-02-28', 27, 26],
    ['29 February in a leap year', '2000-02-29', '2028-02-01T04:00:00Z', '2028-02-29', 28, 28],
    ['29 February without a year', '--02-29', '2027-03-01T04:00:00Z', '2028-02-29', 365, null],
  ])('solar, %s', (_label, birthday, now, date, daysUntil, age) => {
    expect(nextBirthday(birthday, at(now))).toEqual({ date, daysUntil, age });
  });

  it('is counted in the organisation’s time zone', () => {
    // 15 June 17:00 UTC is 16 June 01:00 in Shanghai: the birthday has passed there.
    expect(nextBirthday('1990-06-15', at('2026-06-15T17:00:00Z'))?.date).toBe('2027-06-15');
    expect(nextBirthday('1990-06-15', at('2026-06-15T17:00:00Z'), { timeZone: 'UTC' })?.date).toBe(
      '2026-06-15',
    );
  });

  it.each([
    ['lunar 8-15 is Mid-Autumn day', '1980-08-15', '2026-09-01T04:00:00Z', '2026-09-25', 46],
    [
      'lunar 1-1 in January, before this lunar year starts',
      '1970-01-01',
      '2026-01-10T04:00:00Z',
      '2026-02-17',
      56,
    ],
    [
      'lunar 12-20 in January belongs to the lunar year before',
      '1970-12-20',
      '2026-01-05T04:00:00Z',
      '2026-02-07',
      55,
    ],
    ['lunar 12-30 where the month has 29 days', '1970-12-30', '2026-01-05T04:00:00Z', '2026-02-16', 55],
  ])('lunar, %s', (_label, birthday, now, date, age) => {
    expect(nextBirthday(birthday, at(now), { lunar: true })).toMatchObject({ date, age });
  });

  it.each([
    ['1990-02-30', false],
    ['2001-02-29', false],
    ['1990-13-01', false],
    ['June 5', false],
    ['1990-01-31', true], // lunar days stop at 30
  ])('rejects %s', (birthday, lunar) => {
    expect(nextBirthday(birthday, new Date('2026-01-01T00:00:00Z'), { lunar })).toBeNull();
  });
});
