// Pure: one spreadsheet row (field → cell text) → a customer input, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import {
  countryCode,
  customFieldsFromRow,
  importFields,
  type BuiltinField,
  parseAmount,
  splitList,
} from '../imports/index.ts';
import { validateCustomFields, type FieldDef } from '../customization/index.ts';
import {
  applyCustomerInput,
  EMPTY_CUSTOMER,
  type CustomerFields,
  type CustomerInput,
} from './customer-input.ts';
import { dedupeKeys, type DedupeKey } from './dedupe.ts';
import { phoneRegion } from './customer-input.ts';
import { searchDocs, type SearchDocs } from './search-weights.ts';
import { divisionName } from './customer-present.ts';

/** The importable fields with their Chinese and English labels and the header spellings people use. */
const BUILTIN: BuiltinField[] = [
  [
    'name',
    true,
    'text',
    [
      '客户名称',
      'Customer name',
      '公司名称',
      '单位名称',
      '企业名称',
      '公司',
      '客户',
      '名称',
      'Company',
      'Company name',
      'Customer',
      'Account name',
      'Organization',
      'Name',
    ],
  ],
  ['kind', false, 'choice', ['客户类别', 'Kind', '客户性质', 'Customer kind']],
  ['shortName', false, 'text', ['简称', 'Short name', '客户简称', '公司简称']],
  [
    'code',
    false,
    'text',
    ['客户编号', 'Code', '客户编码', '编号', '编码', 'Customer code', 'Customer no', 'Customer number'],
  ],
  [
    'phones',
    false,
    'list',
    [
      '电话',
      'Phones',
      '手机',
      '手机号',
      '手机号码',
      '联系电话',
      '电话号码',
      '座机',
      '固话',
      'Phone',
      'Mobile',
      'Tel',
      'Telephone',
    ],
  ],
  ['emails', false, 'list', ['邮箱', 'Emails', '电子邮件', '电子邮箱', '邮件', 'Email', 'E-mail', 'Mail']],
  [
    'creditCode',
    false,
    'text',
    [
      '统一社会信用代码',
      'Credit code',
      '信用代码',
      '社会信用代码',
      '税号',
      'USCC',
      'Unified social credit code',
    ],
  ],
  ['country', false, 'text', ['国家', 'Country', '国家地区', '国家/地区', 'Country/Region']],
  ['province', false, 'text', ['省份', 'Province', '省', '所在省份', 'State']],
  ['city', false, 'text', ['城市', 'City', '市', '所在城市']],
  ['district', false, 'text', ['区县', 'District', '区', '县', '区/县']],
  ['address', false, 'text', ['地址', 'Address', '详细地址', '公司地址', '通讯地址']],
  ['website', false, 'text', ['网站', 'Website', '网址', '官网', 'URL', 'Web']],
  ['industry', false, 'choice', ['行业', 'Industry', '所属行业']],
  ['type', false, 'choice', ['客户类型', 'Type', 'Customer type']],
  ['source', false, 'choice', ['来源渠道', 'Source', '客户来源', '来源', '渠道', 'Channel', 'Lead source']],
  ['sourceDetail', false, 'text', ['来源详情', 'Source detail', '展会', '活动', 'Campaign']],
  ['mainProducts', false, 'text', ['主营产品', 'Main products', '主要产品', '产品', 'Products']],
  ['lifecycleStatus', false, 'choice', ['生命周期状态', 'Status', '客户状态', '状态', 'Lifecycle status']],
  ['relationshipLevel', false, 'choice', ['关系层级', 'Relationship level', '关系级别', '关系']],
  ['paymentTerms', false, 'text', ['付款条件', 'Payment terms', '付款方式', '结算方式']],
  ['creditLimit', false, 'number', ['信用额度', 'Credit limit', '授信额度']],
  ['creditLimitCurrency', false, 'text', ['币种', 'Currency', '额度币种']],
  ['creditRating', false, 'text', ['信用等级', 'Credit rating', '信用评级']],
  ['grade', false, 'choice', ['客户等级', 'Grade', '等级', '客户级别']],
  [
    'owner',
    false,
    'text',
    ['负责人', 'Owner', '业务员', '销售', '客户经理', '所属销售', 'Sales rep', 'Account owner'],
  ],
  ['tags', false, 'list', ['标签', 'Tags', 'Tag']],
  ['history', false, 'text', ['发展历史', 'Business history', '企业历史']],
  ['operatingModel', false, 'text', ['经营模式', 'Operating model']],
  ['honours', false, 'text', ['荣誉', 'Honours', '所获荣誉']],
  ['achievements', false, 'text', ['业绩', 'Achievements', '主要业绩']],
];

