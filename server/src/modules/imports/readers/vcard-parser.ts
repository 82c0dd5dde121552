import iconv from 'iconv-lite';
import { FileRefused } from './source.ts';

/** The columns a vCard file reads as, in English so the import's header matching maps them. */
export const VCF_HEADERS = [
  'Name',
  'Family name',
  'Given name',
  'Organization',
  'Department',
  'Title',
  'Mobile',
  'Phone',
  'Email',
  'WeChat',
  'Address',
  'Birthday',
  'Note',
  'URL',
] as const;

type Column = (typeof VCF_HEADERS)[number];

/** A card bigger than this (an embedded photo gone wrong, or no END:VCARD) is refused. */
const MAX_CARD_CHARS = 16 * 1024 * 1024;
const PROPERTY_START = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?[;:]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

/**
 * Splits the text of a .vcf into cards, chunk by chunk: each card comes out as its logical property
 * lines, unfolded (a line starting with a space or tab continues the previous one; a quoted-printable
 * value ending in '=' continues on the next line; a stray line inside a card, like vCard 2.1's unindented
 * base64, continues too).
 */
export class VcardSplitter {
  private carry = '';
  private lines: string[] | null = null;
  private size = 0;
  private depth = 0;

  push(chunk: string, out: string[][]): void {
    const text = this.carry + chunk;
    let pos = 0;
    // Next CR and LF positions, cached: searching afresh for the one a file never uses would rescan the chunk.
    let nl = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      const end = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (end === cr && end === text.length - 1) break;
      this.line(text.slice(pos, end), out);
      pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    this.carry = text.slice(pos);
    if (this.carry.length > MAX_CARD_CHARS) throw new FileRefused('corrupt', { reason: 'lineTooLong' });
  }

  end(out: string[][]): void {
    if (this.carry.length > 0) this.line(this.carry.replace(/\r$/, ''), out);
    this.carry = '';
    // A last card without END:VCARD still counts: phones sometimes cut the file short.
    if (this.lines !== null && this.lines.length > 0) out.push(this.lines);
    this.lines = null;
  }

  private line(raw: string, out: string[][]): void {
    const line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const upper = line.length < 20 ? line.trim().toUpperCase() : '';
    if (this.lines === null) {
      if (upper === 'BEGIN:VCARD') {
        this.lines = [];
        this.size = 0;
        this.depth = 0;
      }
      return;
    }
    if (upper === 'BEGIN:VCARD') {
      this.depth++; // a nested card (vCard 2.1 AGENT): skipped
      return;
    }
    if (upper === 'END:VCARD') {
      if (this.depth > 0) {
        this.depth--;
        return;
      }
      out.push(this.lines);
      this.lines = null;
      return;
    }
    if (this.depth > 0) return;
    this.size += line.length;
    if (this.size > MAX_CARD_CHARS) throw new FileRefused('corrupt', { reason: 'cardTooLarge' });
    const lines = this.lines;
    const last = lines.length - 1;
    if (last >= 0 && isQuotedPrintable(lines[last]!) && lines[last]!.endsWith('=')) {
      lines[last] = lines[last]!.slice(0, -1) + line;
    } else if (last >= 0 && (line.startsWith(' ') || line.startsWith('\t'))) {
      lines[last] += line.slice(1);
    } else if (last >= 0 && !PROPERTY_START.test(line)) {
      if (line.length > 0) lines[last] += line;
    } else if (line.length > 0) {
      lines.push(line);
    }
  }
}

function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(':');
  return colon !== -1 && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
}

interface Property {
  group: string;
  name: string;
  params: Map<string, string[]>;
  /** TYPE values and vCard 2.1's bare parameters, lower case. */
  types: Set<string>;
  value: string;
}

