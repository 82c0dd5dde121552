// Deterministic, realistic Chinese customers for demos and benchmarks (issue 3):
// companies such as 深圳市华强电子科技有限公司 across the mainland's divisions, some persons,
// mobile phones, company emails, valid unified social credit codes, 1–3 contacts each, and
// about 2% deliberate duplicates of an earlier customer (another legal form, the phone
// written +86 …, the email in capitals, the same credit code) waiting to be merged.
//
//   generateCustomers(n, seed)  → the first n records (an array)
//   customerRecords(seed)       → the same records one by one (for a million without an array)
//
// Same seed, same records: no clock, no Math.random. Every non-duplicate is accepted by
// POST /api/v1/customers; every duplicate is refused with 409 DUPLICATE_CUSTOMER.
import { creditCodeCheckChar } from '../server/src/modules/customers/credit-code.ts';
import { pinyin } from 'pinyin-pro';
import { normaliseCompanyName, parsePhone } from '../server/src/modules/customers/dedupe.ts';
import {
  citiesOf,
  districtsOf,
  divisionByCode,
  type Division,
} from '../server/src/modules/customers/divisions.ts';
import type { CustomerCreate } from '../server/src/modules/customers/customers.schema.ts';
import type { ContactCreate } from '../server/src/modules/contacts/contacts.schema.ts';

export type ContactInput = Omit<ContactCreate, 'customerId'>;

export interface GeneratedCustomer {
  /** A body for POST /api/v1/customers. */
  input: CustomerCreate;
  /** Bodies for POST /api/v1/contacts, without the customerId the caller learns on create. */
  contacts: ContactInput[];
  /** Index of the earlier record this one deliberately duplicates, else null. */
  duplicateOf: number | null;
  matchedOn: 'name' | 'phone' | 'email' | 'creditCode' | null;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    weighted: <T>(list: readonly [T, number][]) => {
      let r = next() * list.reduce((s, [, w]) => s + w, 0);
      for (const [v, w] of list) if ((r -= w) < 0) return v;
      return list[list.length - 1]![0];
    },
  };
}

// Provinces weighted roughly by where customers of a Chinese manufacturer or trader sit.
const PROVINCES: [string, number][] = [
  ['440000', 16],
  ['330000', 12],
  ['320000', 12],
  ['310000', 8],
  ['370000', 7],
  ['350000', 6],
  ['110000', 6],
  ['410000', 4],
  ['420000', 4],
  ['510000', 4],
  ['430000', 3],
  ['340000', 3],
  ['120000', 2],
  ['500000', 2],
  ['210000', 2],
  ['130000', 2],
  ['610000', 2],
  ['360000', 1],
  ['450000', 1],
  ['530000', 1],
];
const BRAND_CHARS = [
  ...'华强盛达鑫源宏泰恒丰信德瑞祥兴隆金宝天新东方美嘉和康利通创博远汇联晨星光明凯锦顺永伟佳荣腾飞龙海益诚立科',
];
const MIDDLE = [
  '',
  '精密',
  '智能',
  '国际',
  '实业',
  '新材料',
  '环保',
  '数码',
  '包装',
  '进出口',
  '电气',
  '信息',
  '生物',
  '能源',
  '供应链',
  '文化',
];
const INDUSTRY: [string, string][] = [
  ['电子科技', '电子'],
  ['科技', '软件'],
  ['贸易', '贸易'],
  ['机械设备', '机械'],
  ['塑胶制品', '塑胶'],
  ['五金制品', '五金'],
  ['家具', '家具'],
  ['食品', '食品'],
  ['饮料', '食品'],
  ['服装', '纺织服装'],
  ['纺织', '纺织服装'],
  ['化工', '化工'],
  ['医疗器械', '医疗'],
  ['建材', '建材'],
  ['照明电器', '电器'],
  ['家用电器', '电器'],
  ['物流', '物流'],
  ['汽车配件', '汽车'],
  ['文具', '文教用品'],
  ['陶瓷', '建材'],
  ['灯饰', '电器'],
  ['钢铁', '冶金'],
  ['工艺品', '工艺品'],
  ['商贸', '贸易'],
  ['超市', '零售'],
  ['百货', '零售'],
  ['餐饮管理', '餐饮'],
  ['美容美发', '生活服务'],
  ['通讯器材', '通信'],
  ['光电', '电子'],
];
const LEGAL = [
  ['有限公司', 70],
  ['股份有限公司', 12],
  ['有限责任公司', 10],
  ['集团有限公司', 4],
  ['贸易商行', 4],
] as [string, number][];
const TYPES = [
  '跨国连锁',
  '本地连锁',
  '百货商场',
  '加盟店',
  '专卖店',
  '集团企业',
  '经销商',
  '代理商',
  '终端客户',
];
const SOURCES: [string, string[]][] = [
  ['展会', ['第136届广交会', '第137届广交会', '华交会', '上海国际五金展', '深圳电子展', '义乌小商品博览会']],
  ['B2B平台', ['阿里巴巴国际站', '1688', '中国制造网', '环球资源']],
  ['转介绍', ['老客户介绍', '供应商介绍']],
  ['官网', ['官网询盘']],
  ['搜索引擎', ['百度推广', '谷歌']],
  ['上门', ['门店到访']],
];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红梅林军婷雪晨浩宇欣怡子涵俊杰思远嘉琪文博雨轩',
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
const ROLES = ['decision_maker', 'influencer', 'user', 'other'] as const;
const ROADS = [
  '人民',
  '解放',
  '中山',
  '建设',
  '新华',
  '和平',
  '胜利',
  '工业',
  '科技',
  '长江',
  '黄河',
  '迎宾',
];
const MOBILE_PREFIXES = ['138', '139', '136', '135', '158', '150', '186', '188', '177', '189'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const AREA_CODES: Record<string, string> = {
  '440300': '0755',
  '440100': '020',
  '310100': '021',
  '110100': '010',
  '330100': '0571',
  '320100': '025',
  '320500': '0512',
  '370200': '0532',
  '350200': '0592',
  '510100': '028',
  '420100': '027',
  '120100': '022',
};

const NAME_SPACE = BRAND_CHARS.length ** 2 * MIDDLE.length * INDUSTRY.length;

/** Trade-name parts of slot s: a permutation of every combination (1,000,003 is prime to their count). */
function nameParts(s: number): [string, string, [string, string]] {
  let p = (s * 1_000_003) % NAME_SPACE;
  const take = (n: number) => {
    const v = p % n;
    p = Math.floor(p / n);
    return v;
  };
  const brand = BRAND_CHARS[take(BRAND_CHARS.length)]! + BRAND_CHARS[take(BRAND_CHARS.length)]!;
  return [brand, MIDDLE[take(MIDDLE.length)]!, INDUSTRY[take(INDUSTRY.length)]!];
}

/** A mobile number unique per (stream, i): a bijection on eight digits. */
function mobile(stream: number, i: number): string {
  const suffix = (i * 48271 + stream * 9_999_991) % 100_000_000;
  return `${MOBILE_PREFIXES[(i + stream) % MOBILE_PREFIXES.length]}${String(suffix).padStart(8, '0')}`;
}

function creditCode(region: string, i: number): string {
  let subject = '';
  let v = i * 7_777_777 + 12_345;
  for (let k = 0; k < 9; k++) {
    subject = CODE_CHARS[v % 31] + subject;
    v = Math.floor(v / 31);
  }
  const first17 = `91${region}${subject}`;
  return first17 + creditCodeCheckChar(first17);
}

function personName(r: ReturnType<typeof rng>): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : '');
}