export function customerImportFields(defs: readonly FieldDef[]): ImportField[] {
  return importFields(BUILTIN, defs);
}

const KINDS: Record<string, 'company' | 'person'> = {
  company: 'company',
  business: 'company',
  公司: 'company',
  企业: 'company',
  法人: 'company',
  法人客户: 'company',
  单位: 'company',
  person: 'person',
  individual: 'person',
  个人: 'person',
  自然人: 'person',
  自然人客户: 'person',
};

const STATUSES: Record<string, string> = {
  prospect: 'prospect',
  潜在: 'prospect',
  潜在客户: 'prospect',
  active: 'active',
  活跃: 'active',
  活跃客户: 'active',
  合作中: 'active',
  dormant: 'dormant',
  休眠: 'dormant',
  休眠客户: 'dormant',
  lost: 'lost',
  流失: 'lost',
  流失客户: 'lost',
};

const DICTIONARY_OF = {
  type: 'customerType',
  source: 'source',
  industry: 'industry',
  relationshipLevel: 'relationshipLevel',
} as const;

export interface Assignee {
  id: string;
  teamId: string | null;
  departmentId: string | null;
}

/** What validation needs, loaded once per import by the service. */
export interface CustomerImportContext {
  defs: FieldDef[];
  /** dictionary → normalised key or label → key. */
  dictionaries: Map<string, Map<string, string>>;
  /** Normalised name or email → active user. A name two users share is left out (ambiguous). */
  users: Map<string, Assignee>;
  self: Assignee;
  /** Managers may assign others and the pool; a rep with the "own" scope only themself. */
  canAssign: boolean;
  defaultOwner: Assignee;
  tags: string[];
  /** Upsert: required custom fields are checked when a row turns out to create. */
  partial: boolean;
}

export interface CustomerImportValue {
  input: CustomerInput;
  fields: CustomerFields;
  /** The row's owner, or undefined when it names none (create: the default owner; update: unchanged). */
  owner: Assignee | undefined;
  keys: DedupeKey[];
  docs: SearchDocs;
}

