/**
 * Duplicate-customer keys (mission A5: "one customer, one owner").
 *
 * Two customers are probable duplicates when any key matches: normalised
 * company name, unified social credit code, phone (E.164) or email. Keys are
 * plain strings so the repository can store them in an indexed table and ask
 * "who already has one of these keys?" in one query.
 *
 * Company-name choices (docs/decisions/0005):
 * - NFKC first, so （） → (), ＡＢＣ → ABC, full-width digits → digits;
 * - legal forms are removed at the end, repeatedly (…股份有限公司, Co., Ltd.);
 *   有限公司 / 有限责任公司 / 股份有限公司 also inside a branch name
 *   (某某有限公司深圳分公司 = 某某深圳分公司);
 * - kept, because they tell different customers apart: 集团 (a group is not its
 *   subsidiary), 分公司 and other branch words, industry words (科技, 贸易, 厂);
 * - a bracket holding only a place ((深圳), (中国), (China)) is dropped; any other
 *   bracket keeps its content ((集团) → 集团);
 * - leading province, city and district names are removed, repeatedly
 *   (广东省深圳市南山区X → X), also pinyin city names before an English name
 *   (Shenzhen X Co., Ltd. = X Co., Ltd.), but never below two characters.
 *   The price: 上海电气 and 北京电气 share a key; dedupe only warns ("probable
 *   duplicate, owned by …"), so a false match costs a click, a missed one a
 *   second owner.
 */
import lpn from 'google-libphonenumber';
import { pinyin } from 'pinyin-pro';
import { validateCreditCode } from './credit-code.ts';
import { LEADING_PLACE_NAMES, PLACE_SHORT_NAMES, leadingPlaceNames } from './divisions.ts';

export type DedupeKind = 'name' | 'creditCode' | 'phone' | 'email';
export interface DedupeKey {
  kind: DedupeKind;
  value: string;
}

/** Chinese legal forms, longest first so 股份有限公司 goes before 有限公司. */
const ZH_LEGAL_FORMS = [
  '一人有限责任公司',
  '股份有限公司',
  '有限责任公司',
  '股份合作公司',
  '一人有限公司',
  '特殊普通合伙',
  '有限公司',
  '股份公司',
  '有限合伙',
  '普通合伙',
  '总公司',
  '公司',
];
/** Removed wherever they stand when a branch name follows (某某有限公司深圳分公司). */
const ZH_INNER_LEGAL_FORMS = /(?:股份有限公司|有限责任公司|有限公司)(?=.+)/g;
/** Branch words: a branch is a customer of its own, so nothing is stripped after them. */
const ZH_BRANCH = /(?:分公司|分厂|分店|分行|支行|办事处|营业部|代表处)$/;

/**
 * English (and common European) legal forms, compared as whole words after
 * punctuation is removed: "Co., Ltd." → co ltd. Stripped from the end only.
 */
const LATIN_LEGAL_WORDS = new Set(
  'co company ltd limited inc incorporated corp corporation llc llp plc gmbh ag kg sa sarl srl spa bv nv pte pty oy ab kk'.split(
    ' ',
  ),
);
/** Words that make "the" a legal form sequence: "and co" → the "and" goes too. */
const LATIN_JOINERS = new Set(['and', '&']);

const PLACE_NAMES = new Set(LEADING_PLACE_NAMES);
const PLACE_ONLY_IN_BRACKETS = new Set(['中国', 'china', 'prc', 'hk', 'hongkong', '香港']);

/** Pinyin of province and city names (shenzhen, guangdong) for English names. */
let latinPlaceNames: Set<string> | null = null;
function latinPlaces(): Set<string> {
  if (!latinPlaceNames) {
    latinPlaceNames = new Set();
    for (const name of PLACE_SHORT_NAMES) {
      latinPlaceNames.add(pinyin(name, { toneType: 'none', separator: '', v: true }).toLowerCase());
    }
  }
  return latinPlaceNames;
}

function stripLeadingPlaces(s: string): string {
  for (;;) {
    const place = leadingPlaceNames(s).find((p) => s.length - p.length >= 2);
    if (!place) return s;
    s = s.slice(place.length);
  }
}

function stripZhLegalForms(s: string): string {
  if (ZH_BRANCH.test(s)) return s.replace(ZH_INNER_LEGAL_FORMS, '');
  for (;;) {
    // The longest form the name ends with; a name that is only a legal form stays.
    const form = ZH_LEGAL_FORMS.find((f) => s.endsWith(f));
    if (!form || form.length >= s.length) return s;
    s = s.slice(0, -form.length);
  }
}

function stripLatinWords(words: string[]): string[] {
  const w = [...words];
  // Legal forms from the end: "x co ltd" → "x"; "smith & co" → "smith".
  while (w.length > 1 && (LATIN_LEGAL_WORDS.has(w.at(-1)!) || LATIN_JOINERS.has(w.at(-1)!))) w.pop();
  // A pinyin place name before an English name: "shenzhen x technology" → "x technology".
  const places = latinPlaces();
  while (w.length > 1 && places.has(w[0]!)) w.shift();
  return w;
}