function place(r: ReturnType<typeof rng>): { province: Division; city: Division; district: Division | null } {
  const province = divisionByCode(r.weighted(PROVINCES))!;
  const cities = citiesOf(province.code).filter((c) => !c.statistical);
  const city = r.pick(cities);
  const districts = districtsOf(city.code).filter((d) => !d.statistical);
  return { province, city, district: districts.length ? r.pick(districts) : null };
}

function contactsFor(r: ReturnType<typeof rng>, i: number, domain: string | null): ContactInput[] {
  const out: ContactInput[] = [];
  const n = 1 + r.int(3);
  for (let k = 0; k < n; k++) {
    const name = personName(r);
    const birthday = `${1960 + r.int(40)}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
    out.push({
      name,
      title: r.pick(TITLES),
      phones: [mobile(7 + k, i)],
      ...(domain && r.next() < 0.5 ? { emails: [`contact${k}.${i.toString(36)}@${domain}`] } : {}),
      ...(r.next() < 0.4 ? { wechatId: `wx_${i.toString(36)}_${k}` } : {}),
      decisionRole: k === 0 ? 'decision_maker' : r.pick(ROLES),
      ...(r.next() < 0.5 ? { birthday, birthdayLunar: r.next() < 0.3 } : {}),
      isKeyPerson: k === 0,
    });
  }
  return out;
}

/** The records of one seed, one after another, without end. */
export function* customerRecords(seed = 1): Generator<GeneratedCustomer> {
  const r = rng(seed);
  const names = new Set<string>();
  // Index-aligned with the records yielded, so duplicateOf is a record index.
  const earlier: {
    name: string;
    phones: string[];
    emails: string[];
    creditCode?: string;
    kind: 'company' | 'person' | 'dup';
  }[] = [];
  let slot = seed * 104_729;
  for (let i = 0; ; i++) {
    const where = place(r);
    const industry = r.pick(INDUSTRY)[1];
    const [source, details] = r.pick(SOURCES);
    const common = {
      province: where.province.code,
      city: where.city.code,
      ...(where.district ? { district: where.district.code } : {}),
      address: `${where.district?.name ?? ''}${r.pick(ROADS)}路${1 + r.int(999)}号`,
      industry,
      type: r.pick(TYPES),
      source,
      sourceDetail: r.pick(details),
      lifecycleStatus: r.weighted<'prospect' | 'active' | 'dormant' | 'lost'>([
        ['prospect', 3],
        ['active', 5],
        ['dormant', 1],
        ['lost', 1],
      ]),
      grade: r.weighted<'A' | 'B' | 'C'>([
        ['A', 1],
        ['B', 3],
        ['C', 6],
      ]),
      ...(r.next() < 0.3 ? { tags: [r.pick(['展会客户', '重点客户', '老客户', '外贸', '经销商'])] } : {}),
    };

    // About one record in fifty repeats an earlier customer under another spelling.
    if (earlier.length > 10 && r.next() < 0.02) {
      let j = r.int(earlier.length);
      while (earlier[j]!.kind === 'dup') j = r.int(earlier.length);
      const e = earlier[j]!;
      let way: GeneratedCustomer['matchedOn'] =
        e.kind === 'person' ? 'phone' : r.pick(['name', 'phone', 'email', 'creditCode'] as const);
      if (
        (way === 'name' && !/有限公司$/.test(e.name)) ||
        (way === 'email' && !e.emails[0]) ||
        (way === 'creditCode' && !e.creditCode)
      )
        way = 'phone';
      const input: CustomerCreate = {
        kind: e.kind === 'person' ? 'person' : 'company',
        name: `${e.name}（分部${i}）`,
        ...common,
      };
      // Another legal form and no city prefix: 深圳市华强电子有限公司 → 华强电子股份有限公司.
      if (way === 'name')
        input.name = e.name
          .replace(/(股份有限公司|有限责任公司|有限公司)$/, (m) =>
            m === '有限公司' ? '股份有限公司' : '有限公司',
          )
          .replace(/^.{2,3}?市/, '');
      if (way === 'phone') input.phones = [e.phones[0]!.replace(/^(\d{3})(\d{4})(\d{4})$/, '+86 $1 $2 $3')];
      if (way === 'email') input.emails = [e.emails[0]!.toUpperCase()];
      if (way === 'creditCode') input.creditCode = e.creditCode;
      earlier.push({ name: input.name, phones: [], emails: [], kind: 'dup' });
      yield { input, contacts: [], duplicateOf: j, matchedOn: way };
      continue;
    }

    if (r.next() < 0.1) {
      const name = personName(r);
      const phones = [mobile(0, i)];
      earlier.push({ name, phones, emails: [], kind: 'person' });
      yield {
        input: { kind: 'person', name, phones, ...common, type: '个人客户' },
        contacts: [],
        duplicateOf: null,
        matchedOn: null,
      };
      continue;
    }

    // Trade name: an unused combination (its dedupe key must be new, place prefixes included).
    let name: string;
    let trade: string;
    for (;;) {
      const [brand, middle, [word, label]] = nameParts(slot++);
      trade = `${brand}${middle}${word}`;
      common.industry = label;
      const prefix = r.next() < 0.75 ? where.city.name : '';
      name = `${prefix}${trade}${r.weighted(LEGAL)}`;
      const key = normaliseCompanyName(name);
      if (!names.has(key) && key.length >= 4) {
        names.add(key);
        break;
      }
    }
    const domain = `${pinyin(trade.slice(0, 2), { toneType: 'none', separator: '', v: true })}${i.toString(36)}.com.cn`;
    const area = AREA_CODES[where.city.code];
    // A landline unique per record: eight digits from a bijection on i.
    const landline =
      area && r.next() < 0.3
        ? `${area}-${2 + (i % 7)}${String((i * 7919) % 10_000_000).padStart(7, '0')}`
        : null;
    const phones = [mobile(0, i), ...(landline && parsePhone(landline) ? [landline] : [])];
    const emails = r.next() < 0.6 ? [`sales${i.toString(36)}@${domain}`] : [];
    const code = r.next() < 0.3 ? creditCode(where.city.code, i) : undefined;
    earlier.push({ name, phones, emails, creditCode: code, kind: 'company' });
    yield {
      input: {
        kind: 'company',
        name,
        phones,
        ...(emails.length ? { emails } : {}),
        ...(code ? { creditCode: code } : {}),
        code: `KH${String(i + 1).padStart(7, '0')}`,
        ...(r.next() < 0.5
          ? { creditLimit: { amount: `${(1 + r.int(500)) * 1000}.00`, currency: 'CNY' } }
          : {}),
        ...common,
      },
      contacts: contactsFor(r, i, emails.length ? domain : null),
      duplicateOf: null,
      matchedOn: null,
    };
  }
}

export function generateCustomers(n: number, seed = 1): GeneratedCustomer[] {
  const out: GeneratedCustomer[] = [];
  for (const c of customerRecords(seed)) {
    if (out.length >= n) break;
    out.push(c);
  }
  return out;
}
