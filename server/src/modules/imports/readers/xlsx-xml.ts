import {
  builtinFormatKind,
  formatCodeKind,
  isoCellText,
  numberText,
  serialToText,
  type NumberKind,
} from './xlsx-values.ts';

// Pure readers of the few SpreadsheetML parts an import needs. Elements may carry a namespace prefix
// (<x:row> from the OpenXML SDK), hence the optional `prefix:` in every pattern.

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#[xX][0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with entities and OOXML's _xHHHH_ escapes (e.g. _x000D_ for a carriage return) resolved. */
export function decodeXmlText(s: string): string {
  let out = s;
  if (out.indexOf('&') !== -1) {
    out = out.replace(ENTITY, (_, name: string) => {
      if (name[0] !== '#') return NAMED[name]!;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
  }
  if (out.indexOf('_x') !== -1)
    out = out.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** Attributes of one start tag, by local name and by qualified name ("r:id" and "id"). */
export function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(ATTR)) {
    const value = decodeXmlText(m[2] ?? m[3] ?? '');
    attrs.set(m[1]!, value);
    const colon = m[1]!.indexOf(':');
    if (colon !== -1 && !attrs.has(m[1]!.slice(colon + 1))) attrs.set(m[1]!.slice(colon + 1), value);
  }
  return attrs;
}

function tags(xml: string, name: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(re)].map((m) => attributesOf(m[1]!));
}

export interface WorkbookInfo {
  sheets: { name: string; relId: string }[];
  date1904: boolean;
}

export function parseWorkbook(xml: string): WorkbookInfo {
  const sheets = tags(xml, 'sheet').map((a) => ({
    name: a.get('name') ?? '',
    relId: a.get('r:id') ?? a.get('id') ?? '',
  }));
  const pr = tags(xml, 'workbookPr')[0];
  const flag = pr?.get('date1904');
  return { sheets, date1904: flag === '1' || flag === 'true' };
}

export interface Relationship {
  id: string;
  /** Zip path, resolved against the part's folder. */
  path: string;
  type: string;
}

/** Relationships of a part in folder `base` (e.g. 'xl'), targets resolved to zip paths. */
export function parseRelationships(xml: string, base: string): Relationship[] {
  return tags(xml, 'Relationship').map((a) => ({
    id: a.get('Id') ?? '',
    path: resolvePath(base, a.get('Target') ?? ''),
    type: a.get('Type') ?? '',
  }));
}

function resolvePath(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** For each cell style index (the s attribute), how its numbers read. */
export function parseStyles(xml: string): NumberKind[] {
  const custom = new Map<number, NumberKind>();
  for (const a of tags(xml, 'numFmt'))
    custom.set(Number(a.get('numFmtId')), formatCodeKind(a.get('formatCode') ?? ''));
  const section = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!section) return [];
  return tags(section[1]!, 'xf').map((a) => {
    const id = Number(a.get('numFmtId') ?? 0);
    return custom.get(id) ?? builtinFormatKind(id);
  });
}

const T_ELEMENT = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?t>/g;
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

/** The text of a string item (<si> or <is>): its <t>, or its rich-text runs joined; phonetic guides left out. */
export function richText(xml: string): string {
  const source = xml.indexOf('rPh') === -1 ? xml : xml.replace(PHONETIC, '');
  let text = '';
  for (const m of source.matchAll(T_ELEMENT)) text += m[1];
  return decodeXmlText(text);
}

/** Strings per page of the shared-string table. */
const PAGE_BITS = 16;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/**
 * The shared-string table, packed: strings are concatenated into pages of 65,536 with their end offsets
 * in a typed array, and read back as slices. A million-row sheet has millions of distinct strings; as
 * separate JS strings they took ~75 bytes each (300 MB for 4M), packed it is the characters plus 4 bytes.
 */
export class SharedStrings {
  private readonly pages: string[] = [];
  private page = '';
  private ends = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(value: string): void {
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.page += value;
    this.ends[this.count++] = this.page.length;
    if ((this.count & PAGE_MASK) === 0) this.finishPage();
  }

  /** Call once every string is added. */
  finish(): void {
    if ((this.count & PAGE_MASK) !== 0 || this.count === 0) this.finishPage();
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const page = this.pages[index >>> PAGE_BITS];
    if (page === undefined) return undefined;
    const start = (index & PAGE_MASK) === 0 ? 0 : this.ends[index - 1]!;
    return page.slice(start, this.ends[index]);
  }

