// The credit check an order's submission runs (orders module), and the open receivables of a customer.
import type { Db } from '../../db/types.ts';
import { findOrg } from '../orgs/index.ts';
import { localDate } from '../customers/index.ts';
import { decideCredit, overdueThreshold, type CreditDecision } from './credit-rules.ts';
import { creditPosition } from './credit.repository.ts';

export type CreditCheckResult = CreditDecision;

async function orgDay(tx: Db, orgId: string, now = new Date()) {
  const org = await findOrg(tx, orgId);
  const timeZone = org?.timeZone ?? 'Asia/Shanghai';
  return { today: localDate(now, timeZone), timeZone, threshold: overdueThreshold(org?.settings) };
}

/**
 * Hold or not for an order of `amount` in `currency` (orders/index.ts calls it on submit, inside
 * its transaction): suspended customer, debt overdue beyond orgs.settings.credit.overdueDays
 * (default 30), or amount above available credit = limit − open receivables − open orders (other
 * than `orderId`), on the organisation's local date of `now`. A customer without a credit limit is held only for suspension or overdue debt.
 */
export async function creditCheck(
  tx: Db,
  orgId: string,
  order: { customerId: string; currency: string; amount: string; orderId: string | null },
  now: Date = new Date(),
): Promise<CreditCheckResult> {
  const { today, threshold } = await orgDay(tx, orgId, now);
  const p = await creditPosition(tx, orgId, order.customerId, today, order.orderId);
  if (!p) return { ok: true };
  return decideCredit(
    {
      limit: p.limit,
      limitCurrency: p.currency,
      openReceivables: p.openReceivables,
      openOrders: p.openOrders,
      maxDaysOverdue: p.maxDaysOverdue,
      suspended: p.suspended,
    },
    { amount: order.amount, currency: order.currency },
    threshold,
  );
}

/** Open invoices' unpaid amount in the customer's credit-limit currency. */
export async function openReceivables(tx: Db, orgId: string, customerId: string): Promise<string> {
  const { today } = await orgDay(tx, orgId);
  return (await creditPosition(tx, orgId, customerId, today, null))?.openReceivables ?? '0';
}

export { orgDay };