/** One logical line → its property; parameter values may be quoted and hold ':' or ';'. */
export function parseProperty(line: string, fallbackCharset: string): Property | null {
  let colon = line.indexOf(':');
  const quote = line.indexOf('"');
  let inQuotes = false;
  // Only a quoted parameter before the first ':' can hide the real separator.
  for (let i = quote !== -1 && quote < colon ? 0 : line.length; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
    if (i === line.length - 1) colon = -1;
  }
  if (colon === -1) return null;
  const parts = splitUnquoted(line.slice(0, colon), ';');
  const fullName = parts[0]!.trim();
  const dot = fullName.lastIndexOf('.');
  const params = new Map<string, string[]>();
  const types = new Set<string>();
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq === -1) {
      types.add(part.trim().toLowerCase());
      continue;
    }
    const key = part.slice(0, eq).trim().toUpperCase();
    const values = splitUnquoted(part.slice(eq + 1), ',').map((v) => v.trim().replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
    if (key === 'TYPE')
      for (const v of values) for (const t of v.split(',')) types.add(t.trim().toLowerCase());
  }
  let value = line.slice(colon + 1);
  const encoding = (params.get('ENCODING')?.[0] ?? '').toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE' || types.has('quoted-printable')) {
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0] ?? fallbackCharset);
  }
  return {
    group: dot === -1 ? '' : fullName.slice(0, dot).toLowerCase(),
    name: (dot === -1 ? fullName : fullName.slice(dot + 1)).toUpperCase(),
    params,
    types,
    value,
  };
}

function splitUnquoted(s: string, separator: string): string[] {
  if (s.indexOf('"') === -1) return s.split(separator);
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === separator && !inQuotes) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Quoted-printable bytes (=E5=BC=A0) in the given charset (UTF-8, GBK, …); soft breaks already joined. */
export function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 61 /* = */) {
      const hex = value.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      if (i === value.length - 1) continue; // a soft line break left at the end
    }
    if (ch < 128) bytes.push(ch);
    else for (const b of Buffer.from(value[i]!, 'utf8')) bytes.push(b);
  }
  const name = charset.trim().toLowerCase();
  const encoding = name === 'utf8' ? 'utf-8' : name === 'gb2312' || name === 'gbk' ? 'gb18030' : name;
  return iconv.decode(Buffer.from(bytes), iconv.encodingExists(encoding) ? encoding : 'utf-8');
}

/** Splits a structured value on unescaped ';' and resolves \\ \, \; \n in each part. */
export function splitStructured(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += unescapeChar(value[i + 1]!);
      i++;
    } else if (ch === ';') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

export function unescapeText(value: string): string {
  if (value.indexOf('\\') === -1) return value.trim();
  return value.replace(/\\(.)/g, (_, ch: string) => unescapeChar(ch)).trim();
}

function unescapeChar(ch: string): string {
  return ch === 'n' || ch === 'N'
    ? '\n'
    : ch === '\\' || ch === ',' || ch === ';' || ch === ':'
      ? ch
      : `\\${ch}`;
}

const WECHAT = /^(wechat|weixin|微信)$/i;
const MOBILE_TYPES = ['cell', 'mobile', 'iphone'];
const CN_MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;

