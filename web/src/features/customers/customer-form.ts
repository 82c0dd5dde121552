// Pure: the customer form's values ↔ API bodies, where server errors land, and the duplicate probe.
import type {
  CreateCustomerInput,
  Customer,
  CustomerKind,
  DuplicateQuery,
  Grade,
  KeyAccount,
  LifecycleStatus,
  Money,
  RelationshipLevel,
  UpdateCustomerInput,
} from './customers.api';
import { isMasked } from './customers.api';

export interface CustomerFormValues {
  kind: CustomerKind;
  name: string;
  shortName?: string | null;
  code?: string | null;
  phones?: (string | undefined)[];
  emails?: (string | undefined)[];
  creditCode?: string | null;
  country?: string | null;
  /** Province, city, district: codes from the cascader (or names typed while it is unavailable). */
  region?: string[] | null;
  address?: string | null;
  website?: string | null;
  industry?: string | null;
  type?: string | null;
  source?: string | null;
  sourceDetail?: string | null;
  mainProducts?: string | null;
  lifecycleStatus?: LifecycleStatus;
  relationshipLevel?: RelationshipLevel | null;
  grade?: Grade | null;
  paymentTerms?: string | null;
  creditLimit?: { amount?: string | null; currency?: string | null };
  creditRating?: string | null;
  tags?: string[];
  ownerId?: string | null;
  keyAccount?: Partial<KeyAccount>;
  /** Values of the administrator's custom fields, by key. */
  customFields?: Record<string, unknown>;
}

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

/** Filled custom-field values (texts trimmed); blanks are left out. */
function customFieldsOf(values: CustomerFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values.customFields ?? {}))
    if (!isBlank(v)) out[key] = typeof v === 'string' ? v.trim() : v;
  return out;
}

const TEXT_FIELDS = [
  'shortName',
  'code',
  'creditCode',
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
const KEY_ACCOUNT_FIELDS = ['history', 'operatingModel', 'honours', 'achievements'] as const;

export const AMOUNT_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  return trimmed ? trimmed : null;
};

const list = (values: (string | undefined)[] | undefined): string[] =>
  (values ?? []).map((v) => (v ?? '').trim()).filter(Boolean);

/** "1,234.5" → "1234.5"; the thousands separators people type are not part of the number. */
export function cleanAmount(amount: string | null | undefined): string | null {
  const cleaned = blankToNull(amount?.replace(/[,，\s]/g, ''));
  return cleaned;
}

/** 1234.5 and 1234.50 are the same amount. */
function sameAmount(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const canon = (s: string) => {
    const [whole = '0', frac = ''] = s.split('.');
    return `${whole.replace(/^0+(?=\d)/, '')}.${frac.padEnd(2, '0')}`;
  };
  return canon(a) === canon(b);
}

function moneyOf(values: CustomerFormValues): Money | null {
  const amount = cleanAmount(values.creditLimit?.amount);
  return amount === null ? null : { amount, currency: values.creditLimit?.currency || 'CNY' };
}

function regionOf(values: CustomerFormValues) {
  const [province, city, district] = (values.region ?? []).map((v) => blankToNull(v));
  return { province: province ?? null, city: city ?? null, district: district ?? null };
}

function keyAccountOf(values: CustomerFormValues): KeyAccount {
  const ka = values.keyAccount ?? {};
  return {
    history: blankToNull(ka.history),
    operatingModel: blankToNull(ka.operatingModel),
    honours: blankToNull(ka.honours),
    achievements: blankToNull(ka.achievements),
  };
}

