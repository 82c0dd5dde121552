// Pure and deterministic: the demo company's customer acquisition — leads from trade fairs, B2B
// platforms, the website form and referrals, in every status, and opportunities in every stage of
// the default funnel with a realistic stage history. demo-acquisition.service.ts writes it.
import { rng, type Rng } from './demo-customers.ts';

export const DEMO_LEADS = 600;
export const DEMO_OPPORTUNITIES = 240;

/** The funnel's built-in stage keys, in order; won and lost close it. */
export const FUNNEL = ['targetMarket', 'potentialCustomer', 'needsAnalysis', 'proposal'] as const;
export type DemoStageKey = (typeof FUNNEL)[number] | 'won' | 'lost';

interface Source {
  channel: string;
  campaign: string | null;
  /** Days ago the fair took place (leads arrive within a week), or null: spread over the period. */
  daysAgo: number | null;
  weight: number;
}

/** Fairs and platforms with how many leads they bring; the Canton Fair dominates, as in life. */
const SOURCES: Source[] = [
  { channel: 'tradeFair', campaign: '第137届广交会', daysAgo: 590, weight: 10 },
  { channel: 'tradeFair', campaign: '第138届广交会', daysAgo: 405, weight: 14 },
  { channel: 'tradeFair', campaign: '第139届广交会', daysAgo: 225, weight: 16 },
  { channel: 'tradeFair', campaign: '华交会 2026', daysAgo: 265, weight: 8 },
  { channel: 'tradeFair', campaign: 'Ambiente Frankfurt 2026', daysAgo: 295, weight: 7 },
  { channel: 'b2bPlatform', campaign: 'Alibaba.com', daysAgo: null, weight: 14 },
  { channel: 'b2bPlatform', campaign: 'Global Sources', daysAgo: null, weight: 6 },
  { channel: 'b2bPlatform', campaign: 'Made-in-China.com', daysAgo: null, weight: 5 },
  { channel: 'websiteForm', campaign: '官网询盘表单', daysAgo: null, weight: 8 },
  { channel: 'referral', campaign: null, daysAgo: null, weight: 5 },
  { channel: 'searchEngine', campaign: 'Google Ads', daysAgo: null, weight: 4 },
  { channel: 'walkIn', campaign: null, daysAgo: null, weight: 3 },
];

interface Market {
  country: string;
  language: string;
  first: readonly string[];
  last: readonly string[];
  company: readonly string[];
  weight: number;
}

