// Pure: exact arithmetic on decimal strings with two places ("1234.50"), through bigint cents.

import { fromCents, toCents } from '../../lib/money.ts';

export {
  addDecimals,
  compareDecimals,
  decimalRatio,
  fromCents,
  subtractDecimals,
  toCents,
} from '../../lib/money.ts';

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
