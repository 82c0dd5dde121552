/** How a numeric cell reads as text: by its number format, a date, a time of day, or a plain number. */
export type NumberKind = 'plain' | 'date' | 'time';

/** Built-in format ids that are dates (14–17, 22; 27–36 and 50–58 in Chinese/Japanese/Korean Excel) or times. */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);

export function builtinFormatKind(id: number): NumberKind {
  return BUILTIN_DATE.has(id) ? 'date' : BUILTIN_TIME.has(id) ? 'time' : 'plain';
}

/** Whether a number format code shows a date (y, d, m as month), a time (h, s, [h]) or a number. */
export function formatCodeKind(code: string): NumberKind {
  let f = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  const elapsed = /\[(h+|m+|s+)\]/i.test(f);
  f = f.replace(/\[[^\]]*\]/g, '').replace(/general/gi, '');
  // The first section formats positive numbers, which is what a date is.
  f = f.split(';')[0] ?? '';
  if (/[yd]/i.test(f)) return 'date';
  if (elapsed || /[hs]/i.test(f)) return 'time';
  if (/m/i.test(f)) return 'date';
  return 'plain';
}

/** 9999-12-31, Excel's last date. */
const MAX_SERIAL = 2_958_465;

/**
 * An Excel date serial as YYYY-MM-DD, or YYYY-MM-DDTHH:mm:ss when it has a time, or HH:mm:ss for a time
 * of day. Serials count days from 1900-01-00 with Lotus's phantom 1900-02-29, or from 1904-01-01.
 */
export function serialToText(serial: number, date1904: boolean, kind: NumberKind): string {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return numberText(String(serial));
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (kind === 'time' && days === 0) return clock;
  const date = dateText(date1904 ? days + 1462 : days);
  return seconds === 0 ? date : `${date}T${clock}`;
}

const dateCache = new Map<number, string>();

/** Day serial (1900 system) → YYYY-MM-DD, memoised: a file repeats its dates. */
function dateText(days: number): string {
  let text = dateCache.get(days);
  if (text === undefined) {
    // Lotus 1-2-3 counted 1900 as a leap year: serials from 61 on are one day ahead of a true count.
    const unixDays = days < 60 ? days - 25568 : days - 25569;
    text = civilDate(unixDays);
    if (dateCache.size > 100_000) dateCache.clear();
    dateCache.set(days, text);
  }
  return text;
}

/** Days since 1970-01-01 → YYYY-MM-DD (proleptic Gregorian, H. Hinnant's civil_from_days). */
function civilDate(unixDays: number): string {
  const z = unixDays + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** An ISO date cell (t="d") the same way: the date alone when it is midnight. */
export function isoCellText(raw: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?)?$/.exec(raw.trim());
  if (!match) return raw.trim();
  return !match[2] || match[2] === '00:00:00' ? match[1]! : `${match[1]}T${match[2]}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A number cell as the text a person expects: integers exactly as the file holds them (phone numbers,
 * 18-digit codes), never in exponent notation, and at most 15 significant digits like Excel shows
 * (0.30000000000000004 → 0.3).
 */
export function numberText(raw: string): string {
  if (isShortPlainNumber(raw)) return raw;
  const s = raw.trim();
  if (INTEGER.test(s)) return s;
  const match = DECIMAL.exec(s);
  if (!match) return s;
  const [, sign, intPart = '', fracPart = '', exp] = match;
  const significant = (intPart + fracPart).replace(/^0+/, '').replace(/0+$/, '').length;
  if (significant > 15) {
    const rounded = Number(s).toPrecision(15);
    const again = DECIMAL.exec(rounded);
    if (again) return plainDecimal(again[1]!, again[2] ?? '', again[3] ?? '', Number(again[4] ?? 0));
  }
  return plainDecimal(sign!, intPart, fracPart, Number(exp ?? 0));
}

/** The common case, already plain: -?digits(.digits)? with at most 15 digits and no trailing fraction zero. */
function isShortPlainNumber(s: string): boolean {
  const length = s.length;
  if (length === 0 || length > 16) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= length) return false;
  let point = -1;
  for (; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (point !== -1) return false;
      point = i;
    } else if (c < 48 || c > 57) return false;
  }
  if (point === -1) return true;
  return (
    point !== length - 1 && point !== (s.charCodeAt(0) === 45 ? 1 : 0) && s.charCodeAt(length - 1) !== 48
  );
}

function plainDecimal(sign: string, intPart: string, fracPart: string, exponent: number): string {
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return sign === '-' && /[1-9]/.test(text) ? `-${text}` : text;
}
