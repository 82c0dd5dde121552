// Pure: the order's lifecycle. Each step has the roles (departments) that own it and the data it
// needs; whoever does it and when is stamped by the service. An administrator may do every step.
import { fromUnits, toUnits } from '../../lib/money.ts';

/** The lifecycle's statuses (the same list as orders.table.ts ORDER_STATUSES; a test keeps them equal). */
export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'inProduction',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_SOURCES = ['rep', 'quote', 'import', 'api', 'portal'] as const;

export interface Step {
  from: OrderStatus;
  to: OrderStatus;
  /** Role keys owning the step (admin owns every step). */
  roles: readonly string[];
}

const BEFORE_SHIPPING: OrderStatus[] = ['draft', 'submitted', 'approved', 'inProduction'];

/**
 * The legal steps. "Production" is the sales manager's (or logistics') step: the built-in roles
 * have no production department. Finance approves only an order it held and released (credit).
 */
export const STEPS: readonly Step[] = [
  { from: 'draft', to: 'submitted', roles: ['sales', 'manager'] },
  { from: 'submitted', to: 'approved', roles: ['manager', 'finance'] },
  { from: 'approved', to: 'inProduction', roles: ['manager', 'logistics'] },
  { from: 'inProduction', to: 'shipped', roles: ['logistics'] },
  { from: 'shipped', to: 'delivered', roles: ['logistics'] },
  { from: 'delivered', to: 'completed', roles: ['sales', 'finance'] },
  ...BEFORE_SHIPPING.map((from) => ({ from, to: 'cancelled' as const, roles: ['manager'] })),
];

export const ADMIN_ROLE = 'admin';

export interface FlowOrder {
  status: OrderStatus;
  /** Held by the credit check and not yet released. */
  onHold: boolean;
  /** Was held once (and released): finance may then approve it. */
  wasHeld: boolean;
}

export interface TransitionData {
  reason?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
}

export type FlowError =
  | { error: 'ILLEGAL_TRANSITION'; from: OrderStatus; to: OrderStatus }
  | { error: 'ROLE'; from: OrderStatus; to: OrderStatus; roles: string[] }
  | { error: 'ORDER_ON_HOLD' }
  | { error: 'REQUIRED'; fields: string[] };

export type FlowCheck = { ok: true; step: Step } | ({ ok: false } & FlowError);

export function findStep(from: OrderStatus, to: OrderStatus): Step | undefined {
  return STEPS.find((s) => s.from === from && s.to === to);
}

/** The roles that may do a step on this order (finance approves only a once-held order). */
export function owningRoles(step: Step, order: Pick<FlowOrder, 'wasHeld'>): string[] {
  if (step.to === 'approved' && !order.wasHeld) return step.roles.filter((r) => r !== 'finance');
  return [...step.roles];
}

