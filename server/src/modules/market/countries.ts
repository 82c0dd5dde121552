/**
 * Pure: the main trading countries of Chinese exporters with Chinese and English names, and the
 * reading of a region cell — an ISO 3166-1 alpha-2 code, a country name in Chinese or English, or
 * a mainland province (name, short name or 6-digit division code) — into the stored region code.
 */
import { divisionByCode, provinces } from '../customers/index.ts';

export interface Country {
  code: string;
  en: string;
  zh: string;
  /** Other spellings people write (abbreviations, older names). */
  aliases?: string[];
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'CN',
    en: 'China',
    zh: '中国',
    aliases: ['PRC', "People's Republic of China", '中华人民共和国', '中国大陆'],
  },
  { code: 'HK', en: 'Hong Kong', zh: '中国香港', aliases: ['香港', 'Hong Kong SAR'] },
  { code: 'MO', en: 'Macao', zh: '中国澳门', aliases: ['澳门', 'Macau'] },
  { code: 'TW', en: 'Taiwan', zh: '中国台湾', aliases: ['台湾'] },
  {
    code: 'US',
    en: 'United States',
    zh: '美国',
    aliases: ['USA', 'U.S.', 'U.S.A.', 'United States of America', 'America'],
  },
  { code: 'CA', en: 'Canada', zh: '加拿大' },
  { code: 'MX', en: 'Mexico', zh: '墨西哥' },
  { code: 'BR', en: 'Brazil', zh: '巴西' },
  { code: 'AR', en: 'Argentina', zh: '阿根廷' },
  { code: 'CL', en: 'Chile', zh: '智利' },
  { code: 'CO', en: 'Colombia', zh: '哥伦比亚' },
  { code: 'PE', en: 'Peru', zh: '秘鲁' },
  { code: 'GB', en: 'United Kingdom', zh: '英国', aliases: ['UK', 'Great Britain', 'Britain', 'England'] },
  { code: 'DE', en: 'Germany', zh: '德国' },
  { code: 'FR', en: 'France', zh: '法国' },
  { code: 'IT', en: 'Italy', zh: '意大利' },
  { code: 'ES', en: 'Spain', zh: '西班牙' },
  { code: 'PT', en: 'Portugal', zh: '葡萄牙' },
  { code: 'NL', en: 'Netherlands', zh: '荷兰', aliases: ['Holland', 'The Netherlands'] },
  { code: 'BE', en: 'Belgium', zh: '比利时' },
  { code: 'CH', en: 'Switzerland', zh: '瑞士' },
  { code: 'AT', en: 'Austria', zh: '奥地利' },
  { code: 'SE', en: 'Sweden', zh: '瑞典' },
  { code: 'NO', en: 'Norway', zh: '挪威' },
  { code: 'DK', en: 'Denmark', zh: '丹麦' },
  { code: 'FI', en: 'Finland', zh: '芬兰' },
  { code: 'IE', en: 'Ireland', zh: '爱尔兰' },
  { code: 'PL', en: 'Poland', zh: '波兰' },
  { code: 'CZ', en: 'Czechia', zh: '捷克', aliases: ['Czech Republic'] },
  { code: 'HU', en: 'Hungary', zh: '匈牙利' },
  { code: 'RO', en: 'Romania', zh: '罗马尼亚' },
  { code: 'GR', en: 'Greece', zh: '希腊' },
  { code: 'RU', en: 'Russia', zh: '俄罗斯', aliases: ['Russian Federation', '俄罗斯联邦'] },
  { code: 'UA', en: 'Ukraine', zh: '乌克兰' },
  { code: 'TR', en: 'Türkiye', zh: '土耳其', aliases: ['Turkey'] },
  { code: 'KZ', en: 'Kazakhstan', zh: '哈萨克斯坦' },
  { code: 'UZ', en: 'Uzbekistan', zh: '乌兹别克斯坦' },
  { code: 'JP', en: 'Japan', zh: '日本' },
  { code: 'KR', en: 'South Korea', zh: '韩国', aliases: ['Korea', 'Republic of Korea', '南韩'] },
  { code: 'IN', en: 'India', zh: '印度' },
  { code: 'PK', en: 'Pakistan', zh: '巴基斯坦' },
  { code: 'BD', en: 'Bangladesh', zh: '孟加拉国', aliases: ['孟加拉'] },
  { code: 'LK', en: 'Sri Lanka', zh: '斯里兰卡' },
  { code: 'VN', en: 'Vietnam', zh: '越南', aliases: ['Viet Nam'] },
  { code: 'TH', en: 'Thailand', zh: '泰国' },
  { code: 'MY', en: 'Malaysia', zh: '马来西亚' },
  { code: 'SG', en: 'Singapore', zh: '新加坡' },
  { code: 'ID', en: 'Indonesia', zh: '印度尼西亚', aliases: ['印尼'] },
  { code: 'PH', en: 'Philippines', zh: '菲律宾' },
  { code: 'MM', en: 'Myanmar', zh: '缅甸', aliases: ['Burma'] },
  { code: 'KH', en: 'Cambodia', zh: '柬埔寨' },
  { code: 'AU', en: 'Australia', zh: '澳大利亚', aliases: ['澳洲'] },
  { code: 'NZ', en: 'New Zealand', zh: '新西兰' },
  { code: 'SA', en: 'Saudi Arabia', zh: '沙特阿拉伯', aliases: ['沙特', 'KSA'] },
  { code: 'AE', en: 'United Arab Emirates', zh: '阿联酋', aliases: ['UAE', '阿拉伯联合酋长国'] },
  { code: 'QA', en: 'Qatar', zh: '卡塔尔' },
  { code: 'KW', en: 'Kuwait', zh: '科威特' },
  { code: 'IL', en: 'Israel', zh: '以色列' },
  { code: 'IR', en: 'Iran', zh: '伊朗' },
  { code: 'IQ', en: 'Iraq', zh: '伊拉克' },
  { code: 'EG', en: 'Egypt', zh: '埃及' },
  { code: 'MA', en: 'Morocco', zh: '摩洛哥' },
  { code: 'DZ', en: 'Algeria', zh: '阿尔及利亚' },
  { code: 'NG', en: 'Nigeria', zh: '尼日利亚' },
  { code: 'GH', en: 'Ghana', zh: '加纳' },
  { code: 'KE', en: 'Kenya', zh: '肯尼亚' },
  { code: 'ET', en: 'Ethiopia', zh: '埃塞俄比亚' },
  { code: 'TZ', en: 'Tanzania', zh: '坦桑尼亚' },
  { code: 'ZA', en: 'South Africa', zh: '南非' },
];

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s.'’_-]+/g, ' ')
    .trim();