/** Form values for a new customer (owned by the person creating it) or an existing one. */
export function initialValues(customer: Customer | undefined, meId: string | undefined): CustomerFormValues {
  if (!customer)
    return {
      kind: 'company',
      name: '',
      phones: [''],
      emails: [''],
      country: 'CN',
      lifecycleStatus: 'prospect',
      creditLimit: { currency: 'CNY' },
      tags: [],
      ownerId: meId ?? null,
      customFields: {},
    };
  return {
    kind: customer.kind,
    name: customer.name,
    shortName: customer.shortName,
    code: customer.code,
    phones: customer.phones.length ? [...customer.phones] : [''],
    emails: customer.emails.length ? [...customer.emails] : [''],
    creditCode: customer.creditCode,
    country: customer.country ?? 'CN',
    region: [customer.province, customer.city, customer.district].filter((v): v is string => !!v),
    address: customer.address,
    website: customer.website,
    industry: customer.industry,
    type: customer.type,
    source: customer.source,
    sourceDetail: customer.sourceDetail,
    mainProducts: customer.mainProducts,
    lifecycleStatus: customer.lifecycleStatus,
    relationshipLevel: customer.relationshipLevel,
    grade: customer.grade,
    paymentTerms: customer.paymentTerms,
    creditLimit: {
      amount: customer.creditLimit?.amount ?? null,
      currency: customer.creditLimit?.currency ?? 'CNY',
    },
    creditRating: customer.creditRating,
    tags: [...customer.tags],
    ownerId: customer.ownerId,
    keyAccount: { ...customer.keyAccount },
    customFields: { ...customer.customFields },
  };
}

