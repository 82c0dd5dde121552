// Pure credit-control rules: available credit, overdue debt, suspension → hold or not. No I/O.
import { compareDecimals, fromCents, toCents } from '../../lib/money.ts';

export type HoldReason = 'limitExceeded' | 'overdue' | 'suspended';

/** The overdue threshold when the organisation sets none (orgs.settings.credit.overdueDays). */
export const DEFAULT_OVERDUE_DAYS = 30;

export interface CreditPosition {
  /** The customer's credit limit; null: no limit set (the limit rule does not apply). */
  limit: string | null;
  /** The limit's currency; exposures are counted in it. */
  limitCurrency: string;
  /** Open invoices' unpaid amounts in the limit's currency. */
  openReceivables: string;
  /** Open orders not yet invoiced, in the limit's currency. */
  openOrders: string;
  /** Days the oldest open invoice is past its due date (0 when none is overdue). */
  maxDaysOverdue: number;
  suspended: boolean;
}

/** available = limit − open receivables − open orders; null when there is no limit. May be negative. */
export function availableCredit(
  p: Pick<CreditPosition, 'limit' | 'openReceivables' | 'openOrders'>,
): string | null {
  if (p.limit === null) return null;
  return fromCents(toCents(p.limit) - toCents(p.openReceivables) - toCents(p.openOrders));
}

/** Whether the customer has debt overdue beyond the threshold (strictly more days than it). */
export function overdueBeyond(maxDaysOverdue: number, thresholdDays: number): boolean {
  return maxDaysOverdue > thresholdDays;
}

export type CreditDecision =
  { ok: true } | { ok: false; reason: HoldReason; details: Record<string, unknown> };

/**
 * The decision on an order of `amount` in `currency`. Suspension first, then overdue debt, then
 * the limit. An order in another currency than the limit's cannot be compared without a rate, so
 * with a limit set it is held for finance (details.currencyMismatch).
 */
export function decideCredit(
  p: CreditPosition,
  order: { amount: string; currency: string },
  thresholdDays: number = DEFAULT_OVERDUE_DAYS,
): CreditDecision {
  if (p.suspended) return { ok: false, reason: 'suspended', details: {} };
  if (overdueBeyond(p.maxDaysOverdue, thresholdDays))
    return { ok: false, reason: 'overdue', details: { maxDaysOverdue: p.maxDaysOverdue, thresholdDays } };
  const available = availableCredit(p);
  if (available === null) return { ok: true };
  const details = {
    limit: p.limit,
    currency: p.limitCurrency,
    openReceivables: p.openReceivables,
    openOrders: p.openOrders,
    available,
    amount: order.amount,
  };
  if (order.currency !== p.limitCurrency)
    return {
      ok: false,
      reason: 'limitExceeded',
      details: { ...details, currencyMismatch: true, orderCurrency: order.currency },
    };
  if (compareDecimals(order.amount, available) > 0) return { ok: false, reason: 'limitExceeded', details };
  return { ok: true };
}

/** The threshold from the organisation's settings ({ credit: { overdueDays } }), else the default. */
export function overdueThreshold(settings: Record<string, unknown> | null | undefined): number {
  const credit = settings?.credit as { overdueDays?: unknown } | undefined;
  const d = credit?.overdueDays;
  return typeof d === 'number' && Number.isInteger(d) && d >= 0 ? d : DEFAULT_OVERDUE_DAYS;
}
