/**
 * Greeting days (mission B2, H2): solar and lunar holidays, and birthdays,
 * for the job that creates greeting tasks ahead of time.
 *
 * Lunar dates come from lunar-javascript. 除夕 is computed as the day before
 * 春节, never as 腊月三十: when the twelfth month has 29 days (2025, 2026,
 * 2027 …) the eve is 腊月廿九.
 *
 * The default list is what Chinese companies send customers greetings for.
 * 妇女节 and 教师节 are available but off by default (they suit some customers,
 * not all); 清明 is left out on purpose — it is a day of mourning, not of
 * greetings.
 */
import { Lunar, LunarMonth, Solar } from 'lunar-javascript';

/** 'YYYY-MM-DD' */
export type YmdString = string;

// Calendar arithmetic is lunar-javascript's Solar; only "which day is it there" needs Intl.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function localDate(instant: Date, timeZone: string): YmdString {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

function solarOf(ymd: YmdString): Solar {
  return Solar.fromYmd(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), Number(ymd.slice(8, 10)));
}

function addDays(ymd: YmdString, days: number): YmdString {
  return solarOf(ymd).next(days).toYmd();
}

function daysBetween(from: YmdString, to: YmdString): number {
  return solarOf(to).subtract(solarOf(from));
}

function formatYmd(year: number, month: number, day: number): YmdString {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

export type HolidayKey =
  | 'newYear'
  | 'springFestivalEve'
  | 'springFestival'
  | 'lanternFestival'
  | 'womensDay'
  | 'labourDay'
  | 'dragonBoat'
  | 'qixi'
  | 'teachersDay'
  | 'midAutumn'
  | 'nationalDay'
  | 'doubleNinth';

export interface Holiday {
  key: HolidayKey;
  nameZh: string;
  nameEn: string;
  date: YmdString;
  lunar: boolean;
}

interface HolidayRule {
  key: HolidayKey;
  nameZh: string;
  nameEn: string;
  /** [month, day] in the solar calendar, or in the lunar calendar when `lunar`; 'eve' = day before 春节. */
  on: [number, number] | 'eve';
  lunar: boolean;
  byDefault: boolean;
}

const RULES: readonly HolidayRule[] = [
  { key: 'newYear', nameZh: '元旦', nameEn: "New Year's Day", on: [1, 1], lunar: false, byDefault: true },
  {
    key: 'springFestivalEve',
    nameZh: '除夕',
    nameEn: "Chinese New Year's Eve",
    on: 'eve',
    lunar: true,
    byDefault: true,
  },
  {
    key: 'springFestival',
    nameZh: '春节',
    nameEn: 'Spring Festival',
    on: [1, 1],
    lunar: true,
    byDefault: true,
  },
  {
    key: 'lanternFestival',
    nameZh: '元宵节',
    nameEn: 'Lantern Festival',
    on: [1, 15],
    lunar: true,
    byDefault: true,
  },
  {
    key: 'womensDay',
    nameZh: '妇女节',
    nameEn: "International Women's Day",
    on: [3, 8],
    lunar: false,
    byDefault: false,
  },
  { key: 'labourDay', nameZh: '劳动节', nameEn: 'Labour Day', on: [5, 1], lunar: false, byDefault: true },
  {
    key: 'dragonBoat',
    nameZh: '端午节',
    nameEn: 'Dragon Boat Festival',
    on: [5, 5],
    lunar: true,
    byDefault: true,
  },
  { key: 'qixi', nameZh: '七夕', nameEn: 'Qixi Festival', on: [7, 7], lunar: true, byDefault: true },
  {
    key: 'teachersDay',
    nameZh: '教师节',
    nameEn: "Teachers' Day",
    on: [9, 10],
    lunar: false,
    byDefault: false,
  },
  {
    key: 'midAutumn',
    nameZh: '中秋节',
    nameEn: 'Mid-Autumn Festival',
    on: [8, 15],
    lunar: true,
    byDefault: true,
  },
  {
    key: 'nationalDay',
    nameZh: '国庆节',
    nameEn: 'National Day',
    on: [10, 1],
    lunar: false,
    byDefault: true,
  },
  {
    key: 'doubleNinth',
    nameZh: '重阳节',
    nameEn: 'Double Ninth Festival',
    on: [9, 9],
    lunar: true,
    byDefault: true,
  },
];

export const ALL_HOLIDAY_KEYS: readonly HolidayKey[] = RULES.map((r) => r.key);
export const DEFAULT_HOLIDAY_KEYS: readonly HolidayKey[] = RULES.filter((r) => r.byDefault).map((r) => r.key);

function lunarToSolar(lunarYear: number, month: number, day: number): YmdString {
  return Lunar.fromYmd(lunarYear, month, day).getSolar().toYmd();
}

/**
 * The holidays of one Gregorian year, by date. Every lunar holiday on the list
 * (春节 … 重阳) falls in the Gregorian year of the same number, so lunar year
 * `year` is the one to convert.
 */
export function holidaysInYear(year: number, keys: readonly HolidayKey[] = DEFAULT_HOLIDAY_KEYS): Holiday[] {
  const wanted = new Set(keys);
  const out: Holiday[] = [];
  for (const r of RULES) {
    if (!wanted.has(r.key)) continue;
    let date: YmdString;
    if (r.on === 'eve') date = Lunar.fromYmd(year, 1, 1).getSolar().next(-1).toYmd();
    else if (r.lunar) date = lunarToSolar(year, r.on[0], r.on[1]);
    else date = formatYmd(year, r.on[0], r.on[1]);
    out.push({ key: r.key, nameZh: r.nameZh, nameEn: r.nameEn, date, lunar: r.lunar });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** Holidays from today through `daysAhead` days later, counted in `timeZone`. */
export function upcomingGreetings(
  now: Date,
  daysAhead: number,
  timeZone = 'Asia/Shanghai',
  keys: readonly HolidayKey[] = DEFAULT_HOLIDAY_KEYS,
): (Holiday & { daysUntil: number })[] {
  const today = localDate(now, timeZone);
  const last = addDays(today, Math.max(0, daysAhead));
  const out: (Holiday & { daysUntil: number })[] = [];
  for (let y = Number(today.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    for (const h of holidaysInYear(y, keys)) {
      if (h.date >= today && h.date <= last) out.push({ ...h, daysUntil: daysBetween(today, h.date) });
    }
  }
  return out;
}

export interface BirthdayOptions {
  /** The stored month and day are lunar (农历生日). */
  lunar?: boolean;
  timeZone?: string;
}

export interface NextBirthday {
  date: YmdString;
  daysUntil: number;
  /** Age reached on that day; null when the birth year is unknown. */
  age: number | null;
}

/**
 * Accepts 'YYYY-MM-DD', or '--MM-DD' / 'MM-DD' when the year is unknown.
 * Lunar months are 1–12 (a 闰月 birthday is kept in the regular month of the
 * same number: leap months rarely recur) and days 1–30.
 */
function parseBirthday(
  birthday: string,
  lunar: boolean,
): { year: number | null; month: number; day: number } | null {
  const m = /^(?:(\d{4})-|--)?(\d{2})-(\d{2})$/.exec(birthday.trim());
  if (!m) return null;
  const year = m[1] ? Number(m[1]) : null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (lunar) return day <= 30 ? { year, month, day } : null;
  // Feb 29 is fine without a year; with one, the date itself must exist.
  if (!isRealDate(year ?? 2000, month, day)) return null;
  return { year, month, day };
}

/**
 * The next birthday on or after today (in `timeZone`). A 29 February
 * birthday is kept on 28 February in common years — it stays in the person's
 * month. A lunar 三十 in a year whose month has only 29 days is kept on 廿九,
 * the month's last day.
 */
export function nextBirthday(
  birthday: string,
  now: Date,
  options: BirthdayOptions = {},
): NextBirthday | null {
  const lunar = options.lunar ?? false;
  const b = parseBirthday(birthday, lunar);
  if (!b) return null;
  const today = localDate(now, options.timeZone ?? 'Asia/Shanghai');
  const todayYear = Number(today.slice(0, 4));
  const isLeapYear = (y: number) => Solar.fromYmd(y, 1, 1).isLeapYear();

  const candidates: { date: YmdString; year: number }[] = [];
  if (lunar) {
    // The lunar year of today may still be the previous number (January before 春节).
    const lunarToday = solarOf(today).getLunar();
    for (let y = lunarToday.getYear(); y <= lunarToday.getYear() + 1; y++) {
      const days = LunarMonth.fromYm(y, b.month)?.getDayCount() ?? 29;
      candidates.push({ date: lunarToSolar(y, b.month, Math.min(b.day, days)), year: y });
    }
  } else {
    for (let y = todayYear; y <= todayYear + 1; y++) {
      const day = b.month === 2 && b.day === 29 && !isLeapYear(y) ? 28 : b.day;
      candidates.push({ date: formatYmd(y, b.month, day), year: y });
    }
  }
  const next = candidates.find((c) => c.date >= today)!;
  return {
    date: next.date,
    daysUntil: daysBetween(today, next.date),
    age: b.year === null || next.year < b.year ? null : next.year - b.year,
  };
}
