// Rows for the customer-archive benchmark (bench/customers.ts), as CSV for COPY. Runs in worker
// threads: the slow part is what the app computes on every save — the stored fields
// (applyCustomerInput), the duplicate keys (dedupe.ts) and the search documents
// (searchDocs: bigrams, pinyin and initials) — done here with the customers module's own code.
import { isMainThread, parentPort } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { applyCustomerInput, EMPTY_CUSTOMER } from '../server/src/modules/customers/customer-input.ts';
import { dedupeKeys } from '../server/src/modules/customers/dedupe.ts';
import { searchDocs } from '../server/src/modules/customers/search-weights.ts';
import type { GeneratedCustomer } from './customers-data.ts';

export interface ChunkJob {
  start: number;
  records: GeneratedCustomer[];
  orgId: string;
  ownerIds: string[];
  adminId: string;
  now: number;
  contactsPerCustomer: number;
  interactionsPerCustomer: number;
}

export interface ChunkCsv {
  start: number;
  customers: string;
  keys: string;
  contacts: string;
  interactions: string;
  activity: string;
  rows: number;
}

/** Column order of each CSV (database names); the customers' stage has the three search documents last. */
export const CUSTOMER_COLUMNS = [
  'org_id',
  'id',
  'kind',
  'name',
  'code',
  'phones',
  'emails',
  'credit_code',
  'province',
  'city',
  'district',
  'address',
  'industry',
  'type',
  'source',
  'source_detail',
  'lifecycle_status',
  'credit_limit',
  'credit_limit_currency',
  'grade',
  'owner_id',
  'owner_assigned_at',
  'tags',
  'search_text',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'doc_main',
  'doc_phones',
  'doc_emails',
] as const;
export const CONTACT_COLUMNS = [
  'org_id',
  'id',
  'customer_id',
  'name',
  'title',
  'phones',
  'emails',
  'wechat_id',
  'decision_role',
  'birthday',
  'birthday_lunar',
  'is_key_person',
  'search_text',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'doc_main',
  'doc_phones',
  'doc_emails',
] as const;
export const INTERACTION_COLUMNS = [
  'org_id',
  'id',
  'customer_id',
  'contact_id',
  'channel',
  'occurred_at',
  'subject',
  'content',
  'outcome',
  'user_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
export const ACTIVITY_COLUMNS = [
  'org_id',
  'customer_id',
  'last_contact_at',
  'last_contact_channel',
  'last_by_channel',
  'last_follow_up_at',
] as const;
export const KEY_COLUMNS = ['org_id', 'customer_id', 'kind', 'value'] as const;

type Cell = string | number | boolean | Date | null | undefined | string[] | Record<string, unknown>;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const arrayLiteral = (a: string[]) =>
  `{${a.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return quote(arrayLiteral(v));
  if (typeof v === 'object') return quote(JSON.stringify(v));
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return quote(String(v));
}
const line = (cells: Cell[]) => cells.map(cell).join(',') + '\n';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红梅林婷雪晨浩宇欣怡子涵俊思远嘉琪文博雨轩',
];
const TITLES = ['总经理', '采购经理', '采购专员', '财务主管', '技术工程师', '仓库主管', '副总经理', '老板娘'];
const CHANNELS = [
  'call',
  'call',
  'call',
  'wechat',
  'wechat',
  'visit',
  'meeting',
  'email',
  'sms',
  'tradeFair',
  'note',
];
const SUBJECTS = [
  '报价跟进',
  '样品确认',
  '回款提醒',
  '新品推荐',
  '年度框架协议',
  '售后回访',
  '展会邀约',
  '交期确认',
];
const OUTCOMES = [
  '客户有意向，等报价',
  '已寄样，等反馈',
  '对价格有异议',
  '下月再联系',
  '同意下单',
  '暂无需求',
];
const DAY = 86_400_000;

export function buildChunk(job: ChunkJob): ChunkCsv {
  const r = rng(job.start + 7);
  const out = { customers: '', keys: '', contacts: '', interactions: '', activity: '' };
  let rows = 0;
  job.records.forEach((rec, k) => {
    const i = job.start + k;
    const { fields } = applyCustomerInput(EMPTY_CUSTOMER, rec.input);
    const id = uuidv7();
    const ownerId = job.ownerIds[i % job.ownerIds.length]!;
    const createdAt = new Date(job.now - (30 + r() * 1000) * DAY);
    const updatedAt = new Date(Math.min(job.now - DAY, createdAt.getTime() + r() * 400 * DAY));
    const people = rec.contacts.map((c) => ({ ...c }));
    for (let n = people.length; n < job.contactsPerCustomer; n++)
      people.push({
        name: SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]!,
        title: TITLES[Math.floor(r() * TITLES.length)]!,
        phones: [`1${37 + n}${String((i * 7919 + n * 104_729) % 100_000_000).padStart(8, '0')}`],
        decisionRole: 'user',
        isKeyPerson: false,
      });
    const docs = searchDocs({ ...fields, contactNames: people.map((p) => p.name) });
    out.customers += line([
      job.orgId,
      id,
      fields.kind,
      fields.name,
      fields.code,
      fields.phones,
      fields.emails,
      fields.creditCode,
      fields.province,
      fields.city,
      fields.district,
      fields.address,
      fields.industry,
      fields.type,
      fields.source,
      fields.sourceDetail,
      fields.lifecycleStatus,
      fields.creditLimit,
      fields.creditLimitCurrency,
      fields.grade,
      ownerId,
      createdAt,
      fields.tags,
      docs.text,
      createdAt,
      job.adminId,
      updatedAt,
      job.adminId,
      docs.main,
      docs.phones,
      docs.emails,
    ]);
    for (const key of new Map(dedupeKeys(fields, 'CN').map((x) => [`${x.kind}:${x.value}`, x])).values())
      out.keys += line([job.orgId, id, key.kind, key.value]);
    const contactIds: string[] = [];
    for (const p of people) {
      const cid = uuidv7();
      contactIds.push(cid);
      const d = searchDocs({ contactNames: [p.name], phones: p.phones ?? [], emails: p.emails ?? [] });
      out.contacts += line([
        job.orgId,
        cid,
        id,
        p.name,
        p.title,
        p.phones ?? [],
        p.emails ?? [],
        p.wechatId,
        p.decisionRole,
        p.birthday,
        p.birthdayLunar ?? false,
        p.isKeyPerson ?? false,
        d.text,
        createdAt,
        job.adminId,
        createdAt,
        job.adminId,
        d.main,
        d.phones,
        d.emails,
      ]);
    }
    const last: Record<string, string> = {};
    let lastAt = 0;
    let lastChannel = '';
    for (let n = 0; n < job.interactionsPerCustomer; n++) {
      const at = new Date(job.now - Math.floor(r() * 365 * DAY));
      const channel = CHANNELS[Math.floor(r() * CHANNELS.length)]!;
      const subject = SUBJECTS[Math.floor(r() * SUBJECTS.length)]!;
      out.interactions += line([
        job.orgId,
        uuidv7(),
        id,
        contactIds[n % contactIds.length],
        channel,
        at,
        subject,
        `${subject}：${fields.name}，${OUTCOMES[n % OUTCOMES.length]}`,
        OUTCOMES[Math.floor(r() * OUTCOMES.length)],
        ownerId,
        at,
        ownerId,
        at,
        ownerId,
      ]);
      if (!last[channel] || last[channel]! < at.toISOString()) last[channel] = at.toISOString();
      if (at.getTime() > lastAt) [lastAt, lastChannel] = [at.getTime(), channel];
    }
    if (lastAt) {
      const when = new Date(lastAt);
      out.activity += line([job.orgId, id, when, lastChannel, last, when]);
    }
    rows += 1 + people.length + job.interactionsPerCustomer;
  });
  return { start: job.start, ...out, rows };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: ChunkJob) => port.postMessage(buildChunk(job)));
}