  private finishPage(): void {
    // Flattening copies the page once, so it no longer holds the XML chunks its pieces came from.
    this.pages.push(flatten(this.page));
    this.page = '';
  }
}

function flatten(s: string): string {
  return s.length === 0 ? s : (' ' + s).slice(1);
}

/** Collects the shared strings from the chunks of sharedStrings.xml, one complete <si> at a time. */
export class SharedStringsCollector {
  readonly strings = new SharedStrings();
  private carry = '';
  private open: string | null = null;
  private close = '';
  private textOpen = '';
  private textClose = '';

  push(chunk: string): void {
    let text = this.carry + chunk;
    if (this.open === null) {
      const m = /<([\w.-]+:)?si[\s>/]/.exec(text);
      if (!m) {
        this.carry = text.slice(Math.max(0, text.lastIndexOf('<')));
        return;
      }
      const prefix = m[1] ?? '';
      this.open = `<${prefix}si`;
      this.close = `</${prefix}si>`;
      this.textOpen = `<${prefix}t`;
      this.textClose = `</${prefix}t>`;
      text = text.slice(m.index);
    }
    let pos = 0;
    for (;;) {
      const start = text.indexOf(this.open, pos);
      if (start === -1) break;
      const gt = text.indexOf('>', start);
      if (gt === -1) break;
      if (text.charCodeAt(gt - 1) === 47) {
        this.strings.add('');
        pos = gt + 1;
        continue;
      }
      const end = text.indexOf(this.close, gt);
      if (end === -1) break;
      this.strings.add(this.itemText(text, gt + 1, end));
      pos = end + this.close.length;
    }
    const rest = text.indexOf('<', pos);
    this.carry = rest === -1 ? '' : text.slice(rest);
  }

  /** Call after the last chunk. */
  finish(): void {
    this.strings.finish();
  }

  /** Most items are one plain <t>; rich text and phonetic guides take the general path. */
  private itemText(text: string, from: number, to: number): string {
    if (text.startsWith(this.textOpen, from)) {
      const after = text.charCodeAt(from + this.textOpen.length);
      const gt = after === 62 || after === 32 ? text.indexOf('>', from) : -1;
      if (gt !== -1 && gt < to) {
        if (text.charCodeAt(gt - 1) === 47 && gt + 1 === to) return '';
        const close = text.indexOf(this.textClose, gt);
        if (close !== -1 && close + this.textClose.length === to)
          return decodeXmlText(text.slice(gt + 1, close));
      }
    }
    return richText(text.slice(from, to));
  }
}

/** What the row scanner needs to turn cells into text. */
export interface SheetContext {
  sharedStrings: Pick<SharedStrings, 'get'>;
  styles: readonly NumberKind[];
  date1904: boolean;
}

/**
 * Turns the chunks of a worksheet's XML into rows of text cells, one complete <row> at a time, with
 * indexOf scanning rather than a general XML parser (the sheet is most of an import's work). Cells are
 * placed by their reference, so skipped columns come back as ''.
 */
export class SheetRowScanner {
  private carry = '';
  private rowOpen: string | null = null;
  private rowClose = '';
  private cellOpen = '';
  private cellClose = '';
  private valueOpen = '';
  private valueClose = '';
  private inlineOpen = '';
  private sheetDataClose = '';
  private done = false;
  private readonly attrs: CellAttributes = { r: null, t: null, s: null };

  constructor(private readonly ctx: SheetContext) {}

  /** Appends the rows completed by `chunk` to `out`. */
  push(chunk: string, out: string[][]): void {
    if (this.done) return;
    let text = this.carry.length === 0 ? chunk : this.carry + chunk;
    if (this.rowOpen === null) {
      const m = /<([\w.-]+:)?sheetData(\s[^>]*)?(\/?)>/.exec(text);
      if (!m) {
        this.carry = text;
        return;
      }
      if (m[3] === '/') {
        this.done = true;
        return;
      }
      const p = m[1] ?? '';
      this.rowOpen = `<${p}row`;
      this.rowClose = `</${p}row>`;
      this.cellOpen = `<${p}c`;
      this.cellClose = `</${p}c>`;
      this.valueOpen = `<${p}v`;
      this.valueClose = `</${p}v>`;
      this.inlineOpen = `<${p}is`;
      this.sheetDataClose = `</${p}sheetData>`;
      text = text.slice(m.index + m[0].length);
    }
    const { rowOpen, rowClose } = this;
    const openLength = rowOpen.length;
    let pos = 0;
    for (;;) {
      const start = text.indexOf(rowOpen, pos);
      if (start === -1) {
        if (text.indexOf(this.sheetDataClose, pos) !== -1) {
          this.done = true;
          pos = text.length;
          break;
        }
        const rest = text.lastIndexOf('<');
        pos = rest >= pos ? rest : text.length;
        break;
      }
      const after = text.charCodeAt(start + openLength);
      if (Number.isNaN(after)) {
        pos = start;
        break;
      }
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = start + 1; // <rowBreaks> and the like
        continue;
      }
      const gt = text.indexOf('>', start);
      if (gt === -1) {
        pos = start;
        break;
      }
      if (text.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const end = text.indexOf(rowClose, gt);
      if (end === -1) {
        pos = start;
        break;
      }
      const cells = this.parseCells(text, gt + 1, end);
      if (cells.length > 0) out.push(cells);
      pos = end + rowClose.length;
    }
    this.carry = pos >= text.length ? '' : text.slice(pos);
  }

