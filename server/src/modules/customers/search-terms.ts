/**
 * Chinese-capable search terms (mission A8, issue 3 §6).
 *
 * The customer row stores a 'simple' tsvector built from `searchTokens()` (GIN
 * indexed, a stored column — architecture.md "Facts measured") and a plain
 * `searchText()` for the ILIKE recheck. A query becomes a tsquery that the
 * index answers plus, for Chinese, LIKE patterns that make a bigram match a
 * real substring match. Decisions (docs/decisions/0005):
 *
 * - Chinese: unigrams and bigrams of every Han run. "有限公司" is
 *   有限 & 限公 & 公司; the recheck `%有限公司%` removes names that hold the
 *   bigrams apart.
 * - Pinyin: suffix tokens. From every character of a Han run we store the full
 *   pinyin of the next ≤ 8 characters ("tongxunkejiyouxiangongsi") and the
 *   initials of the next ≤ 12 ("txkjyxgs"); a prefix query (`'txkj':*`) then
 *   finds any infix of the name, with no recheck needed. Longer queries are
 *   also tried cut to those lengths.
 * - Phones: the E.164 digits, and every suffix (≥ 4 digits) of the national
 *   number, so a prefix query finds any fragment: the last 4 digits, "5512 34"
 *   in the middle, with or without +86 / 0086 / trunk 0.
 * - Email: local part, its pieces, domain and its labels — without the dots
 *   and @, because the 'simple' parser would split them.
 * - Every token is made of [a-z0-9] or Han characters only, so to_tsvector /
 *   to_tsquery('simple', …) leave it exactly as built (and array_to_tsvector or
 *   a ::tsquery cast would give the same lexemes).
 */
import { match as pinyinMatch, pinyin } from 'pinyin-pro';
import { normaliseCreditCode } from './credit-code.ts';
import { normaliseEmail, parsePhone } from './dedupe.ts';
import { leadingPlaceNames } from './divisions.ts';

export interface SearchFields {
  name?: string | null;
  shortName?: string | null;
  code?: string | null;
  creditCode?: string | null;
  phones?: readonly (string | null)[] | null;
  emails?: readonly (string | null)[] | null;
  contactNames?: readonly (string | null)[] | null;
}

export type QueryKind = 'cjk' | 'pinyin' | 'phone' | 'email' | 'code' | 'latin';
export interface ParsedQuery {
  /** For `to_tsquery('simple', $1)`. */
  tsquery: string;
  /** Each must match `search_text ILIKE $n` (backslash is the escape character). */
  likePatterns: string[];
  kind: QueryKind;
}

export const MAX_PINYIN_SYLLABLES = 8;
export const MAX_INITIALS = 12;
/** A query cut to this length still finds a name whose suffix token was capped. */
const PINYIN_QUERY_CUT = 2 * MAX_PINYIN_SYLLABLES;
/** Shortest stored phone suffix, and shortest digit query treated as a phone fragment. */
const MIN_PHONE_FRAGMENT = 3;

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Readings pinyin-pro gets wrong in company and place names (its word list
 * prefers 分行 fēnxíng "line break", 单县 dānxiàn). Applied over its output.
 */
const PINYIN_OVERRIDES: Record<string, string[]> = {
  分行: ['fen', 'hang'],
  车行: ['che', 'hang'],
  琴行: ['qin', 'hang'],
  单县: ['shan', 'xian'],
  乐清: ['yue', 'qing'],
};

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/**
 * Pinyin syllables of a Han run, one per character ('' where pinyin-pro has
 * none). A leading place name is read on its own, so 东莞市长安镇 is
 * dong guan shi | chang an zhen, not shi zhang ("mayor") an.
 */
