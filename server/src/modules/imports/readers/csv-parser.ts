import { FileRefused } from './source.ts';

/** A record still open after this many characters is a broken quote or not a CSV; refused before memory runs out. */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter and line break of a CSV, read from its first lines; an Excel `sep=;` first line decides. */
export interface CsvDialect {
  delimiter: string;
  /** '\n' (also covers CRLF) or '\r' (old Mac Excel). */
  newline: '\n' | '\r';
  /** Whether the first line is Excel's `sep=X` hint, to be skipped. */
  sepLine: boolean;
}

/**
 * Guess the delimiter from a sample: the candidate that splits the first records into the same number
 * of fields (more than one) wins; ties go to the more fields, then to the order of DELIMITERS.
 */
export function detectDialect(sample: string): CsvDialect {
  const text = sample.replace(/^\ufeff/, '');
  const newline = text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
  const sep = /^sep=(.)\r?(\n|\r|$)/i.exec(text);
  if (sep) return { delimiter: sep[1]!, newline, sepLine: true };

  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = countFields(text, delimiter, newline, 20);
    if (counts.length === 0) continue;
    const first = counts[0]!;
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    // Consistency matters most; the field count breaks ties between consistent candidates.
    const score = consistent * 1000 + Math.min(first, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, newline, sepLine: false };
}

/** Fields per record for the first `maxRecords` complete, non-empty records (quote-aware). */
function countFields(text: string, delimiter: string, newline: string, maxRecords: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let empty = true;
  for (let i = 0; i < text.length && counts.length < maxRecords; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      empty = false;
    } else if (ch === delimiter) {
      fields++;
      atFieldStart = true;
      empty = false;
    } else if (ch === newline) {
      if (!empty) counts.push(fields);
      fields = 1;
      atFieldStart = true;
      empty = true;
    } else if (ch !== '\r') {
      atFieldStart = false;
      if (ch !== ' ') empty = false;
    }
  }
  return counts;
}

/**
 * An incremental CSV parser over decoded text chunks, lenient like Excel: quotes only matter at the start
 * of a field, text after a closing quote is kept, rows may have any number of fields. A line without
 * any quote is split natively (the fast path that carries most files); quoted records go char by char.
 */
export class CsvParser {
  private carry = '';
  private line = 1;

  constructor(
    private readonly delimiter: string,
    private readonly newline: '\n' | '\r',
  ) {}

  /** Parses what is complete in `chunk` (plus what was left over) and appends the records to `out`. */
  push(chunk: string, out: string[][]): void {
    this.parse(this.carry.length === 0 ? chunk : this.carry + chunk, false, out);
  }

  /** The last record, when the file does not end with a line break. */
  end(out: string[][]): void {
    if (this.carry.length > 0) this.parse(this.carry, true, out);
    this.carry = '';
  }

  private parse(text: string, final: boolean, out: string[][]): void {
    const { delimiter, newline } = this;
    const stripCr = newline === '\n';
    let pos = 0;
    let nextQuote = text.indexOf('"');
    const length = text.length;
    while (pos < length) {
      let nl = text.indexOf(newline, pos);
      if (nl < 0) {
        if (!final) break;
        nl = length;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > nl) {
        let end = nl;
        if (stripCr && end > pos && text.charCodeAt(end - 1) === 13) end--;
        if (end > pos) out.push(text.slice(pos, end).split(delimiter));
        pos = nl + 1;
        this.line++;
        continue;
      }
      const next = this.parseQuoted(text, pos, final, out);
      if (next < 0) break;
      pos = next;
    }
    this.carry = pos >= length ? '' : text.slice(pos);
    if (this.carry.length > MAX_PENDING_CHARS) {
      throw new FileRefused('corrupt', { reason: 'recordTooLong', line: this.line });
    }
  }

  /** One record containing a quote, starting at `pos`; returns where the next begins, or -1 for more text. */
  private parseQuoted(text: string, pos: number, final: boolean, out: string[][]): number {
    const { delimiter, newline } = this;
    const length = text.length;
    const fields: string[] = [];
    let i = pos;
    let lines = 0;
    let nl = text.indexOf(newline, pos);
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || (q + 1 >= length && !final)) {
            if (final) throw new FileRefused('corrupt', { reason: 'unclosedQuote', line: this.line });
            return -1;
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        lines += countNewlines(value, newline);
        if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
        // Excel keeps text that follows a closing quote: "abc"def → abcdef.
        const end = fieldEnd(text, i, delimiter, newline);
        if (end < 0 && !final) return -1;
        const stop = end < 0 ? length : end;
        if (stop > i) value += stripTrailingCr(text.slice(i, stop), text, stop, newline);
        i = stop;
      } else {
        if (nl !== -1 && nl < i) nl = text.indexOf(newline, i);
        const d = text.indexOf(delimiter, i);
        const end = d !== -1 && (nl === -1 || d < nl) ? d : nl;
        if (end < 0 && !final) return -1;
        const stop = end < 0 ? length : end;
        value = stripTrailingCr(text.slice(i, stop), text, stop, newline);
        i = stop;
      }
      fields.push(value);
      if (i < length && text[i] === delimiter) {
        i++;
        continue;
      }
      // End of record: a line break or the end of the text.
      this.line += lines + 1;
      out.push(fields);
      return i + 1;
    }
  }
}

function fieldEnd(text: string, from: number, delimiter: string, newline: string): number {
  const d = text.indexOf(delimiter, from);
  const n = text.indexOf(newline, from);
  if (d < 0) return n;
  if (n < 0) return d;
  return d < n ? d : n;
}

function stripTrailingCr(value: string, text: string, stop: number, newline: string): string {
  if (newline !== '\n' || !value.endsWith('\r')) return value;
  return stop >= text.length || text.charCodeAt(stop) === 10 ? value.slice(0, -1) : value;
}

function countNewlines(value: string, newline: string): number {
  let n = 0;
  for (let k = value.indexOf(newline); k >= 0; k = value.indexOf(newline, k + 1)) n++;
  return n;
}
