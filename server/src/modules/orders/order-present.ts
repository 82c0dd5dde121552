// Pure: an order as it leaves the server, under the caller's field rules, with the caller's next steps.
import { applyFieldRules, fieldRule, type Actor } from '../access/index.ts';
import { nextSteps, type OrderStatus } from './order-flow.ts';
import type { OrderOut } from './orders.schema.ts';

interface FlowFields {
  status: OrderStatus;
  creditHold: string | null;
  creditReleasedAt: Date | null;
}

export const flowOf = (r: FlowFields) => ({
  status: r.status,
  onHold: r.creditHold !== null,
  wasHeld: r.creditHold !== null || r.creditReleasedAt !== null,
});

/**
 * Field rules applied (orders.profit; costs are hidden with the profit or with products.cost, since
 * either reveals the other) and the caller's next steps (the "next step" buttons).
 */
export function present<L extends { unitCost: string | null }>(
  actor: Actor,
  row: FlowFields & { costTotal: string; creditHoldDetails: unknown },
  lines?: L[],
): OrderOut {
  const hideCost =
    fieldRule(actor, 'orders', 'profit') === 'hide' || fieldRule(actor, 'products', 'cost') === 'hide';
  const out = applyFieldRules(actor, 'orders', {
    ...row,
    costTotal: hideCost ? null : row.costTotal,
    onHold: row.creditHold !== null,
    creditHoldDetails: row.creditHoldDetails ?? null,
    nextSteps: nextSteps(flowOf(row), actor.roleKey),
  }) as unknown as OrderOut;
  if (lines)
    out.lines = lines.map((l) => (hideCost ? { ...l, unitCost: null } : l)) as unknown as OrderOut['lines'];
  return out;
}

/** Audit snapshot: the stored values people change. */
export const snapshot = (r: Record<string, unknown>) => {
  const keys = [
    'number',
    'customerId',
    'status',
    'currency',
    'total',
    'profit',
    'prepaymentPct',
    'creditDays',
    'deliveryAddress',
    'creditHold',
    'cancelReason',
    'notes',
    'ownerId',
  ];
  return Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));
};