export function runSyllables(run: string, person = false): string[] {
  const chars = [...run];
  const pieces: string[] = [];
  let rest = run;
  if (!person) {
    for (;;) {
      const place = leadingPlaceNames(rest).find((p) => rest.length > p.length);
      if (!place) break;
      pieces.push(place);
      rest = rest.slice(place.length);
    }
  }
  pieces.push(rest);
  const out: string[] = [];
  for (const piece of pieces) {
    const syl = pinyin(piece, {
      toneType: 'none',
      type: 'array',
      v: true,
      ...(person ? { surname: 'head' as const } : {}),
    });
    out.push(...syl.map((s) => (/^[a-z]+$/.test(s) ? s : '')));
  }
  for (const [word, reading] of Object.entries(PINYIN_OVERRIDES)) {
    let at = run.indexOf(word);
    while (at >= 0) {
      reading.forEach((r, k) => (out[at + k] = r));
      at = run.indexOf(word, at + 1);
    }
  }
  if (out.length === chars.length) return out;
  // pinyin-pro returns one entry per Han character; should that ever change, read them one by one.
  return chars.map((c) => {
    const one = pinyin(c, { toneType: 'none', v: true });
    return /^[a-z]+$/.test(one) ? one : '';
  });
}

function addHanTokens(tokens: Set<string>, text: string, person: boolean) {
  for (const m of fold(text).matchAll(HAN_RUN)) {
    const chars = [...m[0]];
    for (let i = 0; i < chars.length; i++) {
      tokens.add(chars[i]!);
      if (i + 1 < chars.length) tokens.add(chars[i]! + chars[i + 1]!);
    }
    const syl = runSyllables(m[0], person);
    for (let i = 0; i < syl.length; i++) {
      let full = '';
      let initials = '';
      for (let j = i; j < syl.length && syl[j]; j++) {
        if (j - i < MAX_PINYIN_SYLLABLES) full += syl[j];
        if (j - i < MAX_INITIALS) initials += syl[j]![0];
      }
      if (full) tokens.add(full);
      if (initials) tokens.add(initials);
    }
  }
}

function addLatinWords(tokens: Set<string>, text: string) {
  for (const w of fold(text)
    .replace(HAN_RUN, ' ')
    .split(/[^a-z0-9]+/))
    if (w) tokens.add(w);
}

function addPhoneTokens(tokens: Set<string>, raw: string) {
  const parsed = parsePhone(raw);
  const national = parsed ? parsed.nationalNumber : raw.normalize('NFKC').replace(/\D/g, '');
  if (parsed) tokens.add(parsed.e164.slice(1));
  for (let i = 0; i + MIN_PHONE_FRAGMENT <= national.length; i++) tokens.add(national.slice(i));
}

function addEmailTokens(tokens: Set<string>, raw: string) {
  const email = normaliseEmail(raw) ?? fold(raw).trim();
  const at = email.lastIndexOf('@');
  const local = at >= 0 ? email.slice(0, at) : email;
  const domain = at >= 0 ? email.slice(at + 1) : '';
  for (const part of [local, domain]) {
    const joined = part.replace(/[^a-z0-9]/g, '');
    if (joined) tokens.add(joined);
    for (const piece of part.split(/[^a-z0-9]+/)) if (piece) tokens.add(piece);
  }
}

/** The lexemes of a customer's search vector (store with to_tsvector('simple', tokens.join(' '))). */
export function searchTokens(fields: SearchFields): string[] {
  const tokens = new Set<string>();
  for (const text of [fields.name, fields.shortName]) {
    if (!text) continue;
    addHanTokens(tokens, text, false);
    addLatinWords(tokens, text);
  }
  for (const text of fields.contactNames ?? []) {
    if (!text) continue;
    addHanTokens(tokens, text, true);
    addLatinWords(tokens, text);
  }
  if (fields.code) {
    const code = fold(fields.code);
    const joined = code.replace(/[^a-z0-9]/g, '');
    if (joined) tokens.add(joined);
    addLatinWords(tokens, code);
  }
  if (fields.creditCode) {
    const cc = normaliseCreditCode(fields.creditCode)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (cc) tokens.add(cc);
  }
  for (const p of fields.phones ?? []) if (p) addPhoneTokens(tokens, p);
  for (const e of fields.emails ?? []) if (e) addEmailTokens(tokens, e);
  return [...tokens];
}

