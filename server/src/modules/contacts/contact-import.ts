// Pure: one spreadsheet or vCard row → a contact input, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import {
  customFieldsFromRow,
  importFields,
  type BuiltinField,
  parseBool,
  parseDate,
  splitList,
} from '../imports/index.ts';
import type { FieldDef } from '../customization/index.ts';
import { normaliseEmail, normalisePhone } from '../customers/index.ts';
import { applyContactInput, EMPTY_CONTACT, type ContactFields, type ContactInput } from './contact-input.ts';

const BUILTIN: BuiltinField[] = [
  [
    'name',
    true,
    'text',
    ['姓名', 'Name', '联系人', '联系人姓名', '名字', 'Contact', 'Contact name', 'Full name'],
  ],
  [
    'customer',
    true,
    'text',
    [
      '客户',
      'Customer',
      '客户名称',
      '公司名称',
      '公司',
      '单位',
      '客户编号',
      'Company',
      'Organization',
      'Customer name',
      'Customer code',
      'Account',
    ],
  ],
  ['title', false, 'text', ['职位', 'Title', '职务', '头衔', 'Job title', 'Position']],
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
      'Work phone',
    ],
  ],
  ['emails', false, 'list', ['邮箱', 'Emails', '电子邮件', '电子邮箱', 'Email', 'E-mail', 'Mail']],
  ['wechatId', false, 'text', ['微信', 'WeChat', '微信号', 'WeChat ID', 'Weixin']],
  ['decisionRole', false, 'choice', ['决策角色', 'Decision role', '角色', 'Role']],
  ['birthday', false, 'date', ['生日', 'Birthday', '出生日期', 'Date of birth']],
  ['birthdayLunar', false, 'bool', ['农历生日', 'Lunar birthday', '是否农历']],
  ['hobbies', false, 'text', ['爱好', 'Hobbies', '兴趣爱好', '兴趣']],
  ['familyNotes', false, 'text', ['家庭情况', 'Family notes', '家庭']],
  ['isKeyPerson', false, 'bool', ['关键人', 'Key person', '关键联系人', '是否关键人']],
  ['notes', false, 'text', ['备注', 'Notes', '说明', 'Note', 'Remark', 'Remarks']],
];

export function contactImportFields(defs: readonly FieldDef[]): ImportField[] {
  return importFields(BUILTIN, defs);
}

const ROLES: Record<string, ContactFields['decisionRole']> = {
  decision_maker: 'decision_maker',
  'decision maker': 'decision_maker',
  决策者: 'decision_maker',
  决策人: 'decision_maker',
  influencer: 'influencer',
  影响者: 'influencer',
  影响人: 'influencer',
  user: 'user',
  使用者: 'user',
  使用人: 'user',
  other: 'other',
  其他: 'other',
};

const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export interface ContactImportContext {
  defs: FieldDef[];
  partial: boolean;
}

export interface ContactImportValue {
  input: ContactInput;
  fields: ContactFields;
  /** The customer as written in the file: a code or a name, resolved by the service. */
  customer: string;
}

export function contactFromRow(
  c: ContactImportContext,
  row: MappedRow,
): { value: ContactImportValue | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const input: ContactInput = { name: row.get('name') ?? '' };
  const customer = row.get('customer');
  if (!customer) errors.push({ field: 'customerId', code: 'required' });
  for (const f of ['title', 'wechatId', 'hobbies', 'familyNotes', 'notes'] as const) {
    const v = row.get(f);
    if (v !== undefined) input[f] = v;
  }
  const phones = row.get('phones');
  if (phones !== undefined) input.phones = splitList(phones);
  const emails = row.get('emails');
  if (emails !== undefined) input.emails = splitList(emails);
  const role = row.get('decisionRole');
  if (role !== undefined) {
    const r = ROLES[key(role)];
    if (r) input.decisionRole = r;
    else errors.push({ field: 'decisionRole', code: 'choice' });
  }
  for (const f of ['birthdayLunar', 'isKeyPerson'] as const) {
    const v = row.get(f);
    if (v === undefined) continue;
    const b = parseBool(v);
    if (b === null) errors.push({ field: f, code: 'invalid' });
    else input[f] = b;
  }
  const birthday = row.get('birthday');
  if (birthday !== undefined) {
    // A lunar birthday can be a day no solar calendar has (02-30): taken as written when YYYY-MM-DD.
    const d =
      input.birthdayLunar && /^\d{4}-\d{2}-\d{2}$/.test(birthday.trim())
        ? birthday.trim()
        : parseDate(birthday);
    if (d === null) errors.push({ field: 'birthday', code: 'date' });
    else input.birthday = d;
  }
  const cf = customFieldsFromRow(c.defs, row, c.partial);
  errors.push(...cf.errors);
  if (cf.values) input.customFields = cf.values;
  const applied = applyContactInput(EMPTY_CONTACT, input);
  errors.push(...applied.errors);
  if (errors.length || !customer) return { value: null, errors };
  // The contacts module keeps custom fields apart from applyContactInput (its service checks them).
  if (cf.values) applied.fields.customFields = cf.values;
  return { value: { input, fields: applied.fields, customer }, errors };
}

/** Keys that make two contacts of one customer the same person: a phone, an email, or the name. */
export function contactKeys(f: Pick<ContactFields, 'name' | 'phones' | 'emails'>): string[] {
  const keys = [`name:${key(f.name)}`];
  for (const p of f.phones) keys.push(`phone:${normalisePhone(p) ?? p}`);
  for (const e of f.emails) keys.push(`email:${normaliseEmail(e) ?? e}`);
  return keys;
}

export function displayContact(v: ContactImportValue): Record<string, string> {
  const f = v.fields;
  const out: Record<string, string> = { name: f.name, customer: v.customer };
  const put = (k: string, s: string | null) => {
    if (s) out[k] = s;
  };
  put('title', f.title);
  put('phones', f.phones.join('; '));
  put('emails', f.emails.join('; '));
  put('wechatId', f.wechatId);
  put('decisionRole', f.decisionRole);
  put('birthday', f.birthday);
  put('hobbies', f.hobbies);
  put('familyNotes', f.familyNotes);
  put('notes', f.notes);
  if (f.isKeyPerson) out.isKeyPerson = '✓';
  for (const [k, val] of Object.entries(f.customFields))
    put(`cf.${k}`, Array.isArray(val) ? val.join('; ') : String(val));
  return out;
}