function isPlaceInBrackets(inner: string): boolean {
  const key = inner.replace(/[\s.'’]/g, '');
  return PLACE_ONLY_IN_BRACKETS.has(key) || PLACE_NAMES.has(key) || latinPlaces().has(key);
}

/**
 * The key under which spellings of one company meet. Returns '' only for
 * input without letters, digits or CJK characters.
 */
export function normaliseCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  // Brackets: drop the ones that only hold a place, unwrap the others.
  s = s.replace(/[([【〔]([^()[\]【】〔〕]*)[)\]】〕]/g, (_m, inner: string) =>
    isPlaceInBrackets(inner) ? ' ' : ` ${inner} `,
  );
  // L.L.C. → llc, S.A. → sa; apostrophes join (xi'an → xian).
  s = s.replace(/(?<![\p{L}\p{N}])((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./g, ''));
  s = s.replace(/['’]/g, '');
  // Every other non-letter/digit separates words; & stays a word so "& co" can go.
  const words = s.split(/[^\p{L}\p{N}&]+/u).filter(Boolean);
  let key = stripLatinWords(words).join('').replace(/&/g, '');
  let prev = '';
  while (prev !== key) {
    prev = key;
    key = stripLeadingPlaces(stripZhLegalForms(key));
  }
  return key;
}

const phoneUtil = lpn.PhoneNumberUtil.getInstance();

export interface ParsedPhone {
  /** '+8613812345678' */
  e164: string;
  /** '86' */
  countryCode: string;
  /** '13812345678' — without trunk prefix 0, without extension. */
  nationalNumber: string;
  /** ISO 3166-1 alpha-2 of the number ('CN', 'ES'), null when the code is shared and ambiguous. */
  region: string | null;
}

/** Extension markers people write after a number: 转 123, 分机 123, ext. 12, x12, #12. */
const EXTENSION = /\s*(?:转|分机|ext\.?|extension|x|#)\s*\d{1,6}\s*$/i;

function tryParse(text: string, region: string): ParsedPhone | null {
  try {
    const n = phoneUtil.parse(text, region);
    if (!phoneUtil.isValidNumber(n)) return null;
    return {
      e164: phoneUtil.format(n, lpn.PhoneNumberFormat.E164),
      countryCode: String(n.getCountryCode()),
      nationalNumber: String(n.getNationalNumber()),
      region: phoneUtil.getRegionCodeForNumber(n) ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * Parses a phone number as people write them in China (+86 / 0086 / 86-,
 * mobile, landline with area code in any bracket style) into E.164 parts.
 * Extensions are dropped: they are the same customer's switchboard. Numbers
 * libphonenumber does not consider valid (short codes like 95555, a 7-digit
 * local number without area code) give null.
 */
export function parsePhone(raw: string, defaultRegion = 'CN'): ParsedPhone | null {
  // libphonenumber is the dearest step of a bulk import, and a row's numbers are parsed several
  // times (validation, duplicate keys, matching): remember recent answers.
  const memoKey = `${defaultRegion}|${raw}`;
  const hit = phoneMemo.get(memoKey);
  if (hit !== undefined) return hit;
  if (phoneMemo.size >= 20_000) phoneMemo.clear();
  const parsed = parseUncached(raw, defaultRegion);
  phoneMemo.set(memoKey, parsed);
  return parsed;
}

const phoneMemo = new Map<string, ParsedPhone | null>();

function parseUncached(raw: string, defaultRegion: string): ParsedPhone | null {
  let text = raw.normalize('NFKC').trim().replace(/^tel:/i, '');
  if (!/\d/.test(text)) return null;
  text = text.replace(EXTENSION, '');
  const parsed = tryParse(text, defaultRegion);
  if (parsed) return parsed;
  // 0755-12345678-123: a trailing group after a complete number is an extension.
  const m = /^(.*\d)[\s-]+\d{1,5}$/.exec(text);
  return m ? tryParse(m[1]!, defaultRegion) : null;
}

export function normalisePhone(raw: string, defaultRegion = 'CN'): string | null {
  return parsePhone(raw, defaultRegion)?.e164 ?? null;
}

/**
 * Lowercased address, or null when it is not one. The whole address is
 * lowercased (no provider treats Zhang@ and zhang@ as two people); dots and
 * +tags are kept, because only some providers ignore them.
 */
export function normaliseEmail(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  const m = /^([^\s@]+)@([^\s@]+)$/.exec(s);
  if (!m) return null;
  const [, local, domain] = m;
  if (local!.length > 64 || s.length > 254) return null;
  if (!/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u.test(domain!)) return null;
  if (local!.startsWith('.') || local!.endsWith('.') || local!.includes('..')) return null;
  return s;
}

export interface DedupeInput {
  kind?: 'company' | 'person';
  name?: string | null;
  creditCode?: string | null;
  phones?: readonly string[] | null;
  emails?: readonly string[] | null;
}

/**
 * Every key a customer can be found under. A person's name is not a key
 * (two 张伟 are two people); their phones and emails are. A company name whose
 * key is shorter than two characters is too weak to be one.
 */
export function dedupeKeys(customer: DedupeInput, defaultRegion = 'CN'): DedupeKey[] {
  const keys: DedupeKey[] = [];
  const seen = new Set<string>();
  const add = (kind: DedupeKind, value: string | null | undefined) => {
    if (!value) return;
    const id = `${kind}:${value}`;
    if (seen.has(id)) return;
    seen.add(id);
    keys.push({ kind, value });
  };
  if ((customer.kind ?? 'company') === 'company' && customer.name) {
    const n = normaliseCompanyName(customer.name);
    if ([...n].length >= 2) add('name', n);
  }
  if (customer.creditCode) {
    const r = validateCreditCode(customer.creditCode);
    if (r.valid) add('creditCode', r.normalised);
  }
  for (const p of customer.phones ?? []) add('phone', normalisePhone(p, defaultRegion));
  for (const e of customer.emails ?? []) add('email', normaliseEmail(e));
  return keys;
}

/** The keys two customers share: what the duplicate warning says they matched on. */
export function matchReasons(a: DedupeInput, b: DedupeInput, defaultRegion = 'CN'): DedupeKey[] {
  const bKeys = new Set(dedupeKeys(b, defaultRegion).map((k) => `${k.kind}:${k.value}`));
  return dedupeKeys(a, defaultRegion).filter((k) => bKeys.has(`${k.kind}:${k.value}`));
}