/** Text for `to_tsvector('simple', …)`: the tokens, space separated. */
export function searchDocument(fields: SearchFields): string {
  return searchTokens(fields).join(' ');
}

/** Text for the ILIKE recheck: names folded like the query (NFKC, lower case), one per line. */
export function searchText(fields: Pick<SearchFields, 'name' | 'shortName' | 'contactNames'>): string {
  return [fields.name, fields.shortName, ...(fields.contactNames ?? [])]
    .filter((s): s is string => !!s)
    .map(fold)
    .join('\n');
}

/** A tsquery operand; our lexemes are [a-z0-9] or Han, the escaping is for safety. */
function lexeme(value: string, prefix = false): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function any(operands: string[]): string {
  const unique = [...new Set(operands)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(' | ')})`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function hanOperands(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [lexeme(chars[0]!)];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(lexeme(chars[i]! + chars[i + 1]!));
  return [...new Set(out)];
}

function wordOperand(word: string): string {
  const alternatives = [lexeme(word, true)];
  if (/^[a-z]+$/.test(word) && word.length > PINYIN_QUERY_CUT)
    alternatives.push(lexeme(word.slice(0, PINYIN_QUERY_CUT), true));
  if (/^[a-z]+$/.test(word) && word.length > MAX_INITIALS)
    alternatives.push(lexeme(word.slice(0, MAX_INITIALS), true));
  return any(alternatives);
}

/** Digit strings a phone-like query may be stored under (see addPhoneTokens). */
function phoneFragments(q: string): string[] {
  const digits = q.replace(/\D/g, '');
  const out = new Set<string>();
  // +86 …, or 0086 … (00 then a country code: not 0001, which is more likely a code).
  const international = /^\s*\+/.test(q) || /^00[1-9]\d{3,}/.test(digits);
  if (international) {
    const intl = digits.replace(/^00/, '');
    if (intl.startsWith('86') && intl.length > 2) out.add(intl.slice(2));
    out.add(intl); // the E.164 digits token
  } else {
    out.add(digits);
    // A trunk 0 (0755 …) is not part of the stored national number.
    if (/^0[1-9]\d{2,}/.test(digits)) out.add(digits.slice(1));
  }
  return [...out].filter(Boolean);
}

/**
 * Turns what a user typed into the search box into an index query. Returns
 * null when nothing searchable is left (blank, only punctuation).
 */
export function parseQuery(q: string): ParsedQuery | null {
  const s = fold(q).trim();
  if (!s) return null;

  if (s.includes('@')) {
    const at = s.indexOf('@');
    const local = s.slice(0, at).replace(/[^a-z0-9]/g, '');
    const domain = s.slice(at + 1).replace(/[^a-z0-9]/g, '');
    const ops: string[] = [];
    // Before the @ the user has typed the whole local part; after it, maybe not all of the domain.
    if (local) ops.push(lexeme(local));
    if (domain) ops.push(lexeme(domain, true));
    return ops.length ? { tsquery: ops.join(' & '), likePatterns: [], kind: 'email' } : null;
  }

  if (HAN.test(s)) {
    const ops: string[] = [];
    const likePatterns: string[] = [];
    for (const term of s.split(/\s+/)) {
      if (!term) continue;
      if (HAN.test(term)) likePatterns.push(`%${escapeLike(term)}%`);
      for (const m of term.matchAll(HAN_RUN)) ops.push(...hanOperands(m[0]));
      for (const w of term.replace(HAN_RUN, ' ').split(/[^a-z0-9]+/)) if (w) ops.push(wordOperand(w));
    }
    return { tsquery: [...new Set(ops)].join(' & '), likePatterns: [...new Set(likePatterns)], kind: 'cjk' };
  }

  const digitCount = s.replace(/\D/g, '').length;
  if (/^[+\d\s().-]+$/.test(s) && digitCount >= 3) {
    return { tsquery: any(phoneFragments(s).map((f) => lexeme(f, true))), likePatterns: [], kind: 'phone' };
  }

  const words = s.split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0) return null;
  if (/^[a-z]+$/.test(s)) return { tsquery: wordOperand(s), likePatterns: [], kind: 'pinyin' };
  if (!/\s/.test(s) && /\d/.test(s)) {
    // KH-2024-0001, 91350100M0…: compare without separators, as stored.
    return { tsquery: lexeme(words.join(''), true), likePatterns: [], kind: 'code' };
  }
  return { tsquery: words.map(wordOperand).join(' & '), likePatterns: [], kind: 'latin' };
}

export interface HighlightSegment {
  text: string;
  match: boolean;
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: where its source character starts and ends in the original. */
  start: number[];
  end: number[];
}

function foldWithMap(original: string): Folded {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of original) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    text += f;
    i += ch.length;
  }
  return { text, start, end };
}

function project(f: Folded, keep: RegExp): Folded {
  const out: Folded = { text: '', start: [], end: [] };
  for (let k = 0; k < f.text.length; k++) {
    if (!keep.test(f.text[k]!)) continue;
    out.text += f.text[k];
    out.start.push(f.start[k]!);
    out.end.push(f.end[k]!);
  }
  return out;
}

function occurrences(f: Folded, needle: string, ranges: [number, number][], wordStart = false) {
  if (!needle) return;
  let at = f.text.indexOf(needle);
  while (at >= 0) {
    const before = at > 0 ? f.text[at - 1]! : '';
    if (!wordStart || !/[a-z0-9]/.test(before)) ranges.push([f.start[at]!, f.end[at + needle.length - 1]!]);
    at = f.text.indexOf(needle, at + 1);
  }
}

/**
 * Splits `text` into matched and unmatched segments for the result list:
 * Chinese substrings, word prefixes, pinyin and initials (mapped back onto the
 * characters they spell), phone and code fragments ignoring separators.
 */
export function highlight(text: string, q: string): HighlightSegment[] {
  const parsed = parseQuery(q);
  if (!text) return [];
  if (!parsed) return [{ text, match: false }];
  const s = fold(q).trim();
  const f = foldWithMap(text);
  const ranges: [number, number][] = [];

  switch (parsed.kind) {
    case 'cjk':
      for (const term of s.split(/\s+/)) occurrences(f, term, ranges);
      break;
    case 'email':
      occurrences(f, s, ranges);
      if (ranges.length === 0) for (const part of s.split('@')) occurrences(f, part, ranges);
      break;
    case 'phone': {
      const digits = project(f, /\d/);
      for (const frag of phoneFragments(s)) occurrences(digits, frag, ranges);
      break;
    }
    case 'code':
      occurrences(project(f, /[a-z0-9]/), s.replace(/[^a-z0-9]/g, ''), ranges);
      break;
    case 'pinyin':
    case 'latin':
      // The whole phrase where it occurs as typed (example.com), else word by word.
      if (parsed.kind === 'latin') occurrences(f, s, ranges, true);
      if (ranges.length > 0) break;
      for (const w of s.split(/[^a-z0-9]+/)) {
        if (!w) continue;
        occurrences(f, w, ranges, true);
        if (!/^[a-z]+$/.test(w)) continue;
        for (const m of f.text.matchAll(HAN_RUN)) {
          const hit = pinyinMatch(m[0], w, { continuous: true, v: true });
          if (!hit || hit.length === 0) continue;
          // pinyin-pro counts characters; the folded text is indexed in UTF-16 units.
          const chars = [...m[0]];
          const from = m.index + chars.slice(0, hit[0]!).join('').length;
          const to = m.index + chars.slice(0, hit.at(-1)! + 1).join('').length - 1;
          ranges.push([f.start[from]!, f.end[to]!]);
        }
      }
      break;
  }
  return toSegments(text, ranges);
}

function toSegments(text: string, ranges: [number, number][]): HighlightSegment[] {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: HighlightSegment[] = [];
  let pos = 0;
  for (const [a, b] of merged) {
    if (a > pos) out.push({ text: text.slice(pos, a), match: false });
    out.push({ text: text.slice(a, b), match: true });
    pos = b;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), match: false });
  return out;
}