let index: Map<string, string> | undefined;

function countryIndex(): Map<string, string> {
  if (index) return index;
  index = new Map();
  for (const c of COUNTRIES)
    for (const name of [c.code, c.en, c.zh, ...(c.aliases ?? [])]) index.set(norm(name), c.code);
  return index;
}

/** A mainland province by 6-digit code (or its 2-digit prefix), full name or short name. */
function provinceCode(text: string): string | null {
  const t = text.trim();
  if (/^\d{2}(\d{4})?$/.test(t)) {
    const d = divisionByCode(t.length === 2 ? `${t}0000` : t);
    return d && d.level === 'province' ? d.code : null;
  }
  const p = provinces().find((d) => d.name === t || d.shortName === t);
  return p?.code ?? null;
}

/** A region cell → the stored region (ISO alpha-2 or a province's 6-digit code), or null. */
export function parseRegion(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const byName = countryIndex().get(norm(t));
  if (byName) return byName;
  const province = provinceCode(t);
  if (province) return province;
  // Any other ISO 3166-1 alpha-2 code a browser knows.
  if (/^[A-Za-z]{2}$/.test(t)) {
    const code = t.toUpperCase();
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(code);
    if (name && name !== code && name !== 'Unknown Region') return code;
  }
  return null;
}

/** A stored region's name in a language: a country's or a province's. */
export function regionName(region: string, locale: 'zh-CN' | 'en'): string {
  if (/^\d{6}$/.test(region)) return divisionByCode(region)?.name ?? region;
  const c = COUNTRIES.find((x) => x.code === region);
  if (c) return locale === 'en' ? c.en : c.zh;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(region) ?? region;
  } catch {
    return region;
  }
}

/** True when the region is a mainland province (its customers and leads are counted by province). */
export const isProvince = (region: string) => /^\d{6}$/.test(region);
