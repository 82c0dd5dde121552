// Pure: exact arithmetic on decimal strings with two places ("1234.50"), through bigint cents.

/** "1234.5" / "-0.01" / "12" → cents; anything else → 0n. */
export function toCents(s: string | null | undefined): bigint {
  if (!s) return 0n;
  const m = /^(-?)(\d+)(?:\.(\d{0,}))?$/.exec(s.trim());
  if (!m) return 0n;
  const frac = (m[3] ?? '').padEnd(2, '0');
  // numeric sums may carry more places than two: round half away from zero.
  let cents = BigInt(m[2]!) * 100n + BigInt(frac.slice(0, 2) || '0');
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1n;
  return m[1] === '-' ? -cents : cents;
}

/** cents → "1234.50". */
export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

export function addDecimals(...values: (string | null | undefined)[]): string {
  return fromCents(values.reduce((s, v) => s + toCents(v), 0n));
}

export function subtractDecimals(a: string, b: string): string {
  return fromCents(toCents(a) - toCents(b));
}

export function compareDecimals(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const d = toCents(a) - toCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** a / b as a plain number (a ratio, never money), or null when b is zero. */
export function decimalRatio(a: string, b: string): number | null {
  const bc = toCents(b);
  if (bc === 0n) return null;
  return Number(toCents(a)) / Number(bc);
}

export interface Money {
  amount: string;
  currency: string;
}

/** Sums per currency: `main` in the organisation's currency, `others` the rest (by currency code). */
export class MoneyTotals {
  private readonly sums = new Map<string, bigint>();
  add(currency: string, amount: string | null | undefined): void {
    this.sums.set(currency, (this.sums.get(currency) ?? 0n) + toCents(amount));
  }
  addAll(other: MoneyTotals): void {
    for (const [c, v] of other.sums) this.sums.set(c, (this.sums.get(c) ?? 0n) + v);
  }
  split(mainCurrency: string): { amount: Money; otherAmounts: Money[] } {
    return {
      amount: { amount: fromCents(this.sums.get(mainCurrency) ?? 0n), currency: mainCurrency },
      otherAmounts: [...this.sums]
        .filter(([c, v]) => c !== mainCurrency && v !== 0n)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, v]) => ({ amount: fromCents(v), currency })),
    };
  }
}

/** A ratio rounded to four places (0.6667), null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/**
 * Seconds → days with one decimal, half up. The seconds are first rounded to whole seconds: sums
 * of times in floating point carry a little noise, which must not tip an exact 12.15 days to 12.1.
 */
export function days(seconds: number): number {
  return Math.round(Math.round(seconds) / 8_640) / 10;
}