export function roleOwns(role: string, step: Step, order: Pick<FlowOrder, 'wasHeld'>): boolean {
  return role === ADMIN_ROLE || owningRoles(step, order).includes(role);
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * May `role` move `order` to `to` with `data`? Checks in this order: the step exists (409), the
 * role owns it (403), the credit hold (409), the step's required data (400).
 */
export function checkTransition(
  order: FlowOrder,
  to: OrderStatus,
  role: string,
  data: TransitionData = {},
): FlowCheck {
  const step = findStep(order.status, to);
  if (!step) return { ok: false, error: 'ILLEGAL_TRANSITION', from: order.status, to };
  if (!roleOwns(role, step, order))
    return { ok: false, error: 'ROLE', from: order.status, to, roles: owningRoles(step, order) };
  if (to === 'approved' && order.onHold) return { ok: false, error: 'ORDER_ON_HOLD' };
  const missing: string[] = [];
  if (to === 'cancelled' && blank(data.reason)) missing.push('reason');
  if (to === 'shipped') {
    if (blank(data.carrier)) missing.push('carrier');
    if (blank(data.trackingNumber)) missing.push('trackingNumber');
  }
  if (missing.length) return { ok: false, error: 'REQUIRED', fields: missing };
  return { ok: true, step };
}

/** The steps `role` may take on `order` now (the "next step" buttons), cancel last. */
export function nextSteps(order: FlowOrder, role: string): OrderStatus[] {
  return STEPS.filter((s) => s.from === order.status && roleOwns(role, s, order))
    .filter((s) => !(s.to === 'approved' && order.onHold))
    .map((s) => s.to);
}

/** The role that writes a step on the timeline: the actor's own role key. */
export const departmentOf = (role: string) => role;

export interface QueueClause {
  status: OrderStatus;
  /** 'on': still held; 'off': not held; 'released': held once, released, not held now. */
  hold?: 'on' | 'off' | 'released';
}

/**
 * What waits for a department: the statuses whose next step (other than cancelling) it owns;
 * finance also has the held orders to release.
 */
export function queueOf(role: string): QueueClause[] {
  switch (role) {
    case 'sales':
      return [{ status: 'draft' }, { status: 'delivered' }];
    case 'manager':
      return [{ status: 'draft' }, { status: 'submitted', hold: 'off' }, { status: 'approved' }];
    case 'finance':
      return [
        { status: 'submitted', hold: 'on' },
        { status: 'submitted', hold: 'released' },
        { status: 'delivered' },
      ];
    case 'logistics':
      return [{ status: 'approved' }, { status: 'inProduction' }, { status: 'shipped' }];
    case ADMIN_ROLE:
      return ['draft', 'submitted', 'approved', 'inProduction', 'shipped', 'delivered'].map((status) => ({
        status: status as OrderStatus,
      }));
    default:
      return [];
  }
}

export const QUEUE_DEPARTMENTS = ['sales', 'manager', 'finance', 'logistics', 'admin'] as const;

// ---- shipments ----------------------------------------------------------------------------

export interface ShipLineState {
  id: string;
  quantity: string;
  shippedQuantity: string;
}

export type ShipmentCheck =
  | {
      ok: true;
      /** What leaves now, per order line (only lines with something to ship). */
      lines: { orderLineId: string; quantity: string }[];
      /** Shipped quantity per order line after this shipment. */
      shipped: Map<string, string>;
      complete: boolean;
    }
  | { ok: false; errors: { field: string; code: string; params?: Record<string, unknown> }[] };

/**
 * A (partial) shipment: the quantities named, or everything still open when none are named.
 * A quantity must be positive and at most what remains of its line; an order line appears once.
 */
export function planShipment(
  lines: ShipLineState[],
  requested: { orderLineId: string; quantity: string }[] | undefined,
): ShipmentCheck {
  const remaining = new Map(lines.map((l) => [l.id, toUnits(l.quantity, 3) - toUnits(l.shippedQuantity, 3)]));
  const shipping = new Map<string, bigint>();
  const errors: { field: string; code: string; params?: Record<string, unknown> }[] = [];
  if (requested === undefined) {
    for (const [id, rest] of remaining) if (rest > 0n) shipping.set(id, rest);
  } else {
    const seen = new Set<string>();
    requested.forEach((r, i) => {
      const rest = remaining.get(r.orderLineId);
      const q = toUnits(r.quantity, 3);
      const repeated = seen.has(r.orderLineId);
      seen.add(r.orderLineId);
      if (rest === undefined) errors.push({ field: `lines[${i}].orderLineId`, code: 'notFound' });
      else if (repeated) errors.push({ field: `lines[${i}].orderLineId`, code: 'invalid' });
      else if (q <= 0n)
        errors.push({ field: `lines[${i}].quantity`, code: 'minimum', params: { limit: '0.001' } });
      else if (q > rest)
        errors.push({
          field: `lines[${i}].quantity`,
          code: 'maximum',
          params: { limit: fromUnits(rest, 3) },
        });
      else shipping.set(r.orderLineId, q);
    });
  }
  if (!errors.length && shipping.size === 0)
    errors.push({ field: 'lines', code: 'minItems', params: { limit: 1 } });
  if (errors.length) return { ok: false, errors };
  const shipped = new Map<string, string>();
  let complete = true;
  for (const l of lines) {
    const now = toUnits(l.shippedQuantity, 3) + (shipping.get(l.id) ?? 0n);
    shipped.set(l.id, fromUnits(now, 3));
    if (now < toUnits(l.quantity, 3)) complete = false;
  }
  return {
    ok: true,
    lines: [...shipping].map(([orderLineId, q]) => ({ orderLineId, quantity: fromUnits(q, 3) })),
    shipped,
    complete,
  };
}
