// Pure: a contact body → stored fields, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import { cleanText, normaliseEmail, parsePhone, parseYmd } from '../customers/index.ts';

export interface ContactFields {
  name: string;
  title: string | null;
  phones: string[];
  emails: string[];
  wechatId: string | null;
  decisionRole: 'decision_maker' | 'influencer' | 'user' | 'other' | null;
  birthday: string | null;
  birthdayLunar: boolean;
  hobbies: string | null;
  familyNotes: string | null;
  isKeyPerson: boolean;
  notes: string | null;
  /** Values of the organisation's custom fields for contacts, checked by the service. */
  customFields: Record<string, unknown>;
}

export const EMPTY_CONTACT: ContactFields = {
  name: '',
  title: null,
  phones: [],
  emails: [],
  wechatId: null,
  decisionRole: null,
  birthday: null,
  birthdayLunar: false,
  hobbies: null,
  familyNotes: null,
  isKeyPerson: false,
  notes: null,
  customFields: {},
};

export type ContactInput = Partial<
  Omit<ContactFields, 'name' | 'phones' | 'emails' | 'birthdayLunar' | 'isKeyPerson' | 'customFields'>
> & {
  name?: string;
  phones?: string[];
  emails?: string[];
  birthdayLunar?: boolean;
  isKeyPerson?: boolean;
  customFields?: Record<string, unknown>;
};

const TEXT = ['title', 'wechatId', 'hobbies', 'familyNotes', 'notes'] as const;

/** A lunar month has 29 or 30 days and there are 12 regular months; the year may be any. */
function validLunar(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 30;
}

export function applyContactInput(
  base: ContactFields,
  input: ContactInput,
): { fields: ContactFields; errors: FieldError[] } {
  const next: ContactFields = { ...base };
  const errors: FieldError[] = [];
  if (input.name !== undefined) {
    const name = cleanText(input.name);
    if (!name) errors.push({ field: 'name', code: 'required' });
    else next.name = name;
  }
  for (const f of TEXT) if (input[f] !== undefined) next[f] = cleanText(input[f]);
  if (input.decisionRole !== undefined) next.decisionRole = input.decisionRole;
  if (input.isKeyPerson !== undefined) next.isKeyPerson = input.isKeyPerson;
  if (input.birthdayLunar !== undefined) next.birthdayLunar = input.birthdayLunar;
  if (input.birthday !== undefined) next.birthday = cleanText(input.birthday);
  if ((input.birthday !== undefined || input.birthdayLunar !== undefined) && next.birthday !== null) {
    const ok = next.birthdayLunar ? validLunar(next.birthday) : parseYmd(next.birthday) !== null;
    if (!ok) errors.push({ field: 'birthday', code: 'date' });
  }
  if (input.phones !== undefined) {
    next.phones = [];
    input.phones.forEach((raw, i) => {
      const phone = raw.trim();
      if (!parsePhone(phone)) errors.push({ field: `phones[${i}]`, code: 'phone' });
      else next.phones.push(phone);
    });
  }
  if (input.emails !== undefined) {
    next.emails = [];
    input.emails.forEach((raw, i) => {
      const email = normaliseEmail(raw);
      if (!email) errors.push({ field: `emails[${i}]`, code: 'email' });
      else if (!next.emails.includes(email)) next.emails.push(email);
    });
  }
  return { fields: next, errors };
}
