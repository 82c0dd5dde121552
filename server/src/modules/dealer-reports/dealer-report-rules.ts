// Pure: the dealer monthly report (月度进销存) — consistency checks, derived metrics and the
// diagnosis a rep reads. Quantities are decimal strings with three places; sums are exact
// (bigint thousandths); ratios and days are plain numbers (never quantities).
import type { FieldError } from '../../lib/errors.ts';
import { fromUnits, isDecimal, toUnits } from '../../lib/money.ts';

export const QTY_SCALE = 3;
export const FLAGS = ['openingMismatch', 'balanceMismatch', 'sellInMismatch'] as const;
export type DealerFlag = (typeof FLAGS)[number];

export const QUANTITY_FIELDS = [
  'openingStock',
  'purchased',
  'sold',
  'closingStock',
  'categorySales',
] as const;
export type QuantityField = (typeof QUANTITY_FIELDS)[number];

export interface Figures {
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales?: string | null;
}

const u = (s: string | null | undefined) => toUnits(s, QTY_SCALE);
/** "12.5" → "12.500": the stored scale. */
export const qty = (s: string) => fromUnits(u(s), QTY_SCALE);

/** Each given quantity must be a decimal with at most three places and not negative; `prefix` names rows. */
export function quantityErrors(
  values: Partial<Record<QuantityField, string | null | undefined>>,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of QUANTITY_FIELDS) {
    const v = values[f];
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (!isDecimal(s, QTY_SCALE) || s.replace(/^-/, '').replace(/\..*/, '').length > 15)
      errors.push({ field: `${prefix}${f}`, code: 'number' });
    else if (u(s) < 0n) errors.push({ field: `${prefix}${f}`, code: 'minimum', params: { limit: 0 } });
  }
  return errors;
}

/** What the checks compared, for the explanation shown beside a flagged cell. */
export interface CheckDetail {
  /** The previous month's closing stock (null when there is no previous report). */
  previousClosing: string | null;
  /** opening + purchased − sold. */
  expectedClosing: string;
  /** What we shipped of the product to the customer in the month (null: not reconciled). */
  shipped: string | null;
}

/**
 * The flags of a report: opening ≠ previous closing, closing ≠ opening + purchased − sold,
 * purchased ≠ our shipments. Never corrects anything.
 */
export function checkReport(
  f: Figures,
  ctx: { previousClosing: string | null; shipped: string | null },
): { flags: DealerFlag[]; detail: CheckDetail } {
  const flags: DealerFlag[] = [];
  if (ctx.previousClosing !== null && u(ctx.previousClosing) !== u(f.openingStock))
    flags.push('openingMismatch');
  const expected = u(f.openingStock) + u(f.purchased) - u(f.sold);
  if (expected !== u(f.closingStock)) flags.push('balanceMismatch');
  if (ctx.shipped !== null && u(ctx.shipped) !== u(f.purchased)) flags.push('sellInMismatch');
  return {
    flags,
    detail: {
      previousClosing: ctx.previousClosing === null ? null : qty(ctx.previousClosing),
      expectedClosing: fromUnits(expected, QTY_SCALE),
      shipped: ctx.shipped === null ? null : qty(ctx.shipped),
    },
  };
}

// ---- months ----

const MONTH = /^(\d{4})-(\d{2})(?:-01)?$/;

/** 'YYYY-MM' or 'YYYY-MM-01' → 'YYYY-MM-01'; null otherwise. */
export function monthStart(s: string): string | null {
  const m = MONTH.exec(s.trim());
  if (!m) return null;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return `${m[1]}-${m[2]}-01`;
}