const MARKETS: Market[] = [
  {
    country: 'US',
    language: 'en',
    first: ['James', 'Mary', 'Robert', 'Linda', 'Michael', 'Susan', 'David', 'Karen'],
    last: ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark'],
    company: ['Home Goods Supply', 'Lakeside Imports', 'Prime Retail Group', 'Eagle Hardware Co.'],
    weight: 14,
  },
  {
    country: 'DE',
    language: 'de',
    first: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner'],
    company: ['Haushalt Handel GmbH', 'Rhein Import GmbH', 'Nordlicht Vertrieb KG'],
    weight: 9,
  },
  {
    country: 'GB',
    language: 'en',
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava'],
    last: ['Jones', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright'],
    company: ['Thames Trading Ltd', 'Albion Homeware Ltd', 'Crown Supplies Ltd'],
    weight: 6,
  },
  {
    country: 'ES',
    language: 'es',
    first: ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Sofía', 'Mateo'],
    last: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero'],
    company: ['Importaciones Iberia S.L.', 'Hogar y Casa S.A.', 'Distribuciones Sol S.L.'],
    weight: 5,
  },
  {
    country: 'RU',
    language: 'ru',
    first: ['Ivan', 'Olga', 'Dmitry', 'Elena', 'Sergey', 'Anna'],
    last: ['Ivanov', 'Petrova', 'Smirnov', 'Volkova', 'Kuznetsov', 'Popova'],
    company: ['OOO Dom Torg', 'OOO Vostok Import', 'OOO Sibir Trade'],
    weight: 6,
  },
  {
    country: 'AE',
    language: 'ar',
    first: ['Ahmed', 'Fatima', 'Omar', 'Layla', 'Khalid', 'Noor'],
    last: ['Al Mansouri', 'Al Hashimi', 'Haddad', 'Nasser', 'Saleh', 'Khoury'],
    company: ['Gulf Star Trading LLC', 'Desert Rose General Trading', 'Al Noor Household LLC'],
    weight: 6,
  },
  {
    country: 'BR',
    language: 'pt',
    first: ['Gabriel', 'Julia', 'Lucas', 'Beatriz', 'Rafael', 'Camila'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira'],
    company: ['Casa Brasil Importadora Ltda', 'Rio Utilidades Ltda', 'Sul Comercial Ltda'],
    weight: 4,
  },
  {
    country: 'AU',
    language: 'en',
    first: ['Jack', 'Charlotte', 'William', 'Olivia', 'Noah', 'Mia'],
    last: ['Wilson', 'Anderson', 'Thompson', 'White', 'Martin', 'Kelly'],
    company: ['Southern Cross Imports Pty Ltd', 'Harbour Home Pty Ltd'],
    weight: 3,
  },
  {
    country: 'VN',
    language: 'vi',
    first: ['Minh', 'Lan', 'Huy', 'Mai', 'Tuan', 'Linh'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu'],
    company: ['Saigon Home Trading Co.', 'Hanoi Gia Dung JSC'],
    weight: 3,
  },
  {
    country: 'CN',
    language: 'zh',
    first: ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'],
    company: ['宏达贸易有限公司', '鑫源家居有限公司', '华宇电器商行', '恒通五金经营部'],
    weight: 10,
  },
];

const TITLES_EN = ['Purchasing Manager', 'Buyer', 'CEO', 'Sourcing Director', 'Owner', 'Import Manager'];
const TITLES_ZH = ['采购经理', '总经理', '老板', '采购主管'];
const PRODUCT_LINES = ['appliances', 'electronics', 'hardware', 'furniture', 'textiles', 'machinery'];
const DISQUALIFY = ['noNeed', 'noBudget', 'unreachable', 'competitor', 'duplicate', 'spam'];
const LOST = ['price', 'price', 'competitor', 'quality', 'delivery', 'noBudget', 'noDecision'];
const OPP_NAMES = ['首单试订', '年度采购', '新品打样', '旺季备货', 'OEM 定制', '渠道代理'];

export interface DemoLead {
  index: number;
  name: string;
  company: string;
  title: string;
  phones: string[];
  emails: string[];
  country: string;
  language: string;
  channel: string;
  campaign: string | null;
  productInterest: string[];
  status: 'new' | 'contacted' | 'qualified' | 'disqualified' | 'converted';
  disqualifyReason: string | null;
  man: { money: string; authority: string; need: string };
  createdDaysAgo: number;
  /** Days after creation of the first contact; null while untouched. */
  contactedAfterDays: number | null;
  /** Index into the owners list. */
  owner: number;
  tags: string[];
}

export interface DemoStageStep {
  stage: DemoStageKey;
  daysAgo: number;
}

export interface DemoOpportunity {
  index: number;
  name: string;
  /** The converted lead it came from, or null for an opportunity on an existing customer. */
  lead: number | null;
  /** Index of the demo customer it is with (for lead-less ones). */
  customer: number;
  amount: string;
  currency: string;
  owner: number;
  channel: string | null;
  campaign: string | null;
  productInterest: string[];
  /** Stage entries in order; the first is the stage it was created in. */
  path: DemoStageStep[];
  lostReason: string | null;
  expectedCloseInDays: number;
}

function weighted<T extends { weight: number }>(r: Rng, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let x = r.next() * total;
  for (const item of list) if ((x -= item.weight) < 0) return item;
  return list[list.length - 1]!;
}

function leadStatus(r: Rng, createdDaysAgo: number): DemoLead['status'] {
  const x = r.next();
  // Recent leads are still being worked; old ones have an outcome.
  if (createdDaysAgo < 20) return x < 0.55 ? 'new' : x < 0.85 ? 'contacted' : 'qualified';
  if (x < 0.06) return 'new';
  if (x < 0.3) return 'contacted';
  if (x < 0.42) return 'qualified';
  if (x < 0.62) return 'disqualified';
  return 'converted';
}

const MAN_ANSWERS = ['yes', 'no'] as const;

export function demoLeads(owners: number, n = DEMO_LEADS, seed = 5150): DemoLead[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const source = weighted(r, SOURCES);
    const market = source.channel === 'walkIn' ? MARKETS[MARKETS.length - 1]! : weighted(r, MARKETS);
    const zh = market.country === 'CN';
    const createdDaysAgo =
      i < 12 ? r.int(3) : source.daysAgo === null ? 1 + r.int(600) : source.daysAgo - r.int(7);
    const status = leadStatus(r, createdDaysAgo);
    const first = r.pick(market.first);
    const last = r.pick(market.last);
    const name = zh ? `${last}${first}` : `${first} ${last}`;
    const company = r.pick(market.company);
    const domain = zh ? null : `${company.toLowerCase().replace(/[^a-z]+/g, '')}${i}.com`;
    const qualified = status === 'qualified' || status === 'converted';
    const man = qualified
      ? { money: 'yes', authority: r.next() < 0.8 ? 'yes' : 'no', need: 'yes' }
      : status === 'new'
        ? { money: 'unknown', authority: 'unknown', need: 'unknown' }
        : {
            money: r.next() < 0.5 ? r.pick(MAN_ANSWERS) : 'unknown',
            authority: r.next() < 0.5 ? r.pick(MAN_ANSWERS) : 'unknown',
            need: r.next() < 0.5 ? r.pick(MAN_ANSWERS) : 'unknown',
          };
    const lines = [r.pick(PRODUCT_LINES)];
    if (r.next() < 0.3) lines.push(r.pick(PRODUCT_LINES));
    return {
      index: i,
      name,
      company,
      title: zh ? r.pick(TITLES_ZH) : r.pick(TITLES_EN),
      phones: zh
        ? [`13${String(100_000_000 + ((i * 7919) % 900_000_000)).slice(0, 9)}`]
        : r.next() < 0.7
          ? [`+${countryDialCode(market.country)} ${String(200_000_000 + i * 37)}`]
          : [],
      emails: domain
        ? [
            `${first
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}@${domain}`,
          ]
        : [],
      country: market.country,
      language: market.language,
      channel: source.channel,
      campaign: source.campaign,
      productInterest: [...new Set(lines)],
      status,
      disqualifyReason: status === 'disqualified' ? r.pick(DISQUALIFY) : null,
      man,
      createdDaysAgo,
      contactedAfterDays: status === 'new' ? null : r.next() < 0.7 ? r.int(2) : 2 + r.int(10),
      owner: r.int(owners),
      tags: source.channel === 'tradeFair' && source.campaign ? [source.campaign] : [],
    };
  });
}

function countryDialCode(country: string): string {
  const codes: Record<string, string> = { US: '1', DE: '49', GB: '44', ES: '34', RU: '7' };
  return codes[country] ?? { AE: '971', BR: '55', AU: '61', VN: '84' }[country] ?? '1';
}

/** A stage path: forward through the funnel (sometimes skipping), then open, won or lost. */
function stagePath(r: Rng, createdDaysAgo: number): { path: DemoStageStep[]; lost: boolean } {
  const start = r.next() < 0.7 ? 0 : 1;
  const outcome: 'open' | 'won' | 'lost' =
    createdDaysAgo < 45
      ? r.next() < 0.8
        ? 'open'
        : 'won'
      : r.pick(['won', 'lost', 'lost', 'open'] as const);
  const reach = outcome === 'won' ? 3 : start + r.int(FUNNEL.length - start);
  const steps: DemoStageStep[] = [];
  let day = createdDaysAgo;
  for (let s = start; s <= reach; s++) {
    if (s > start && s < reach && r.next() < 0.15) continue; // a stage skipped
    steps.push({ stage: FUNNEL[s]!, daysAgo: day });
    day = Math.max(0, day - (3 + r.int(Math.max(4, Math.floor(createdDaysAgo / 6)))));
  }
  if (outcome !== 'open') steps.push({ stage: outcome, daysAgo: day });
  return { path: steps, lost: outcome === 'lost' };
}

/** Opportunities: one per converted lead, the rest on existing customers of the archive. */
export function demoOpportunities(
  leads: DemoLead[],
  owners: number,
  customers: number,
  n = DEMO_OPPORTUNITIES,
  seed = 8080,
): DemoOpportunity[] {
  const r = rng(seed);
  const converted = leads.filter((l) => l.status === 'converted');
  return Array.from({ length: n }, (_, i) => {
    const lead = i < converted.length ? converted[i]! : null;
    const createdDaysAgo = lead
      ? Math.max(0, lead.createdDaysAgo - (lead.contactedAfterDays ?? 0) - 3 - r.int(20))
      : 1 + r.int(540);
    const { path, lost } = stagePath(r, createdDaysAgo);
    const foreign = lead ? lead.country !== 'CN' : false;
    const amount = (10 + r.int(400)) * (foreign ? 500 : 2000);
    return {
      index: i,
      name: `${lead ? lead.company : '老客户'} · ${r.pick(OPP_NAMES)}`,
      lead: lead?.index ?? null,
      customer: r.int(customers),
      amount: `${amount}.00`,
      currency: foreign ? 'USD' : 'CNY',
      owner: lead?.owner ?? r.int(owners),
      channel: lead?.channel ?? null,
      campaign: lead?.campaign ?? null,
      productInterest: lead?.productInterest ?? [r.pick(PRODUCT_LINES)],
      path,
      lostReason: lost ? r.pick(LOST) : null,
      expectedCloseInDays: 7 + r.int(120),
    };
  });
}

export interface DemoMarketStat {
  region: string;
  category: string;
  year: number;
  importValue: string;
}

/** Import value of home appliances and hardware by country, 3 years (USD millions ×1e6), illustrative. */
const MARKET_BASE: [region: string, appliances: number, hardware: number, growth: number][] = [
  ['US', 48_200, 21_500, 0.03],
  ['DE', 17_900, 9_800, 0.01],
  ['GB', 9_600, 4_900, -0.01],
  ['FR', 9_100, 4_300, 0.02],
  ['JP', 8_700, 3_900, 0.0],
  ['RU', 6_100, 3_100, 0.09],
  ['AE', 4_300, 2_200, 0.12],
  ['SA', 3_900, 2_000, 0.1],
  ['BR', 4_800, 2_600, 0.06],
  ['IN', 5_900, 3_400, 0.15],
  ['VN', 3_300, 1_900, 0.17],
  ['MX', 5_200, 2_800, 0.08],
  ['AU', 4_100, 2_100, 0.02],
  ['ES', 4_600, 2_300, 0.04],
];

export function demoMarketStats(lastYear: number): DemoMarketStat[] {
  const r = rng(77);
  const out: DemoMarketStat[] = [];
  for (const [region, appliances, hardware, growth] of MARKET_BASE)
    for (const [category, base] of [
      ['appliances', appliances],
      ['hardware', hardware],
    ] as const)
      for (let k = 2; k >= 0; k--) {
        const year = lastYear - k;
        const noise = 1 + (r.next() - 0.5) * 0.04;
        const millions = base * Math.pow(1 + growth, 2 - k) * noise;
        out.push({ region, category, year, importValue: `${Math.round(millions * 1_000_000)}.00` });
      }
  return out;
}