  private parseCells(text: string, from: number, to: number): string[] {
    const { cellOpen, cellClose } = this;
    const openLength = cellOpen.length;
    const cells: string[] = [];
    let next = 0;
    let i = from;
    for (;;) {
      const c = text.indexOf(cellOpen, i);
      if (c === -1 || c >= to) break;
      const after = text.charCodeAt(c + openLength);
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        i = c + 1;
        continue;
      }
      const gt = text.indexOf('>', c);
      readCellAttributes(text, c + openLength, gt, this.attrs);
      const column = this.attrs.r === null ? next : columnIndex(this.attrs.r);
      let value = '';
      if (text.charCodeAt(gt - 1) === 47) {
        i = gt + 1;
      } else {
        const close = text.indexOf(cellClose, gt);
        value = this.cellValue(text, gt + 1, close, this.attrs.t, this.attrs.s);
        i = close + cellClose.length;
      }
      if (value.length > 0) {
        if (column >= cells.length) {
          while (cells.length < column) cells.push('');
          cells.push(value);
        } else {
          cells[column] = value;
        }
      }
      next = column + 1;
    }
    return cells;
  }

  private cellValue(
    text: string,
    from: number,
    to: number,
    type: string | null,
    style: string | null,
  ): string {
    if (type === 'inlineStr') {
      const is = text.indexOf(this.inlineOpen, from);
      return is === -1 || is >= to ? '' : richText(text.slice(is, to));
    }
    const v = text.indexOf(this.valueOpen, from);
    if (v === -1 || v >= to) return '';
    const gt = text.indexOf('>', v);
    if (text.charCodeAt(gt - 1) === 47) return '';
    const end = text.indexOf(this.valueClose, gt);
    const raw = text.slice(gt + 1, end);
    switch (type) {
      case 's':
        return this.ctx.sharedStrings.get(Number(raw)) ?? '';
      case 'str':
      case 'e':
        return decodeXmlText(raw);
      case 'b':
        return raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE';
      case 'd':
        return isoCellText(raw);
      default: {
        const kind = style === null ? 'plain' : (this.ctx.styles[Number(style)] ?? 'plain');
        if (kind === 'plain') return numberText(raw);
        return serialToText(Number(raw), this.ctx.date1904, kind);
      }
    }
  }
}

interface CellAttributes {
  r: string | null;
  t: string | null;
  s: string | null;
}

/** The r, t and s attributes of a cell's start tag text[from, to), in one pass over its '=' signs. */
function readCellAttributes(text: string, from: number, to: number, out: CellAttributes): void {
  out.r = null;
  out.t = null;
  out.s = null;
  let eq = text.indexOf('=', from);
  while (eq !== -1 && eq < to) {
    const quote = text.charCodeAt(eq + 1);
    const end = quote === 34 || quote === 39 ? text.indexOf(quote === 34 ? '"' : "'", eq + 2) : -1;
    if (end === -1) return;
    const before = text.charCodeAt(eq - 2);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const name = text.charCodeAt(eq - 1);
      if (name === 114) out.r = text.slice(eq + 2, end);
      else if (name === 116) out.t = text.slice(eq + 2, end);
      else if (name === 115) out.s = text.slice(eq + 2, end);
    }
    eq = text.indexOf('=', end + 1);
  }
}

/** "B7" → 1, "AA3" → 26. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) n = n * 26 + (code - 64);
    else if (code >= 97 && code <= 122) n = n * 26 + (code - 96);
    else break;
  }
  return n - 1;
}
