// Pure: spreadsheet cell text → typed values, forgiving the ways people write them.

/** 13800138000; 13900139000 / a、b / a,b / one per line. */
export function splitList(s: string): string[] {
  return s
    .split(/[;；,，、|\n\r]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const TRUE = new Set(['是', '对', 'y', 'yes', 'true', '1', '√', '✓', 'x', '有']);
const FALSE = new Set(['否', '不是', 'n', 'no', 'false', '0', '×', '✗', '无', '']);

export function parseBool(s: string): boolean | null {
  const v = s.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, an ISO time (its date part) or an
 * Excel serial day number (1900 system) → 'YYYY-MM-DD'; null when it is none of these.
 */
export function parseDate(s: string): string | null {
  const v = s.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(v);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{2,5}(\.\d+)?$/.test(v)) {
    const serial = Math.floor(Number(v));
    if (serial < 1 || serial > 2_958_465) return null;
    // Excel counts from 1899-12-30 (its 1900 leap-year bug included).
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return null;
}

/** ¥1,234.5 / 1 234,00? no: decimal point only → '1234.50'; null when not an amount with ≤ 2 decimals. */
export function parseAmount(s: string): string | null {
  const v = s.replace(/[¥￥$€£,\s]|元|RMB|CNY/gi, '');
  if (!/^-?\d{1,16}(\.\d{1,2})?$/.test(v)) return null;
  const [whole = '0', frac = ''] = v.split('.');
  return `${whole.replace(/^(-?)0+(?=\d)/, '$1')}.${frac.padEnd(2, '0')}`;
}

export function parseNumber(s: string): number | null {
  const v = s.replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

let countries: Map<string, string> | undefined;

/** ISO 3166 code from a code or a country name in Chinese or English (中国, China, CN, 美国 …). */
export function countryCode(s: string): string | null {
  if (!countries) {
    countries = new Map();
    const zh = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
    const en = new Intl.DisplayNames(['en'], { type: 'region' });
    const A = 'A'.charCodeAt(0);
    for (let i = 0; i < 26; i++)
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        const name = en.of(code);
        if (!name || name === code || name === 'Unknown Region') continue;
        countries.set(code.toLowerCase(), code);
        countries.set(name.toLowerCase(), code);
        const zhName = zh.of(code);
        if (zhName && zhName !== code) countries.set(zhName, code);
      }
    for (const [alias, code] of [
      ['中华人民共和国', 'CN'],
      ['中国大陆', 'CN'],
      ['prc', 'CN'],
      ['usa', 'US'],
      ['uk', 'GB'],
      ['香港', 'HK'],
      ['澳门', 'MO'],
      ['台湾', 'TW'],
    ] as const)
      countries.set(alias, code);
  }
  return countries.get(s.trim().toLowerCase()) ?? null;
}
