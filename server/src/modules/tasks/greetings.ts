/**
 * Which greeting tasks are due (mission B2): pure, given `now`, the organisation's time zone
 * and settings, its owned customers and its key-person contacts. The job turns each plan into
 * a task with its auto_key, so the same greeting is never created twice.
 */
import {
  ALL_HOLIDAY_KEYS,
  DEFAULT_HOLIDAY_KEYS,
  nextBirthday,
  upcomingGreetings,
  type HolidayKey,
} from './holidays.ts';

export interface GreetingSettings {
  enabled: boolean;
  /** Tasks are created this many days ahead of the day (0–30). */
  daysAhead: number;
  holidays: HolidayKey[];
  /** Customer grades that receive holiday greetings. */
  grades: string[];
}

export const DEFAULT_GREETING_SETTINGS: GreetingSettings = {
  enabled: true,
  daysAhead: 3,
  holidays: [...DEFAULT_HOLIDAY_KEYS],
  grades: ['A', 'B'],
};

/** The stored setting with defaults for anything missing or malformed. */
export function greetingSettingsOf(raw: unknown): GreetingSettings {
  const s = (raw ?? {}) as Partial<GreetingSettings>;
  const known = new Set<string>(ALL_HOLIDAY_KEYS);
  return {
    enabled: s.enabled !== false,
    daysAhead:
      typeof s.daysAhead === 'number' &&
      Number.isInteger(s.daysAhead) &&
      s.daysAhead >= 0 &&
      s.daysAhead <= 30
        ? s.daysAhead
        : DEFAULT_GREETING_SETTINGS.daysAhead,
    holidays: Array.isArray(s.holidays)
      ? s.holidays.filter((k): k is HolidayKey => known.has(k))
      : [...DEFAULT_GREETING_SETTINGS.holidays],
    grades: Array.isArray(s.grades)
      ? s.grades.filter((g) => typeof g === 'string')
      : [...DEFAULT_GREETING_SETTINGS.grades],
  };
}

export interface GreetingCustomer {
  id: string;
  name: string;
  ownerId: string;
  grade: string | null;
}

export interface GreetingContact {
  id: string;
  name: string;
  customerId: string;
  customerName: string;
  ownerId: string;
  birthday: string;
  birthdayLunar: boolean;
}

export interface PlannedGreeting {
  autoKey: string;
  title: string;
  /** The local day of the holiday or birthday. */
  date: string;
  assigneeId: string;
  customerId: string;
  contactId: string | null;
  /** 'holiday:<key>' or 'birthday'. */
  reason: string;
}

export function planGreetings(input: {
  now: Date;
  timeZone: string;
  locale: 'zh-CN' | 'en';
  settings: GreetingSettings;
  customers: GreetingCustomer[];
  contacts: GreetingContact[];
}): PlannedGreeting[] {
  const { now, timeZone, settings, locale } = input;
  if (!settings.enabled) return [];
  const out: PlannedGreeting[] = [];
  const grades = new Set(settings.grades);
  const holidays = upcomingGreetings(now, settings.daysAhead, timeZone, settings.holidays);
  for (const h of holidays) {
    const name = locale === 'en' ? h.nameEn : h.nameZh;
    for (const c of input.customers) {
      if (!c.grade || !grades.has(c.grade)) continue;
      out.push({
        autoKey: `greeting:${h.key}:${h.date}:${c.id}`,
        title: locale === 'en' ? `${name} greeting: ${c.name}` : `${name}问候：${c.name}`,
        date: h.date,
        assigneeId: c.ownerId,
        customerId: c.id,
        contactId: null,
        reason: `holiday:${h.key}`,
      });
    }
  }
  for (const p of input.contacts) {
    const next = nextBirthday(p.birthday, now, { lunar: p.birthdayLunar, timeZone });
    if (!next || next.daysUntil > settings.daysAhead) continue;
    const who = `${p.name}（${p.customerName}）`;
    out.push({
      autoKey: `birthday:${p.id}:${next.date}`,
      title:
        locale === 'en'
          ? `Birthday greeting: ${p.name} (${p.customerName})${p.birthdayLunar ? ' — lunar birthday' : ''}`
          : `生日问候：${who}${p.birthdayLunar ? '（农历生日）' : ''}`,
      date: next.date,
      assigneeId: p.ownerId,
      customerId: p.customerId,
      contactId: p.id,
      reason: 'birthday',
    });
  }
  return out;
}
