// Pure quote rules: line and quote totals (exact decimal strings through lib/money.ts), discount
// authority per role, the effective status (expiry) and which step each status allows.
import {
  addDecimals,
  compareDecimals,
  lineGross,
  lineNet,
  percentOf,
  subtractDecimals,
  toUnits,
  fromUnits,
} from '../../lib/money.ts';

/** The stored statuses (quotes.table.ts keeps the same list; quotes.repository.ts checks they agree). */
export const QUOTE_STATUSES = [
  'draft',
  'pendingApproval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export interface PricedLine {
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
}

export interface LineTotals {
  /** quantity × unit price, before discount. */
  gross: string;
  /** after the line discount, before tax (the stored line_total). */
  net: string;
  tax: string;
}

export interface QuoteTotals {
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  maxDiscountPct: string;
  lines: LineTotals[];
}

/** Prices are net of VAT; each line's tax is rounded to the cent on its own net amount. */
export function lineTotals(l: PricedLine): LineTotals {
  const net = lineNet(l.quantity, l.unitPrice, l.discountPct);
  return { gross: lineGross(l.quantity, l.unitPrice), net, tax: percentOf(net, l.taxRate) };
}

export function quoteTotals(lines: PricedLine[]): QuoteTotals {
  const each = lines.map(lineTotals);
  const subtotal = addDecimals(...each.map((t) => t.gross));
  const net = addDecimals(...each.map((t) => t.net));
  const taxTotal = addDecimals(...each.map((t) => t.tax));
  const maxUnits = lines.reduce((m, l) => {
    const u = toUnits(l.discountPct, 2);
    return u > m ? u : m;
  }, 0n);
  return {
    subtotal,
    discountTotal: subtractDecimals(subtotal, net),
    taxTotal,
    total: addDecimals(net, taxTotal),
    maxDiscountPct: fromUnits(maxUnits, 2),
    lines: each,
  };
}

export type DiscountAuthority = Record<string, string>;

export const DEFAULT_DISCOUNT_AUTHORITY: DiscountAuthority = {
  sales: '10.00',
  manager: '25.00',
  admin: '100.00',
};

/** The stored setting read leniently: unknown shapes fall back to the defaults, bad entries are dropped. */
export function discountAuthorityOf(setting: unknown): DiscountAuthority {
  const raw =
    setting && typeof setting === 'object'
      ? (setting as { discountAuthority?: unknown }).discountAuthority
      : undefined;
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_DISCOUNT_AUTHORITY };
  const out: DiscountAuthority = {};
  for (const [role, pct] of Object.entries(raw as Record<string, unknown>)) {
    const s = typeof pct === 'number' ? String(pct) : pct;
    if (typeof s === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(s) && compareDecimals(s, '100') <= 0)
      out[role] = fromUnits(toUnits(s, 2), 2);
  }
  return out;
}

/** A role without an entry has no discount authority: any discount goes to approval. */
export function authorityOf(authority: DiscountAuthority, roleKey: string): string {
  return authority[roleKey] ?? '0.00';
}

export function needsApproval(maxDiscountPct: string, authorityPct: string): boolean {
  return compareDecimals(maxDiscountPct, authorityPct) > 0;
}

/** Statuses a quote can still expire from: it was never decided by the customer or an approver. */
const OPEN: QuoteStatus[] = ['draft', 'pendingApproval', 'approved', 'sent'];

/** The status shown and obeyed: an open quote past its validity date (org-local day) is expired. */
export function effectiveStatus(status: QuoteStatus, validUntil: string | null, today: string): QuoteStatus {
  return OPEN.includes(status) && validUntil !== null && validUntil < today ? 'expired' : status;
}

export const OPEN_STATUSES = OPEN;

export type QuoteStep = 'edit' | 'submit' | 'approve' | 'reject' | 'send' | 'accept';

/** The statuses each step starts from. */
export const STEP_FROM: Record<QuoteStep, QuoteStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  approve: ['pendingApproval'],
  reject: ['pendingApproval'],
  send: ['approved'],
  accept: ['approved', 'sent'],
};

export function stepAllowed(step: QuoteStep, status: QuoteStatus): boolean {
  return STEP_FROM[step].includes(status);
}

/** Q-2026-000123: the year's next number after the largest one so far (null: the first). */
export function nextQuoteNumber(year: string, last: string | null): string {
  const n = last ? Number(last.slice(last.lastIndexOf('-') + 1)) + 1 : 1;
  return `Q-${year}-${String(n).padStart(6, '0')}`;
}