/** Spreadsheet spellings: 2026-03, 2026/3, 2026.3, 2026年3月, 202603, a date in the month. */
export function parseMonth(s: string): string | null {
  const v = s.trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?(?:[ T].*)?$/.exec(v) ??
    /^(\d{4})(\d{2})$/.exec(v);
  if (!m) return null;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-01`;
}

/** 'YYYY-MM-01' shifted by n months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

// ---- metrics ----

export interface MonthFigures extends Figures {
  month: string;
}

export type Trend = 'up' | 'down' | 'flat' | null;

export interface MonthMetrics {
  month: string;
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  /** sold / (opening + purchased), 0..1 (4 places); null when nothing was available. */
  sellThrough: number | null;
  /** closing / (sold / days in month); null when nothing sold. */
  coverDays: number | null;
  /** average stock ((opening + closing) / 2) / (sold / days); null when nothing sold. */
  turnoverDays: number | null;
  /** sold / the dealer's category sales; null when not reported. */
  share: number | null;
  /** Sold over the last three months (this one included): up/down when strictly so; null with fewer. */
  soldTrend: Trend;
  coverTrend: Trend;
  /** The average sold over the last three months (three places). */
  sold3mAvg: string;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

function ratio(a: bigint, b: bigint, places = 4): number | null {
  if (b === 0n) return null;
  return round(Number(a) / Number(b), places);
}

function trend(values: (number | null)[]): Trend {
  if (values.length < 3 || values.some((v) => v === null)) return null;
  const [a, b, c] = values.slice(-3) as number[];
  if (a! < b! && b! < c!) return 'up';
  if (a! > b! && b! > c!) return 'down';
  return 'flat';
}

/**
 * The metrics of each month of one customer × product series (any order in, month order out).
 * Trends look at the calendar's previous months: a missing month breaks a trend (null).
 */
export function seriesMetrics(rows: MonthFigures[]): MonthMetrics[] {
  const sorted = [...rows].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((r) => [r.month, r]));
  const cover = new Map<string, number | null>();
  const out: MonthMetrics[] = [];
  for (const r of sorted) {
    const days = BigInt(daysInMonth(r.month));
    const sold = u(r.sold);
    const opening = u(r.openingStock);
    const closing = u(r.closingStock);
    const coverDays = ratio(closing * days, sold, 1);
    cover.set(r.month, coverDays);
    const window = [addMonths(r.month, -2), addMonths(r.month, -1), r.month].map((m) => byMonth.get(m));
    const soldWindow = window.map((x) => (x ? Number(u(x.sold)) : null));
    const present = window.filter((x): x is MonthFigures => !!x);
    const avg = present.reduce((s, x) => s + u(x.sold), 0n);
    out.push({
      month: r.month,
      openingStock: qty(r.openingStock),
      purchased: qty(r.purchased),
      sold: qty(r.sold),
      closingStock: qty(r.closingStock),
      sellThrough: ratio(sold, opening + u(r.purchased)),
      coverDays,
      turnoverDays: ratio((opening + closing) * days, sold * 2n, 1),
      share: r.categorySales ? ratio(sold, u(r.categorySales)) : null,
      soldTrend: trend(soldWindow),
      coverTrend: null,
      sold3mAvg: fromUnits(present.length ? avg / BigInt(present.length) : 0n, QTY_SCALE),
    });
  }
  for (const m of out) {
    const w = [addMonths(m.month, -2), addMonths(m.month, -1), m.month];
    if (w.every((x) => cover.has(x))) m.coverTrend = trend(w.map((x) => cover.get(x) ?? null));
  }
  return out;
}

// ---- diagnosis ----

export const DIAGNOSES = ['stockBuildUp', 'salesFalling', 'stockOutRisk'] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export interface DiagnosisOptions {
  /** Cover above this many days, rising two months running, is stock building up (default 60). */
  coverDays?: number;
  /** Cover below this many days is a stock-out risk (default 7). */
  stockOutDays?: number;
}

/**
 * What a month's metrics say: stock building up (cover above N days and rising two months
 * running — nothing sold with stock on hand counts as above), sales falling (three months of
 * strictly falling sales), stock-out risk (cover below 7 days while selling).
 */
export function diagnose(series: MonthMetrics[], month: string, opts: DiagnosisOptions = {}): Diagnosis[] {
  const n = opts.coverDays ?? 60;
  const low = opts.stockOutDays ?? 7;
  const at = new Map(series.map((s) => [s.month, s]));
  const cur = at.get(month);
  if (!cur) return [];
  const out: Diagnosis[] = [];
  const coverOf = (m: MonthMetrics | undefined): number | null => {
    if (!m) return null;
    if (m.coverDays !== null) return m.coverDays;
    return u(m.closingStock) > 0n ? Number.POSITIVE_INFINITY : null;
  };
  const c0 = coverOf(at.get(addMonths(month, -2)));
  const c1 = coverOf(at.get(addMonths(month, -1)));
  const c2 = coverOf(cur);
  if (c0 !== null && c1 !== null && c2 !== null && c2 > n && c2 > c1 && c1 > c0) out.push('stockBuildUp');
  if (cur.soldTrend === 'down') out.push('salesFalling');
  if (cur.coverDays !== null && cur.coverDays < low) out.push('stockOutRisk');
  return out;
}
