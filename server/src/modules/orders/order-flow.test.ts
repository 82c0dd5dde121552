import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  nextSteps,
  planShipment,
  queueOf,
  ORDER_SOURCES,
  ORDER_STATUSES,
  type FlowOrder,
  type OrderStatus,
} from './order-flow.ts';
import * as table from './orders.table.ts';

const ROLES = ['admin', 'manager', 'sales', 'finance', 'logistics', 'service', 'readonly', 'warehouse'];

/** The legal steps and the roles owning them (admin owns every step). */
const LEGAL: Record<string, string[]> = {
  'draft→submitted': ['sales', 'manager'],
  'submitted→approved': ['manager'],
  'approved→inProduction': ['manager', 'logistics'],
  'inProduction→shipped': ['logistics'],
  'shipped→delivered': ['logistics'],
  'delivered→completed': ['sales', 'finance'],
  'draft→cancelled': ['manager'],
  'submitted→cancelled': ['manager'],
  'approved→cancelled': ['manager'],
  'inProduction→cancelled': ['manager'],
};

const order = (status: OrderStatus, extra: Partial<FlowOrder> = {}): FlowOrder => ({
  status,
  onHold: false,
  wasHeld: false,
  ...extra,
});
const data = { reason: '客户撤单', carrier: '顺丰', trackingNumber: 'SF123' };

describe('order state machine: every pair of statuses, by role', () => {
  it('knows the statuses and sources the table stores', () => {
    expect(ORDER_STATUSES).toEqual(table.ORDER_STATUSES);
    expect(ORDER_SOURCES).toEqual(table.ORDER_SOURCES);
  });

  const cases = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.flatMap((to) => ROLES.map((role) => ({ from, to, role }))),
  );
  it.each(cases)('$from → $to as $role', ({ from, to, role }) => {
    const owners = LEGAL[`${from}→${to}`];
    const r = checkTransition(order(from), to, role, data);
    if (!owners) {
      expect(r).toEqual({ ok: false, error: 'ILLEGAL_TRANSITION', from, to });
    } else if (role === 'admin' || owners.includes(role)) {
      expect(r.ok).toBe(true);
    } else {
      expect(r).toEqual({ ok: false, error: 'ROLE', from, to, roles: owners });
    }
  });

  it('has exactly the legal steps listed', () => {
    const legal = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => checkTransition(order(from), to, 'admin', data).ok).map(
        (to) => `${from}→${to}`,
      ),
    );
    expect(legal.sort()).toEqual(Object.keys(LEGAL).sort());
  });
});

describe('credit hold', () => {
  it('refuses approval of an order on hold for every owning role', () => {
    for (const role of ['manager', 'finance', 'admin'])
      expect(
        checkTransition(order('submitted', { onHold: true, wasHeld: true }), 'approved', role),
      ).toMatchObject(
        role === 'finance' || role === 'manager' || role === 'admin'
          ? { ok: false, error: 'ORDER_ON_HOLD' }
          : {},
      );
  });
  it('lets finance approve only an order it held and released', () => {
    expect(checkTransition(order('submitted'), 'approved', 'finance')).toMatchObject({
      ok: false,
      error: 'ROLE',
      roles: ['manager'],
    });
    expect(checkTransition(order('submitted', { wasHeld: true }), 'approved', 'finance').ok).toBe(true);
  });
  it('a held order may still be cancelled by the manager', () => {
    expect(
      checkTransition(order('submitted', { onHold: true, wasHeld: true }), 'cancelled', 'manager', data).ok,
    ).toBe(true);
  });
  it('next steps leave out approval while on hold', () => {
    expect(nextSteps(order('submitted', { onHold: true, wasHeld: true }), 'manager')).toEqual(['cancelled']);
    expect(nextSteps(order('submitted'), 'manager')).toEqual(['approved', 'cancelled']);
    expect(nextSteps(order('submitted', { wasHeld: true }), 'finance')).toEqual(['approved']);
  });
});

describe('required data', () => {
  it.each([
    ['cancelled', 'approved', {}, ['reason']],
    ['cancelled', 'approved', { reason: '  ' }, ['reason']],
    ['shipped', 'inProduction', {}, ['carrier', 'trackingNumber']],
    ['shipped', 'inProduction', { carrier: '顺丰' }, ['trackingNumber']],
  ] as const)('→ %s from %s with %o needs %o', (to, from, d, fields) => {
    expect(checkTransition(order(from), to, 'admin', d)).toEqual({ ok: false, error: 'REQUIRED', fields });
  });
});

describe('next steps per role', () => {
  it.each([
    ['draft', 'sales', ['submitted']],
    ['draft', 'manager', ['submitted', 'cancelled']],
    ['approved', 'logistics', ['inProduction']],
    ['inProduction', 'logistics', ['shipped']],
    ['shipped', 'sales', []],
    ['delivered', 'finance', ['completed']],
    ['completed', 'admin', []],
    ['cancelled', 'admin', []],
  ] as const)('%s as %s → %o', (status, role, steps) => {
    expect(nextSteps(order(status), role)).toEqual(steps);
  });
  it('queues: each department waits on the statuses whose step it owns', () => {
    expect(queueOf('logistics').map((c) => c.status)).toEqual(['approved', 'inProduction', 'shipped']);
    expect(queueOf('finance')).toContainEqual({ status: 'submitted', hold: 'on' });
    expect(queueOf('manager')).toContainEqual({ status: 'submitted', hold: 'off' });
    expect(queueOf('warehouse')).toEqual([]);
  });
});

describe('shipments', () => {
  const lines = [
    { id: 'a', quantity: '10.000', shippedQuantity: '0.000' },
    { id: 'b', quantity: '2.500', shippedQuantity: '1.000' },
  ];
  it('ships everything still open when no quantities are named', () => {
    const r = planShipment(lines, undefined);
    expect(r).toMatchObject({
      ok: true,
      complete: true,
      lines: [
        { orderLineId: 'a', quantity: '10.000' },
        { orderLineId: 'b', quantity: '1.500' },
      ],
    });
  });
  it('a partial shipment is not complete', () => {
    const r = planShipment(lines, [{ orderLineId: 'a', quantity: '4' }]);
    expect(r.ok && r.complete).toBe(false);
    expect(r.ok && Object.fromEntries(r.shipped)).toEqual({ a: '4.000', b: '1.000' });
  });
  it('the last partial shipment completes it', () => {
    const r = planShipment(
      [
        { id: 'a', quantity: '10', shippedQuantity: '4' },
        { id: 'b', quantity: '2.5', shippedQuantity: '2.5' },
      ],
      [{ orderLineId: 'a', quantity: '6' }],
    );
    expect(r.ok && r.complete).toBe(true);
  });
  it('refuses more than remains, zero, unknown lines and repeats, naming the line', () => {
    expect(
      planShipment(lines, [
        { orderLineId: 'b', quantity: '1.501' },
        { orderLineId: 'a', quantity: '0' },
        { orderLineId: 'x', quantity: '1' },
        { orderLineId: 'b', quantity: '1' },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'lines[0].quantity', code: 'maximum', params: { limit: '1.500' } },
        { field: 'lines[1].quantity', code: 'minimum', params: { limit: '0.001' } },
        { field: 'lines[2].orderLineId', code: 'notFound' },
        { field: 'lines[3].orderLineId', code: 'invalid' },
      ],
    });
  });
  it('refuses a shipment when nothing is left', () => {
    expect(planShipment([{ id: 'a', quantity: '1', shippedQuantity: '1' }], undefined)).toMatchObject({
      ok: false,
    });
  });
});
