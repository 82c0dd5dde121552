// Pure: one spreadsheet row or vCard → a lead input, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import { countryCode, importFields, splitList, type BuiltinField } from '../imports/index.ts';
import { normaliseEmail, normalisePhone } from '../customers/index.ts';
import { applyLeadInput, EMPTY_LEAD, type LeadFields, type LeadInput } from './lead-input.ts';

// Chinese and English headers; vCard columns (Name, Organization, Title, Mobile, Phone, Email,
// WeChat, Address, Note, URL) map through the English ones.
const BUILTIN: BuiltinField[] = [
  [
    'name',
    false,
    'text',
    ['姓名', 'Name', '联系人', '联系人姓名', '名字', 'Contact', 'Contact name', 'Full name'],
  ],
  [
    'company',
    false,
    'text',
    [
      '公司',
      'Company',
      '公司名称',
      '单位',
      '企业名称',
      '客户名称',
      'Organization',
      'Organisation',
      'Company name',
    ],
  ],
  ['title', false, 'text', ['职务', 'Title', '职位', '头衔', 'Job title', 'Position']],
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
      '座机',
      'Phone',
      'Mobile',
      'Tel',
      'Telephone',
      'WhatsApp',
    ],
  ],
  ['emails', false, 'list', ['邮箱', 'Emails', '电子邮件', '电子邮箱', 'Email', 'E-mail', 'Mail']],
  ['wechat', false, 'text', ['微信', 'WeChat', '微信号', 'WeChat ID', 'Weixin']],
  ['country', false, 'text', ['国家', 'Country', '国家/地区', '国家或地区', 'Region', 'Country/Region']],
  ['province', false, 'text', ['省份', 'Province', '省', 'State']],
  ['city', false, 'text', ['城市', 'City', '市']],
  ['address', false, 'text', ['地址', 'Address', '详细地址', '公司地址']],
  ['website', false, 'text', ['网站', 'Website', '网址', '官网', 'URL', 'Web', 'Homepage']],
  ['channel', false, 'choice', ['渠道', 'Channel', '线索渠道', '来源渠道', 'Lead channel']],
  [
    'campaign',
    false,
    'text',
    ['展会/平台', 'Campaign', '展会', '平台', '活动', '展会名称', 'Fair', 'Trade fair', 'Platform', 'Event'],
  ],
  [
    'productInterest',
    false,
    'list',
    ['意向产品', 'Product interest', '产品线', '感兴趣产品', 'Products', 'Interested in'],
  ],
  ['language', false, 'text', ['语言', 'Language', '语种']],
  ['notes', false, 'text', ['备注', 'Notes', '说明', '留言', 'Note', 'Remark', 'Remarks', 'Message']],
  ['tags', false, 'list', ['标签', 'Tags', 'Tag']],
];

export function leadImportFields(): ImportField[] {
  return importFields(BUILTIN, []);
}

/** What validation needs, loaded once per import. */
export interface LeadImportContext {
  /** Dictionary cell text (key or either label, normalised) → key. */
  channels: Map<string, string>;
  productLines: Map<string, string>;
  /** Tags added to every row; defaults for rows that name no channel or campaign. */
  tags: string[];
  defaults: { channel?: string | null; campaign?: string | null };
  owner: {
    id: string;
    teamId: string | null;
    departmentId: string | null;
    reason: 'manual' | 'creator';
  } | null;
}

export interface LeadImportValue {
  fields: LeadFields;
  /** The fields the row itself gave (an upsert changes only these). */
  given: LeadInput;
}

export const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

const LANGUAGES: Record<string, string> = {
  中文: 'zh',
  汉语: 'zh',
  chinese: 'zh',
  英语: 'en',
  英文: 'en',
  english: 'en',
  西班牙语: 'es',
  spanish: 'es',
  俄语: 'ru',
  russian: 'ru',
  阿拉伯语: 'ar',
  arabic: 'ar',
  法语: 'fr',
  french: 'fr',
  德语: 'de',
  german: 'de',
  葡萄牙语: 'pt',
  portuguese: 'pt',
  日语: 'ja',
  japanese: 'ja',
};

export function leadFromRow(
  c: LeadImportContext,
  row: MappedRow,
): { value: LeadImportValue | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const given: LeadInput = {};
  for (const f of [
    'name',
    'company',
    'title',
    'wechat',
    'province',
    'city',
    'address',
    'website',
    'campaign',
    'notes',
  ] as const) {
    const v = row.get(f);
    if (v !== undefined) given[f] = v;
  }
  for (const f of ['phones', 'emails', 'tags'] as const) {
    const v = row.get(f);
    if (v !== undefined) given[f] = splitList(v);
  }
  const country = row.get('country');
  if (country !== undefined) {
    const code = countryCode(country);
    if (code) given.country = code;
    else errors.push({ field: 'country', code: 'invalid' });
  }
  const language = row.get('language');
  if (language !== undefined) {
    const l = LANGUAGES[norm(language)] ?? norm(language);
    if (/^[a-z]{2,3}$/.test(l)) given.language = l;
    else errors.push({ field: 'language', code: 'invalid' });
  }
  const channel = row.get('channel');
  if (channel !== undefined) {
    const key = c.channels.get(norm(channel));
    if (key) given.channel = key;
    else errors.push({ field: 'channel', code: 'notInDictionary' });
  }
  const products = row.get('productInterest');
  if (products !== undefined) {
    given.productInterest = [];
    splitList(products).forEach((p, i) => {
      const key = c.productLines.get(norm(p));
      if (key) given.productInterest!.push(key);
      else errors.push({ field: `productInterest[${i}]`, code: 'notInDictionary' });
    });
  }
  const input: LeadInput = {
    ...given,
    channel: given.channel ?? c.defaults.channel ?? undefined,
    campaign: given.campaign ?? c.defaults.campaign ?? undefined,
    tags: [...(given.tags ?? []), ...c.tags],
  };
  const applied = applyLeadInput(EMPTY_LEAD, input);
  errors.push(...applied.errors);
  if (errors.length) return { value: null, errors };
  return { value: { fields: applied.fields, given: input }, errors };
}

/** The keys a lead is found again by: each email, each phone (E.164 where it parses). */
export function leadKeys(f: Pick<LeadFields, 'phones' | 'emails' | 'country'>): {
  email: string[];
  phone: string[];
} {
  return {
    email: f.emails.map((e) => normaliseEmail(e) ?? e),
    phone: f.phones.map((p) => normalisePhone(p, f.country ?? 'CN') ?? p.replace(/\D/g, '')),
  };
}

export function displayLead(v: LeadImportValue): Record<string, string> {
  const f = v.fields;
  const out: Record<string, string> = {};
  const put = (k: string, s: string | null | undefined) => {
    if (s) out[k] = s;
  };
  put('name', f.name);
  put('company', f.company);
  put('title', f.title);
  put('phones', f.phones.join('; '));
  put('emails', f.emails.join('; '));
  put('wechat', f.wechat);
  put('country', f.country);
  put('address', f.address);
  put('website', f.website);
  put('channel', f.channel);
  put('campaign', f.campaign);
  put('productInterest', f.productInterest.join('; '));
  put('language', f.language);
  put('notes', f.notes);
  put('tags', f.tags.join('; '));
  return out;
}
