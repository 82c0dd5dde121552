// Pure: a lead body → the stored fields, with every problem named by field; status rules.
import type { FieldError } from '../../lib/errors.ts';
import { cleanText, normaliseEmail, parsePhone, validateDivision } from '../customers/index.ts';
/** As stored in leads.status (leads.table.ts LEAD_STATUSES). */
export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'disqualified' | 'converted';

/** A lead's editable profile as stored (owner, status and bookkeeping are the services'). */
export interface LeadFields {
  name: string | null;
  company: string | null;
  title: string | null;
  phones: string[];
  emails: string[];
  wechat: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  website: string | null;
  channel: string;
  campaign: string | null;
  productInterest: string[];
  language: string | null;
  notes: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
}

export const EMPTY_LEAD: LeadFields = {
  name: null,
  company: null,
  title: null,
  phones: [],
  emails: [],
  wechat: null,
  country: null,
  province: null,
  city: null,
  address: null,
  website: null,
  channel: 'other',
  campaign: null,
  productInterest: [],
  language: null,
  notes: null,
  tags: [],
  customFields: {},
};

export type LeadInput = { [K in keyof LeadFields]?: LeadFields[K] | null };

const TEXT = ['name', 'company', 'title', 'wechat', 'address', 'website', 'campaign', 'notes'] as const;

/** The fields a lead's search document is built from. */
export const SEARCHED = ['name', 'company', 'phones', 'emails'] as const;

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/**
 * Applies `input` over `base` (the stored lead, or EMPTY_LEAD): text is trimmed (blank = none),
 * phones must parse (against the lead's country, mainland China when none), emails are
 * lower-cased, mainland divisions become official codes, a lead needs a name or a company.
 * Dictionary values (channel, productInterest) are checked by the service.
 */
export function applyLeadInput(
  base: LeadFields,
  input: LeadInput,
): { fields: LeadFields; errors: FieldError[] } {
  const next: LeadFields = { ...base };
  const errors: FieldError[] = [];
  for (const f of TEXT) if (input[f] !== undefined) next[f] = cleanText(input[f]);
  if (input.country !== undefined) next.country = cleanText(input.country)?.toUpperCase() ?? null;
  if (input.language !== undefined) next.language = cleanText(input.language)?.toLowerCase() ?? null;
  if (input.channel !== undefined) next.channel = cleanText(input.channel) ?? 'other';
  if (input.productInterest !== undefined) next.productInterest = uniq(input.productInterest ?? []);
  if (input.tags !== undefined) next.tags = uniq(input.tags ?? []);
  if (input.customFields !== undefined) {
    next.customFields = { ...(input.customFields ?? {}) };
    for (const [key, value] of Object.entries(next.customFields))
      if (!isPlainValue(value)) errors.push({ field: `customFields.${key}`, code: 'invalid' });
  }
  if (next.name === null && next.company === null)
    errors.push({
      field: input.company !== undefined && input.name === undefined ? 'company' : 'name',
      code: 'required',
    });
  const region = next.country ?? 'CN';
  if (input.phones !== undefined) {
    next.phones = [];
    (input.phones ?? []).forEach((raw, i) => {
      const phone = raw.trim();
      if (!parsePhone(phone, region)) errors.push({ field: `phones[${i}]`, code: 'phone' });
      else if (!next.phones.includes(phone)) next.phones.push(phone);
    });
  }
  // A business card from abroad names no country, its phone does: +34 612 … is Spain.
  const mainlandAddress = next.province !== null || input.province || input.city;
  if (next.country === null && input.country === undefined && !mainlandAddress && next.phones.length) {
    const region = parsePhone(next.phones[0]!, 'CN')?.region;
    if (region && region !== 'ZZ' && region !== '001') next.country = region;
  }
  if (input.emails !== undefined) {
    next.emails = [];
    (input.emails ?? []).forEach((raw, i) => {
      const email = normaliseEmail(raw);
      if (!email) errors.push({ field: `emails[${i}]`, code: 'email' });
      else if (!next.emails.includes(email)) next.emails.push(email);
    });
  }
  if (input.province !== undefined || input.city !== undefined || input.country !== undefined)
    checkDivisions(next, input, errors);
  return { fields: next, errors };
}

function checkDivisions(next: LeadFields, input: LeadInput, errors: FieldError[]) {
  const province = input.province !== undefined ? cleanText(input.province) : next.province;
  const city = input.city !== undefined ? cleanText(input.city) : next.city;
  if (province === null && city === null) {
    next.province = null;
    next.city = null;
    return;
  }
  if (next.country !== null && next.country !== 'CN') {
    errors.push({ field: province !== null ? 'province' : 'city', code: 'divisionOutsideChina' });
    return;
  }
  const r = validateDivision({ province, city });
  if (!r.ok) {
    const code =
      r.reason === 'MISMATCH'
        ? 'divisionMismatch'
        : r.reason === 'AMBIGUOUS'
          ? 'divisionAmbiguous'
          : 'divisionNotFound';
    errors.push({ field: r.field === 'district' ? 'city' : r.field, code });
    return;
  }
  next.province = r.province?.code ?? null;
  next.city = r.city?.code ?? null;
}

export interface StatusState {
  status: LeadStatus;
  disqualifyReason: string | null;
  firstContactedAt: Date | null;
}

/**
 * A status change by an edit: `converted` only comes from a conversion, a converted lead stays
 * converted, `disqualified` needs a reason (and leaving it clears the reason), and the first move
 * away from `new` stamps firstContactedAt once.
 */
export function applyStatus(
  before: StatusState,
  status: LeadStatus | undefined,
  reason: string | null | undefined,
  now: Date,
): { state: StatusState; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const next: StatusState = {
    status: before.status,
    disqualifyReason: before.disqualifyReason,
    firstContactedAt: before.firstContactedAt,
  };
  if (status !== undefined && status !== before.status) {
    if (status === 'converted') errors.push({ field: 'status', code: 'convertOnly' });
    else if (before.status === 'converted') errors.push({ field: 'status', code: 'alreadyConverted' });
    else next.status = status;
  }
  if (reason !== undefined) next.disqualifyReason = cleanText(reason);
  // Only a disqualified lead has a reason: leaving that status clears it.
  if (next.status === 'disqualified') {
    if (!next.disqualifyReason) errors.push({ field: 'disqualifyReason', code: 'required' });
  } else next.disqualifyReason = null;
  if (next.status !== 'new' && next.firstContactedAt === null) next.firstContactedAt = now;
  return { state: next, errors };
}

/** Sleeping: still new, never contacted, past its first-contact deadline. */
export function isSleeping(
  l: { status: string; firstContactedAt: Date | null; firstContactDueAt: Date | null },
  now: Date,
): boolean {
  return (
    l.status === 'new' &&
    l.firstContactedAt === null &&
    l.firstContactDueAt !== null &&
    l.firstContactDueAt.getTime() < now.getTime()
  );
}

/** Custom values of a lead are stored as given when plain: text, a number, yes/no, empty, a list of texts. */
function isPlainValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v.length <= 2000;
  return Array.isArray(v) && v.length <= 50 && v.every((x) => typeof x === 'string' && x.length <= 200);
}
