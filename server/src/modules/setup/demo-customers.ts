// Pure and deterministic: the demo company's customer archive — companies across the provinces
// with valid division codes and credit codes, contacts, a year of interactions, follow-up tasks
// and ~20 probable duplicates waiting to be merged. demo-seed.service.ts writes it.
import { citiesOf, creditCodeCheckChar, districtsOf, divisionByCode } from '../customers/index.ts';

export const DEMO_CUSTOMERS = 3000;
export const DEMO_DUPLICATES = 20;

export interface DemoContact {
  name: string;
  title: string;
  phones: string[];
  emails: string[];
  wechatId: string | null;
  decisionRole: 'decision_maker' | 'influencer' | 'user' | 'other';
  birthday: string | null;
  birthdayLunar: boolean;
  isKeyPerson: boolean;
}

export interface DemoInteraction {
  channel: 'call' | 'visit' | 'meeting' | 'email' | 'sms' | 'wechat' | 'tradeFair' | 'note';
  daysAgo: number;
  subject: string;
  content: string;
  outcome: string;
  contact: number;
}

export interface DemoTask {
  title: string;
  kind: 'followUp' | 'callback' | 'other';
  /** Negative: overdue (open) or completed in the past (done). */
  dueInDays: number;
  done: boolean;
}

export interface DemoCustomer {
  index: number;
  kind: 'company' | 'person';
  name: string;
  code: string;
  phones: string[];
  emails: string[];
  creditCode: string | null;
  province: string;
  city: string;
  district: string | null;
  address: string;
  industry: string;
  type: string;
  source: string;
  lifecycleStatus: 'prospect' | 'active' | 'dormant' | 'lost';
  grade: 'A' | 'B' | 'C';
  tags: string[];
  creditLimit: string | null;
  /** Index into the owner list, or null for the public pool. */
  owner: number | null;
  createdDaysAgo: number;
  /** For a deliberate duplicate: the index of the customer it repeats. */
  duplicateOf: number | null;
  contacts: DemoContact[];
  interactions: DemoInteraction[];
  tasks: DemoTask[];
}

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(l: readonly T[]) => l[int(l.length)]! };
}
export type Rng = ReturnType<typeof rng>;

const PROVINCES = [
  '440000',
  '440000',
  '440000',
  '330000',
  '330000',
  '320000',
  '320000',
  '310000',
  '370000',
  '350000',
  '110000',
  '410000',
  '420000',
  '510000',
  '430000',
  '340000',
  '120000',
  '500000',
  '210000',
  '610000',
];
const BRANDS = [
  ...'华强盛达鑫源宏泰恒丰信德瑞祥兴隆金宝天新东方美嘉和康利通创博远汇联晨星光明凯锦顺永伟佳荣腾飞龙海益诚立',
];
const INDUSTRIES: [string, string][] = [
  ['电子科技', '电子'],
  ['科技', '软件'],
  ['贸易', '贸易'],
  ['机械设备', '机械'],
  ['塑胶制品', '塑胶'],
  ['五金制品', '五金'],
  ['家具', '家具'],
  ['食品', '食品'],
  ['服装', '纺织服装'],
  ['化工', '化工'],
  ['医疗器械', '医疗'],
  ['建材', '建材'],
  ['照明电器', '电器'],
  ['物流', '物流'],
  ['汽车配件', '汽车'],
  ['陶瓷', '建材'],
  ['包装材料', '包装'],
  ['光电', '电子'],
];
const LEGAL = [
  '有限公司',
  '有限公司',
  '有限公司',
  '有限公司',
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
];
const TYPES = ['经销商', '代理商', '终端客户', '本地连锁', '集团企业', '专卖店'];
const SOURCES = ['展会', 'B2B平台', '转介绍', '官网', '搜索引擎', '上门'];
const TAGS = ['展会客户', '重点客户', '老客户', '外贸', '经销商'];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢钟谭陆汪范',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍鹏辉建红梅林婷雪晨浩宇欣怡涵俊思远嘉琪博轩',
];
const TITLES = [
  '总经理',
  '采购经理',
  '采购主管',
  '财务经理',
  '老板',
  '副总经理',
  '技术总监',
  '店长',
  '物流主管',
];
const CHANNELS: DemoInteraction['channel'][] = [
  'call',
  'call',
  'call',
  'wechat',
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
  '价格调整通知',
  '质量问题沟通',
];
const OUTCOMES = [
  '客户有意向，等正式报价',
  '已寄样，等客户测试反馈',
  '对价格有异议，需申请折扣',
  '下个月再联系',
  '同意下单，走合同流程',
  '暂无需求，保持联系',
  '约好下周上门拜访',
];
const TASK_TITLES = ['跟进报价', '回访客户', '催收货款', '确认样品反馈', '发送新品目录', '预约上门拜访'];
const ROADS = ['人民', '解放', '中山', '建设', '新华', '和平', '工业', '科技', '长江', '迎宾'];
const MOBILE = ['138', '139', '136', '135', '158', '150', '186', '188', '177', '189'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const personName = (r: Rng) =>
  r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : '');
