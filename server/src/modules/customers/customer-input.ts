// Pure: a create or patch body → the stored profile fields, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import { validateCreditCode } from './credit-code.ts';
import { normaliseEmail, parsePhone } from './dedupe.ts';
import { validateDivision, type DivisionField } from './divisions.ts';

export interface KeyAccountFields {
  history: string | null;
  operatingModel: string | null;
  honours: string | null;
  achievements: string | null;
}

/** A customer's profile as stored (owner, team and bookkeeping are handled by the services). */
export interface CustomerFields {
  kind: 'company' | 'person';
  name: string;
  shortName: string | null;
  code: string | null;
  phones: string[];
  emails: string[];
  creditCode: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  website: string | null;
  industry: string | null;
  type: string | null;
  source: string | null;
  sourceDetail: string | null;
  mainProducts: string | null;
  lifecycleStatus: string;
  relationshipLevel: string | null;
  paymentTerms: string | null;
  creditLimit: string | null;
  creditLimitCurrency: string | null;
  creditRating: string | null;
  grade: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  keyAccount: KeyAccountFields;
}

const TEXT_FIELDS = [
  'shortName',
  'code',
  'address',
  'website',
  'industry',
  'type',
  'source',
  'sourceDetail',
  'mainProducts',
  'paymentTerms',
  'creditRating',
] as const;
const ENUM_FIELDS = ['lifecycleStatus', 'relationshipLevel', 'grade', 'country'] as const;
const KEY_ACCOUNT_FIELDS = ['history', 'operatingModel', 'honours', 'achievements'] as const;

export const EMPTY_KEY_ACCOUNT: KeyAccountFields = {
  history: null,
  operatingModel: null,
  honours: null,
  achievements: null,
};

export const EMPTY_CUSTOMER: CustomerFields = {
  kind: 'company',
  name: '',
  shortName: null,
  code: null,
  phones: [],
  emails: [],
  creditCode: null,
  country: null,
  province: null,
  city: null,
  district: null,
  address: null,
  website: null,
  industry: null,
  type: null,
  source: null,
  sourceDetail: null,
  mainProducts: null,
  lifecycleStatus: 'prospect',
  relationshipLevel: null,
  paymentTerms: null,
  creditLimit: null,
  creditLimitCurrency: null,
  creditRating: null,
  grade: null,
  tags: [],
  customFields: {},
  keyAccount: EMPTY_KEY_ACCOUNT,
};

/** The body fields this module reads; anything else (version, ownerId …) is the caller's. */
export interface CustomerInput {
  kind?: 'company' | 'person';
  name?: string;
  shortName?: string | null;
  code?: string | null;
  phones?: string[];
  emails?: string[];
  creditCode?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address?: string | null;
  website?: string | null;
  industry?: string | null;
  type?: string | null;
  source?: string | null;
  sourceDetail?: string | null;
  mainProducts?: string | null;
  lifecycleStatus?: string;
  relationshipLevel?: string | null;
  paymentTerms?: string | null;
  creditLimit?: { amount: string; currency: string } | null;
  creditRating?: string | null;
  grade?: string | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
  keyAccount?: Partial<Record<(typeof KEY_ACCOUNT_FIELDS)[number], string | null>>;
}