/** One card's logical lines → a row under VCF_HEADERS; repeated phones, emails and addresses join with '; '. */
export function cardToRow(lines: readonly string[], fallbackCharset: string): string[] {
  const props = lines.map((l) => parseProperty(l, fallbackCharset)).filter((p): p is Property => p !== null);
  const labels = new Map<string, string>();
  for (const p of props)
    if (p.name === 'X-ABLABEL' && p.group)
      labels.set(p.group, unescapeText(p.value).replace(/^_\$!<|>!\$_$/g, ''));

  const cols = new Map<Column, string[]>();
  const add = (column: Column, value: string) => {
    const v = value.trim();
    if (!v) return;
    const list = cols.get(column) ?? [];
    if (!list.includes(v)) list.push(v);
    cols.set(column, list);
  };
  let family = '';
  let given = '';
  let nameParts: string[] = [];
  const faxes: string[] = [];

  for (const p of props) {
    const label = p.group ? (labels.get(p.group) ?? '') : '';
    switch (p.name) {
      case 'FN':
        add('Name', unescapeText(p.value));
        break;
      case 'N': {
        nameParts = splitStructured(p.value);
        family = nameParts[0] ?? '';
        given = nameParts[1] ?? '';
        break;
      }
      case 'ORG': {
        const [org = '', ...units] = splitStructured(p.value);
        add('Organization', org);
        add('Department', units.filter(Boolean).join(' '));
        break;
      }
      case 'TITLE':
        add('Title', unescapeText(p.value));
        break;
      case 'TEL': {
        const number = unescapeText(p.value).replace(/^tel:/i, '');
        if (WECHAT.test(label)) add('WeChat', number);
        else if (p.types.has('fax')) faxes.push(number);
        else if (MOBILE_TYPES.some((t) => p.types.has(t)) || /手机|mobile/i.test(label))
          add('Mobile', number);
        else if (
          !p.types.has('work') &&
          !p.types.has('home') &&
          CN_MOBILE.test(number.replace(/[\s()-]/g, ''))
        ) {
          add('Mobile', number);
        } else add('Phone', number);
        break;
      }
      case 'EMAIL':
        add('Email', unescapeText(p.value).replace(/^mailto:/i, ''));
        break;
      case 'X-WECHAT':
      case 'X-WEIXIN':
      case 'X-WECHAT-ID':
        add('WeChat', unescapeText(p.value));
        break;
      case 'IMPP':
      case 'X-SOCIALPROFILE': {
        const service = [...(p.params.get('X-SERVICE-TYPE') ?? []), ...p.types, label].join(' ');
        const value = unescapeText(p.value);
        if (/wechat|weixin|微信/i.test(service) || /^(wechat|weixin):/i.test(value)) {
          add('WeChat', value.replace(/^(wechat|weixin|x-apple|impp):/i, '').replace(/^\/\//, ''));
        }
        break;
      }
      case 'ADR':
        add('Address', formatAddress(splitStructured(p.value)));
        break;
      case 'BDAY':
        add('Birthday', formatBirthday(unescapeText(p.value)));
        break;
      case 'NOTE':
        add('Note', unescapeText(p.value));
        break;
      case 'URL':
        add('URL', unescapeText(p.value));
        break;
      default:
        if (p.name === 'ROLE' && !cols.has('Title')) add('Title', unescapeText(p.value));
    }
  }
  if (family || given) {
    add('Family name', family);
    add('Given name', given);
    if (!cols.has('Name')) add('Name', formatName(nameParts));
  }
  for (const fax of faxes) add('Note', `Fax: ${fax}`);
  return VCF_HEADERS.map((column) => (cols.get(column) ?? []).join('; '));
}

/** N (family; given; middle; prefix; suffix) → a display name: 张三 for Chinese, "John Smith" otherwise. */
function formatName([family = '', given = '', middle = '', prefix = '', suffix = '']: string[]): string {
  if (CJK.test(family + given)) return `${family}${middle}${given}`;
  return [prefix, given, middle, family, suffix].filter(Boolean).join(' ');
}

/** ADR (pobox; extended; street; locality; region; code; country): big-to-small for Chinese, else Western order. */
function formatAddress([
  pobox = '',
  extended = '',
  street = '',
  locality = '',
  region = '',
  code = '',
  country = '',
]: string[]): string {
  if (CJK.test(street + locality + region + country)) {
    return [country, region, locality, street, extended, pobox].filter(Boolean).join('');
  }
  return [pobox, extended, street, locality, region, code, country].filter(Boolean).join(', ');
}

/** 19850312, 1985-03-12, 1985-03-12T00:00:00Z → 1985-03-12; a date without year (--0312) → --03-12. */
function formatBirthday(value: string): string {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(value);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (noYear) return `--${noYear[1]}-${noYear[2]}`;
  return value;
}