/** A mobile number unique per (stream, i). */
const mobile = (stream: number, i: number) =>
  `${MOBILE[(i + stream) % MOBILE.length]}${String((i * 48271 + stream * 9_999_991 + 3_141_592) % 100_000_000).padStart(8, '0')}`;

/** A unified social credit code with a valid check character (GB 32100-2015). */
export function demoCreditCode(region: string, i: number): string {
  let subject = '';
  let v = i * 7_777_777 + 54_321;
  for (let k = 0; k < 9; k++) {
    subject = CODE_CHARS[v % 31] + subject;
    v = Math.floor(v / 31);
  }
  const first17 = `91${region}${subject}`;
  return first17 + creditCodeCheckChar(first17);
}

function contactsOf(r: Rng, i: number, domain: string | null): DemoContact[] {
  const n = 1 + r.int(3) + (r.next() < 0.3 ? 1 : 0);
  return Array.from({ length: n }, (_, k) => {
    const lunar = r.next() < 0.3;
    const hasBirthday = k === 0 || r.next() < 0.3;
    return {
      name: personName(r),
      title: k === 0 ? r.pick(['总经理', '老板', '采购经理']) : r.pick(TITLES),
      phones: [mobile(11 + k, i)],
      emails: domain && r.next() < 0.5 ? [`contact${k}.${i}@${domain}`] : [],
      wechatId: r.next() < 0.6 ? `wx_${(i * 31 + k).toString(36)}` : null,
      decisionRole: k === 0 ? 'decision_maker' : r.pick(['influencer', 'user', 'other'] as const),
      // Lunar dates stay at day ≤ 28 so every one exists in every lunar year.
      birthday: hasBirthday
        ? `${1965 + r.int(35)}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`
        : null,
      birthdayLunar: hasBirthday && lunar,
      isKeyPerson: k === 0 || r.next() < 0.15,
    };
  });
}

function activityOf(r: Rng, contacts: number, createdDaysAgo: number) {
  const interactions: DemoInteraction[] = Array.from({ length: 3 + r.int(5) }, () => {
    const subject = r.pick(SUBJECTS);
    return {
      channel: r.pick(CHANNELS),
      daysAgo: Math.min(createdDaysAgo, r.int(365)),
      subject,
      content: `${subject}：${r.pick(OUTCOMES)}。`,
      outcome: r.pick(OUTCOMES),
      contact: r.int(contacts),
    };
  });
  const tasks: DemoTask[] = [];
  if (r.next() < 0.7)
    tasks.push({ title: r.pick(TASK_TITLES), kind: 'followUp', dueInDays: r.int(21) - 6, done: false });
  if (r.next() < 0.6)
    tasks.push({
      title: r.pick(TASK_TITLES),
      kind: r.pick(['followUp', 'callback'] as const),
      dueInDays: -1 - r.int(200),
      done: true,
    });
  return { interactions, tasks };
}

