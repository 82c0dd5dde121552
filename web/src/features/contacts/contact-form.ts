// Pure: the contact form's values ↔ API bodies, birthdays solar or lunar.
import { changedCustomFields, filledCustomFields } from '../customization/custom-field-form';
import type { Contact, CreateContactInput, DecisionRole, UpdateContactInput } from './contacts.api';

export interface ContactFormValues {
  customerId?: string;
  name: string;
  title?: string | null;
  phones?: (string | undefined)[];
  emails?: (string | undefined)[];
  wechatId?: string | null;
  decisionRole?: DecisionRole | null;
  /** A solar birthday as YYYY-MM-DD (from the date picker). */
  birthday?: string | null;
  birthdayLunar?: boolean;
  /** A lunar birthday: year (optional), month 1–12, day 1–30. */
  lunarYear?: number | null;
  lunarMonth?: number | null;
  lunarDay?: number | null;
  hobbies?: string | null;
  familyNotes?: string | null;
  isKeyPerson?: boolean;
  notes?: string | null;
  /** The administrator's custom fields, by key (see CustomFieldInputs). */
  customFields?: Record<string, unknown>;
}

/** A lunar birthday whose year nobody knows is stored with this year. */
export const UNKNOWN_LUNAR_YEAR = 1900;

const TEXT = ['title', 'wechatId', 'hobbies', 'familyNotes', 'notes'] as const;

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  return trimmed ? trimmed : null;
};

const list = (values: (string | undefined)[] | undefined): string[] =>
  (values ?? []).map((v) => (v ?? '').trim()).filter(Boolean);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The birthday to store: YYYY-MM-DD, solar from the picker or lunar from year/month/day. */
export function birthdayOf(values: ContactFormValues): string | null {
  if (!values.birthdayLunar) return blankToNull(values.birthday);
  if (!values.lunarMonth || !values.lunarDay) return null;
  return `${pad(values.lunarYear ?? UNKNOWN_LUNAR_YEAR, 4)}-${pad(values.lunarMonth)}-${pad(values.lunarDay)}`;
}

const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 正月, 12 → 腊月. */
export function lunarMonthName(month: number): string {
  return `${LUNAR_MONTHS[month - 1] ?? month}月`;
}

/** 1 → 初一, 15 → 十五, 20 → 二十, 23 → 廿三, 30 → 三十. */
export function lunarDayName(day: number): string {
  if (day <= 10) return `初${DIGITS[day]}`;
  if (day < 20) return `十${DIGITS[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${DIGITS[day - 20]}`;
  return '三十';
}

/** "1985-08-15" lunar → "农历八月十五（1985年）" or "Lunar 08-15 (1985)"; an unknown year is left out. */
export function formatBirthday(birthday: string | null, lunar: boolean, zh: boolean): string {
  if (!birthday) return '—';
  if (!lunar) return birthday;
  const [y, m = 0, d = 0] = birthday.split('-').map(Number);
  const year = y && y !== UNKNOWN_LUNAR_YEAR ? y : null;
  if (zh) return `农历${lunarMonthName(m)}${lunarDayName(d)}${year ? `（${year}年）` : ''}`;
  return `Lunar ${pad(m)}-${pad(d)}${year ? ` (${year})` : ''}`;
}

export function initialContactValues(contact: Contact | undefined, customerId?: string): ContactFormValues {
  if (!contact)
    return {
      customerId,
      name: '',
      phones: [''],
      emails: [''],
      birthdayLunar: false,
      isKeyPerson: false,
      customFields: {},
    };
  const [y, m, d] = (contact.birthday ?? '').split('-').map(Number);
  return {
    customerId: contact.customerId,
    name: contact.name,
    title: contact.title,
    phones: contact.phones.length ? [...contact.phones] : [''],
    emails: contact.emails.length ? [...contact.emails] : [''],
    wechatId: contact.wechatId,
    decisionRole: contact.decisionRole,
    birthday: contact.birthdayLunar ? null : contact.birthday,
    birthdayLunar: contact.birthdayLunar,
    lunarYear: contact.birthdayLunar && y && y !== UNKNOWN_LUNAR_YEAR ? y : null,
    lunarMonth: contact.birthdayLunar ? (m ?? null) : null,
    lunarDay: contact.birthdayLunar ? (d ?? null) : null,
    hobbies: contact.hobbies,
    familyNotes: contact.familyNotes,
    isKeyPerson: contact.isKeyPerson,
    notes: contact.notes,
    customFields: { ...contact.customFields },
  };
}

export function toCreateContactBody(values: ContactFormValues, customerId: string): CreateContactInput {
  const body: CreateContactInput = { customerId, name: values.name.trim() };
  for (const f of TEXT) {
    const v = blankToNull(values[f]);
    if (v !== null) body[f] = v;
  }
  const phones = list(values.phones);
  if (phones.length) body.phones = phones;
  const emails = list(values.emails);
  if (emails.length) body.emails = emails;
  if (values.decisionRole) body.decisionRole = values.decisionRole;
  const birthday = birthdayOf(values);
  if (birthday) {
    body.birthday = birthday;
    body.birthdayLunar = !!values.birthdayLunar;
  }
  if (values.isKeyPerson) body.isKeyPerson = true;
  const custom = filledCustomFields(values.customFields);
  if (Object.keys(custom).length) body.customFields = custom;
  return body;
}

const masked = (v: string) => v.includes('*');
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Only what changed, with the version; untouched masked phones are never written back. */
export function toUpdateContactBody(contact: Contact, values: ContactFormValues): UpdateContactInput {
  const body: UpdateContactInput = { version: contact.version };
  const name = values.name.trim();
  if (name !== contact.name) body.name = name;
  if (values.customerId && values.customerId !== contact.customerId) body.customerId = values.customerId;
  for (const f of TEXT) {
    const v = blankToNull(values[f]);
    if (v !== blankToNull(contact[f])) body[f] = v;
  }
  const phones = list(values.phones);
  if (!sameList(phones, contact.phones) && !phones.some(masked)) body.phones = phones;
  const emails = list(values.emails);
  if (!sameList(emails, contact.emails) && !emails.some(masked)) body.emails = emails;
  if ((values.decisionRole ?? null) !== contact.decisionRole) body.decisionRole = values.decisionRole ?? null;
  const birthday = birthdayOf(values);
  const lunar = !!values.birthdayLunar;
  if (birthday !== contact.birthday || (birthday !== null && lunar !== contact.birthdayLunar)) {
    body.birthday = birthday;
    body.birthdayLunar = lunar;
  }
  if (!!values.isKeyPerson !== contact.isKeyPerson) body.isKeyPerson = !!values.isKeyPerson;
  const custom = changedCustomFields(contact.customFields, values.customFields);
  if (custom) body.customFields = custom;
  return body;
}

/** `phones[1]` → the second phone; `birthday` → the date picker or the lunar month. */
export function contactFieldTarget(path: (string | number)[]): (string | number)[] | null {
  const [head, next] = path;
  if (head === 'phones' || head === 'emails') return typeof next === 'number' ? [head, next] : null;
  if (head === 'birthday') return ['birthday'];
  if (head === 'customFields') return typeof next === 'string' ? ['customFields', next] : null;
  if (
    typeof head === 'string' &&
    ['name', 'customerId', 'decisionRole', 'isKeyPerson', ...TEXT].includes(head)
  )
    return [head];
  return null;
}