/** Blank text means "no value". */
export function cleanText(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

/** 1234.5 → "1234.50": the canonical amount string for two decimals. */
export function canonicalAmount(amount: string): string {
  const [whole = '0', frac = ''] = amount.split('.');
  return `${whole.replace(/^0+(?=\d)/, '')}.${frac.padEnd(2, '0')}`;
}

/** Phone numbers are parsed against the customer's country (mainland China when none is given). */
export function phoneRegion(country: string | null): string {
  return country ?? 'CN';
}

/**
 * Applies `input` over `base` (the stored customer, or EMPTY_CUSTOMER for a new one) and checks
 * what changed: phones, emails, credit code, divisions. Phones and emails are kept as typed
 * (trimmed; emails lower-cased); divisions become official codes with parents filled in.
 */
export function applyCustomerInput(
  base: CustomerFields,
  input: CustomerInput,
): { fields: CustomerFields; errors: FieldError[] } {
  const next: CustomerFields = { ...base, keyAccount: { ...base.keyAccount } };
  const errors: FieldError[] = [];

  if (input.kind !== undefined) next.kind = input.kind;
  if (input.name !== undefined) {
    const name = cleanText(input.name);
    if (!name) errors.push({ field: 'name', code: 'required' });
    else next.name = name;
  }
  for (const f of TEXT_FIELDS) if (input[f] !== undefined) next[f] = cleanText(input[f]);
  for (const f of ENUM_FIELDS)
    if (input[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = input[f];

  if (input.phones !== undefined) {
    next.phones = [];
    input.phones.forEach((raw, i) => {
      const phone = raw.trim();
      if (!parsePhone(phone, phoneRegion(next.country)))
        errors.push({ field: `phones[${i}]`, code: 'phone' });
      else next.phones.push(phone);
    });
  } else if (input.country !== undefined && base.phones.length) {
    // The region phones are read in changed: they must still parse.
    base.phones.forEach((p, i) => {
      if (!parsePhone(p, phoneRegion(next.country))) errors.push({ field: `phones[${i}]`, code: 'phone' });
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
  if (input.creditCode !== undefined) {
    const raw = cleanText(input.creditCode);
    if (raw === null) next.creditCode = null;
    else {
      const r = validateCreditCode(raw);
      if (r.valid) next.creditCode = r.normalised;
      else errors.push({ field: 'creditCode', code: 'creditCode', params: { reason: r.reason } });
    }
  }
  if (
    input.province !== undefined ||
    input.city !== undefined ||
    input.district !== undefined ||
    input.country !== undefined
  )
    checkDivisions(next, input, errors);

  if (input.creditLimit !== undefined) {
    next.creditLimit = input.creditLimit ? canonicalAmount(input.creditLimit.amount) : null;
    next.creditLimitCurrency = input.creditLimit ? input.creditLimit.currency : null;
  }
  if (input.tags !== undefined) next.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (input.customFields !== undefined) {
    next.customFields = { ...input.customFields };
    for (const [key, value] of Object.entries(input.customFields))
      if (!isCustomFieldValue(value)) errors.push({ field: `customFields.${key}`, code: 'invalid' });
  }
  if (input.keyAccount !== undefined)
    for (const f of KEY_ACCOUNT_FIELDS)
      if (input.keyAccount[f] !== undefined) next.keyAccount[f] = cleanText(input.keyAccount[f]);
  return { fields: next, errors };
}

/**
 * Until custom-field definitions exist (a later slice), values are stored as given when they
 * are plain: text, a number, yes/no, empty, or a list of texts.
 */
function isCustomFieldValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v.length <= 2000;
  return Array.isArray(v) && v.length <= 50 && v.every((x) => typeof x === 'string' && x.length <= 200);
}

function checkDivisions(next: CustomerFields, input: CustomerInput, errors: FieldError[]) {
  const given = (f: DivisionField) => (input[f] !== undefined ? cleanText(input[f]) : next[f]);
  const triple = { province: given('province'), city: given('city'), district: given('district') };
  const first = (['province', 'city', 'district'] as const).find((f) => triple[f] !== null);
  if (!first) {
    Object.assign(next, triple);
    return;
  }
  if (next.country !== null && next.country !== 'CN') {
    errors.push({ field: first, code: 'divisionOutsideChina' });
    return;
  }
  const r = validateDivision(triple);
  if (!r.ok) {
    const code =
      r.reason === 'MISMATCH'
        ? 'divisionMismatch'
        : r.reason === 'AMBIGUOUS'
          ? 'divisionAmbiguous'
          : 'divisionNotFound';
    errors.push({ field: r.field, code });
    return;
  }
  next.province = r.province?.code ?? null;
  next.city = r.city?.code ?? null;
  next.district = r.district?.code ?? null;
}

/** Merge: the kept customer's empty fields take the duplicate's values; phones, emails and tags are united. */
export function mergeCustomerFields(kept: CustomerFields, dup: CustomerFields): CustomerFields {
  const out: CustomerFields = { ...kept, keyAccount: { ...kept.keyAccount } };
  const o = out as unknown as Record<string, unknown>;
  const d = dup as unknown as Record<string, unknown>;
  for (const f of [...TEXT_FIELDS, 'creditCode', 'relationshipLevel', 'grade', 'country'] as const)
    if (o[f] === null && d[f] !== null) o[f] = d[f];
  if (
    out.province === null &&
    out.city === null &&
    out.district === null &&
    (out.country ?? 'CN') === (dup.country ?? 'CN')
  ) {
    out.province = dup.province;
    out.city = dup.city;
    out.district = dup.district;
  }
  if (out.creditLimit === null && dup.creditLimit !== null) {
    out.creditLimit = dup.creditLimit;
    out.creditLimitCurrency = dup.creditLimitCurrency;
  }
  const phoneKey = (p: string) => parsePhone(p, phoneRegion(out.country))?.e164 ?? p;
  const seen = new Set(out.phones.map(phoneKey));
  out.phones = [...out.phones, ...dup.phones.filter((p) => !seen.has(phoneKey(p)) && seen.add(phoneKey(p)))];
  out.emails = [...new Set([...out.emails, ...dup.emails])];
  out.tags = [...new Set([...out.tags, ...dup.tags])];
  out.customFields = { ...dup.customFields, ...out.customFields };
  for (const f of KEY_ACCOUNT_FIELDS) if (out.keyAccount[f] === null) out.keyAccount[f] = dup.keyAccount[f];
  return out;
}