export function toCreateBody(values: CustomerFormValues): CreateCustomerInput {
  const body: CreateCustomerInput = { kind: values.kind, name: values.name.trim() };
  for (const f of TEXT_FIELDS) {
    const v = blankToNull(values[f]);
    if (v !== null) body[f] = v;
  }
  const phones = list(values.phones);
  if (phones.length) body.phones = phones;
  const emails = list(values.emails);
  if (emails.length) body.emails = emails;
  if (values.country) body.country = values.country;
  const region = regionOf(values);
  if (region.province) body.province = region.province;
  if (region.city) body.city = region.city;
  if (region.district) body.district = region.district;
  if (values.lifecycleStatus) body.lifecycleStatus = values.lifecycleStatus;
  if (values.relationshipLevel) body.relationshipLevel = values.relationshipLevel;
  if (values.grade) body.grade = values.grade;
  const money = moneyOf(values);
  if (money) body.creditLimit = money;
  if (values.tags?.length) body.tags = values.tags.map((t) => t.trim()).filter(Boolean);
  if (values.ownerId) body.ownerId = values.ownerId;
  const ka = keyAccountOf(values);
  if (Object.values(ka).some((v) => v !== null)) body.keyAccount = ka;
  const custom = customFieldsOf(values);
  if (Object.keys(custom).length) body.customFields = custom;
  return body;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Only changed fields go into the PATCH. Masked phones or emails ("139****5678") that were not
 * touched must never be written back over the real values.
 */
export function toUpdateBody(customer: Customer, values: CustomerFormValues): UpdateCustomerInput {
  const body: UpdateCustomerInput = { version: customer.version };
  if (values.kind !== customer.kind) body.kind = values.kind;
  const name = values.name.trim();
  if (name !== customer.name) body.name = name;
  for (const f of TEXT_FIELDS) {
    const v = blankToNull(values[f]);
    if (v !== blankToNull(customer[f])) body[f] = v;
  }
  const phones = list(values.phones);
  if (!sameList(phones, customer.phones) && !phones.some(isMasked)) body.phones = phones;
  const emails = list(values.emails);
  if (!sameList(emails, customer.emails) && !emails.some(isMasked)) body.emails = emails;
  const country = values.country ?? null;
  if (country !== (customer.country ?? 'CN')) body.country = country;
  const region = regionOf(values);
  if (
    region.province !== customer.province ||
    region.city !== customer.city ||
    region.district !== customer.district
  )
    Object.assign(body, region);
  if (values.lifecycleStatus && values.lifecycleStatus !== customer.lifecycleStatus)
    body.lifecycleStatus = values.lifecycleStatus;
  if ((values.relationshipLevel ?? null) !== customer.relationshipLevel)
    body.relationshipLevel = values.relationshipLevel ?? null;
  if ((values.grade ?? null) !== customer.grade) body.grade = values.grade ?? null;
  const money = moneyOf(values);
  const old = customer.creditLimit;
  if (
    !sameAmount(money?.amount ?? null, old?.amount ?? null) ||
    (money !== null && old !== null && money.currency !== old.currency)
  )
    body.creditLimit = money;
  const tags = (values.tags ?? []).map((t) => t.trim()).filter(Boolean);
  if (!sameList(tags, customer.tags)) body.tags = tags;
  if (values.ownerId !== undefined && (values.ownerId ?? null) !== customer.ownerId)
    body.ownerId = values.ownerId ?? null;
  const ka = keyAccountOf(values);
  const changedKa = KEY_ACCOUNT_FIELDS.filter((f) => ka[f] !== (customer.keyAccount[f] ?? null));
  if (changedKa.length) body.keyAccount = Object.fromEntries(changedKa.map((f) => [f, ka[f]]));
  // A patch of custom fields names only the changed keys; null clears one.
  const custom = customFieldsOf(values);
  const stored = customer.customFields ?? {};
  const keys = new Set([...Object.keys(custom), ...Object.keys(values.customFields ?? {})]);
  const changed = [...keys].filter(
    (k) => JSON.stringify(custom[k] ?? null) !== JSON.stringify(isBlank(stored[k]) ? null : stored[k]),
  );
  if (changed.length) body.customFields = Object.fromEntries(changed.map((k) => [k, custom[k] ?? null]));
  return body;
}

const TOP_LEVEL = new Set<string>([
  'kind',
  'name',
  'country',
  'lifecycleStatus',
  'relationshipLevel',
  'grade',
  'tags',
  'ownerId',
  ...TEXT_FIELDS,
]);

/**
 * Where a server validation issue goes on the form: `phones[1]` under the second phone,
 * `city` on the region cascader, `creditLimit.amount` on the amount; null when the form has
 * no such field (the message is then shown on its own).
 */
export function customerFieldTarget(path: (string | number)[]): (string | number)[] | null {
  const [head, next] = path;
  if (typeof head !== 'string') return null;
  if (head === 'phones' || head === 'emails') return typeof next === 'number' ? [head, next] : null;
  if (head === 'province' || head === 'city' || head === 'district') return ['region'];
  if (head === 'creditLimit') return ['creditLimit', next === 'currency' ? 'currency' : 'amount'];
  if (head === 'customFields') return typeof next === 'string' ? ['customFields', next] : null;
  if (head === 'keyAccount')
    return typeof next === 'string' && (KEY_ACCOUNT_FIELDS as readonly string[]).includes(next)
      ? ['keyAccount', next]
      : null;
  return TOP_LEVEL.has(head) ? [head] : null;
}

/** What to ask /customers/duplicates while the form is typed in; null when there is nothing to check. */
export function duplicateQuery(
  values: Partial<CustomerFormValues>,
  excludeId: string | undefined,
): DuplicateQuery | null {
  const name = values.name?.trim() ?? '';
  const phones = list(values.phones).filter((p) => !isMasked(p) && p.replace(/\D/g, '').length >= 7);
  const emails = list(values.emails).filter((e) => !isMasked(e) && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e));
  const creditCode = blankToNull(values.creditCode);
  const query: DuplicateQuery = { kind: values.kind ?? 'company' };
  if (name.length >= 2) query.name = name;
  if (phones.length) query.phones = phones;
  if (emails.length) query.emails = emails;
  if (creditCode && creditCode.length >= 15) query.creditCode = creditCode;
  if (!query.name && !query.phones && !query.emails && !query.creditCode) return null;
  if (excludeId) query.excludeId = excludeId;
  return query;
}

const CURRENCY_SIGNS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', HKD: 'HK$', GBP: '£' };

/** { amount: "50000.5", currency: "CNY" } → "¥50,000.50", from the string (no float rounding). */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const [whole = '0', frac = ''] = money.amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = CURRENCY_SIGNS[money.currency];
  const number = `${grouped}.${frac.padEnd(2, '0')}`;
  return sign ? `${sign}${number}` : `${money.currency} ${number}`;
}