export const lookupKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** One row → what will be stored; the service decides create / update / skip with the database. */
export function customerFromRow(
  c: CustomerImportContext,
  row: MappedRow,
): { value: CustomerImportValue | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const input: CustomerInput = {};
  const text = (k: string) => row.get(k);
  input.name = text('name') ?? '';
  const kind = text('kind');
  if (kind !== undefined) {
    const k = KINDS[lookupKey(kind)];
    if (k) input.kind = k;
    else errors.push({ field: 'kind', code: 'choice' });
  }
  for (const f of [
    'shortName',
    'code',
    'creditCode',
    'address',
    'website',
    'sourceDetail',
    'mainProducts',
    'paymentTerms',
    'creditRating',
  ] as const) {
    const v = text(f);
    if (v !== undefined) input[f] = v;
  }
  for (const f of ['name', 'shortName', 'code', 'address', 'mainProducts'] as const) {
    const v = f === 'name' ? input.name : input[f];
    if (v && v.length > (f === 'mainProducts' || f === 'address' ? 1000 : 200))
      errors.push({
        field: f,
        code: 'maxLength',
        params: { limit: f === 'mainProducts' || f === 'address' ? 1000 : 200 },
      });
  }
  const phones = text('phones');
  if (phones !== undefined) input.phones = splitList(phones);
  const emails = text('emails');
  if (emails !== undefined) input.emails = splitList(emails);
  const country = text('country');
  if (country !== undefined) {
    const code = countryCode(country);
    if (code) input.country = code;
    else errors.push({ field: 'country', code: 'invalid' });
  }
  for (const f of ['province', 'city', 'district'] as const) {
    const v = text(f);
    if (v !== undefined) input[f] = v;
  }
  for (const [f, dictionary] of Object.entries(DICTIONARY_OF) as [keyof typeof DICTIONARY_OF, string][]) {
    const v = text(f);
    if (v === undefined) continue;
    const key = c.dictionaries.get(dictionary)?.get(lookupKey(v));
    if (key) input[f] = key;
    else errors.push({ field: f, code: 'notInDictionary' });
  }
  const status = text('lifecycleStatus');
  if (status !== undefined) {
    const s = STATUSES[lookupKey(status)];
    if (s) input.lifecycleStatus = s;
    else errors.push({ field: 'lifecycleStatus', code: 'choice' });
  }
  const grade = text('grade');
  if (grade !== undefined) {
    if (/^[abc]$/i.test(grade)) input.grade = grade.toUpperCase();
    else errors.push({ field: 'grade', code: 'choice' });
  }
  const limit = text('creditLimit');
  const currency = text('creditLimitCurrency')?.toUpperCase() ?? 'CNY';
  if (limit !== undefined) {
    const amount = parseAmount(limit);
    if (amount === null) errors.push({ field: 'creditLimit', code: 'number' });
    else if (!/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'creditLimitCurrency', code: 'invalid' });
    else input.creditLimit = { amount, currency };
  }
  const tags = text('tags');
  if (tags !== undefined || c.tags.length)
    input.tags = [...new Set([...(tags ? splitList(tags) : []), ...c.tags])];
  const keyAccount: NonNullable<CustomerInput['keyAccount']> = {};
  for (const f of ['history', 'operatingModel', 'honours', 'achievements'] as const) {
    const v = text(f);
    if (v !== undefined) keyAccount[f] = v;
  }
  if (Object.keys(keyAccount).length) input.keyAccount = keyAccount;

  let owner: Assignee | undefined;
  const ownerText = text('owner');
  if (ownerText !== undefined) {
    owner = c.users.get(lookupKey(ownerText));
    if (!owner) errors.push({ field: 'ownerId', code: 'notFound' });
    else if (!c.canAssign && owner.id !== c.self.id) {
      errors.push({ field: 'ownerId', code: 'ownerNotAllowed' });
      owner = undefined;
    }
  }

  const cf = customFieldsFromRow(c.defs, row, c.partial);
  errors.push(...cf.errors);
  if (cf.values) input.customFields = cf.values;

  const applied = applyCustomerInput(EMPTY_CUSTOMER, input);
  errors.push(...applied.errors);
  if (errors.length) return { value: null, errors };
  const fields = applied.fields;
  return {
    value: {
      input,
      fields,
      owner,
      keys: dedupeKeys(fields, phoneRegion(fields.country)),
      docs: searchDocs({ ...fields, contactNames: [] }),
    },
    errors,
  };
}

/** Required custom fields of a row that creates a customer in upsert mode (validation was partial). */
export function missingRequired(defs: readonly FieldDef[], fields: CustomerFields): FieldError[] {
  return validateCustomFields(defs as FieldDef[], fields.customFields, { partial: false }).errors;
}

/** What the preview shows for a row: the stored values as text. */
export function displayCustomer(
  v: CustomerImportValue,
  ownerName: (id: string) => string | undefined,
): Record<string, string> {
  const f = v.fields;
  const out: Record<string, string> = {};
  const put = (k: string, s: string | null | undefined) => {
    if (s !== null && s !== undefined && s !== '') out[k] = s;
  };
  put('name', f.name);
  put('kind', f.kind);
  put('shortName', f.shortName);
  put('code', f.code);
  put('phones', f.phones.join('; '));
  put('emails', f.emails.join('; '));
  put('creditCode', f.creditCode);
  put('country', f.country);
  put('province', divisionName(f.province));
  put('city', divisionName(f.city));
  put('district', divisionName(f.district));
  put('address', f.address);
  put('website', f.website);
  put('industry', f.industry);
  put('type', f.type);
  put('source', f.source);
  put('sourceDetail', f.sourceDetail);
  put('mainProducts', f.mainProducts);
  put('lifecycleStatus', f.lifecycleStatus);
  put('relationshipLevel', f.relationshipLevel);
  put('paymentTerms', f.paymentTerms);
  put('creditLimit', f.creditLimit ? `${f.creditLimit} ${f.creditLimitCurrency}` : null);
  put('creditRating', f.creditRating);
  put('grade', f.grade);
  put('owner', v.owner ? ownerName(v.owner.id) : undefined);
  put('tags', f.tags.join('; '));
  for (const k of ['history', 'operatingModel', 'honours', 'achievements'] as const) put(k, f.keyAccount[k]);
  for (const [k, val] of Object.entries(f.customFields))
    put(`cf.${k}`, Array.isArray(val) ? val.join('; ') : String(val));
  return out;
}