/** The archive: DEMO_CUSTOMERS customers, then DEMO_DUPLICATES probable duplicates of earlier ones. */
export function demoCustomers(owners: number, n = DEMO_CUSTOMERS, seed = 2026): DemoCustomer[] {
  const r = rng(seed);
  const out: DemoCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const province = divisionByCode(r.pick(PROVINCES))!;
    const city = r.pick(citiesOf(province.code).filter((c) => !c.statistical));
    const districts = districtsOf(city.code).filter((d) => !d.statistical);
    const district = districts.length ? r.pick(districts) : null;
    const [word, industry] = INDUSTRIES[i % INDUSTRIES.length]!;
    const person = i % 10 === 9;
    // Trade names run through every pair of brand characters: no two companies share a name key.
    const pair = Math.floor(i / INDUSTRIES.length);
    const trade = `${BRANDS[pair % BRANDS.length]}${BRANDS[(pair * 7 + Math.floor(pair / BRANDS.length) + 1) % BRANDS.length]}${word}`;
    const name = person ? personName(r) : `${r.next() < 0.75 ? city.name : ''}${trade}${r.pick(LEGAL)}`;
    const domain = person ? null : `kh${i}.com.cn`;
    const createdDaysAgo = 30 + r.int(700);
    const contacts = person ? [] : contactsOf(r, i, domain);
    out.push({
      index: i,
      kind: person ? 'person' : 'company',
      name,
      code: `KH${String(i + 1).padStart(6, '0')}`,
      phones: [mobile(0, i)],
      emails: domain && r.next() < 0.6 ? [`sales@${domain}`] : [],
      creditCode: !person && r.next() < 0.4 ? demoCreditCode(city.code, i) : null,
      province: province.code,
      city: city.code,
      district: district?.code ?? null,
      address: `${district?.name ?? ''}${r.pick(ROADS)}路${1 + r.int(999)}号`,
      industry: person ? '个人' : industry,
      type: person ? '个人客户' : r.pick(TYPES),
      source: r.pick(SOURCES),
      lifecycleStatus: r.pick([
        'prospect',
        'prospect',
        'active',
        'active',
        'active',
        'dormant',
        'lost',
      ] as const),
      grade: r.pick(['A', 'B', 'B', 'C', 'C', 'C'] as const),
      tags: r.next() < 0.3 ? [r.pick(TAGS)] : [],
      creditLimit: r.next() < 0.4 ? `${(1 + r.int(500)) * 1000}.00` : null,
      owner: r.next() < 0.1 ? null : r.int(owners),
      createdDaysAgo,
      duplicateOf: null,
      contacts,
      ...activityOf(r, Math.max(1, contacts.length), createdDaysAgo),
    });
  }
  // Probable duplicates: the same company without its city prefix and legal form, its phone as +86 ….
  const companies = out.filter((c) => c.kind === 'company' && /市/.test(c.name));
  for (let k = 0; k < DEMO_DUPLICATES && k < companies.length; k++) {
    const e = companies[(k * 37 + 5) % companies.length]!;
    const name = e.name.replace(/^.{1,4}?市/, '').replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
    const phone = e.phones[0]!.replace(/^(\d{3})(\d{4})(\d{4})$/, '+86 $1 $2 $3');
    out.push({
      ...e,
      index: out.length,
      name,
      code: `KH${String(out.length + 1).padStart(6, '0')}`,
      phones: [phone],
      emails: [],
      creditCode: null,
      owner: r.next() < 0.5 ? e.owner : r.int(owners),
      createdDaysAgo: r.int(30),
      duplicateOf: e.index,
      contacts: e.contacts.slice(0, 1),
      interactions: e.interactions.slice(0, 1),
      tasks: [],
    });
  }
  return out;
}
