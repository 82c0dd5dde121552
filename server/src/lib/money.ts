// Pure: exact money arithmetic on decimal strings ("1234.50"), through bigint minor units. Money is
// never a float: amounts have two places, quantities three, percentages two; products round half
// away from zero to the cent, once, at the end.

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Whether `s` is a plain decimal with at most `places` decimals ("12", "12.5", "-0.01"). */
export function isDecimal(s: string, places = 2): boolean {
  const m = DECIMAL.exec(s.trim());
  return !!m && (m[3] ?? '').length <= places;
}

/** A decimal string → an integer of 10^-scale units, rounding extra places half away from zero; junk → 0n. */
export function toUnits(s: string | null | undefined, scale: number): bigint {
  if (!s) return 0n;
  const m = DECIMAL.exec(s.trim());
  if (!m) return 0n;
  const frac = (m[3] ?? '').padEnd(scale, '0');
  let units = BigInt(m[2]!) * 10n ** BigInt(scale) + BigInt(frac.slice(0, scale) || '0');
  if (frac.length > scale && Number(frac[scale]) >= 5) units += 1n;
  return m[1] === '-' ? -units : units;
}

export function fromUnits(u: bigint, scale: number): string {
  const neg = u < 0n;
  const abs = neg ? -u : u;
  const base = 10n ** BigInt(scale);
  const whole = abs / base;
  const frac = scale ? `.${(abs % base).toString().padStart(scale, '0')}` : '';
  return `${neg && abs !== 0n ? '-' : ''}${whole}${frac}`;
}

/** "1234.5" → 123450n (cents). */
export const toCents = (s: string | null | undefined): bigint => toUnits(s, 2);
/** 123450n → "1234.50". */
export const fromCents = (c: bigint): string => fromUnits(c, 2);

/** a / b rounded half away from zero (b > 0). */
export function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const q = ((a < 0n ? -a : a) * 2n + (b < 0n ? -b : b)) / ((b < 0n ? -b : b) * 2n);
  return neg ? -q : q;
}

export function addDecimals(...values: (string | null | undefined)[]): string {
  return fromCents(values.reduce<bigint>((s, v) => s + toCents(v), 0n));
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

/**
 * A line's net amount: quantity (3 places) × unit price (2) × (1 − discount % (2 places) / 100),
 * rounded once to the cent.
 */
export function lineNet(quantity: string, unitPrice: string, discountPct = '0'): string {
  const q = toUnits(quantity, 3); // ×1,000
  const p = toUnits(unitPrice, 2); // ×100
  const keep = 10_000n - toUnits(discountPct, 2); // ×10,000 (100 % = 10,000)
  return fromCents(divRound(q * p * keep, 1_000n * 10_000n));
}

/** The list amount before discount: quantity × unit price, to the cent. */
export function lineGross(quantity: string, unitPrice: string): string {
  return fromCents(divRound(toUnits(quantity, 3) * toUnits(unitPrice, 2), 1_000n));
}

/** `pct` percent of `amount`, to the cent (tax on a net amount, a prepayment share). */
export function percentOf(amount: string, pct: string): string {
  return fromCents(divRound(toCents(amount) * toUnits(pct, 2), 10_000n));
}

/** quantity × unit amount to the cent (a line's cost). */
export function times(quantity: string, unit: string): string {
  return lineGross(quantity, unit);
}
