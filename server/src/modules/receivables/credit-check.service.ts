// PLACEHOLDER written by the lead engineer so the orders module compiles; the RECEIVABLES helper
// replaces this file (available credit, overdue debt, suspension).
import type { Db } from '../../db/types.ts';

export type CreditCheckResult =
  | { ok: true }
  | { ok: false; reason: 'limitExceeded' | 'overdue' | 'suspended'; details: Record<string, unknown> };

export async function creditCheck(
  _tx: Db,
  _orgId: string,
  _order: { customerId: string; currency: string; amount: string; orderId: string | null },
): Promise<CreditCheckResult> {
  throw new Error('creditCheck: not written yet');
}
