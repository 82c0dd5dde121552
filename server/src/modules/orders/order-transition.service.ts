import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { updateVersioned } from '../../db/record-ops.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit, auditChange } from '../audit/index.ts';
import { notify, type NewNotification } from '../notifications/index.ts';
import { creditCheck } from '../receivables/index.ts';
import * as repo from './orders.repository.ts';
import { orders, type OrderStatus } from './orders.table.ts';
import { checkTransition, departmentOf, planShipment, type FlowCheck } from './order-flow.ts';
import { flowOf, present, snapshot } from './order-present.ts';
import { ENTITY, type Who } from './order-create.service.ts';
import { requireOrders, visibleOrder } from './orders.service.ts';
import type { TransitionBody } from './orders.schema.ts';

function flowError(check: Exclude<FlowCheck, { ok: true }>): AppError {
  switch (check.error) {
    case 'ILLEGAL_TRANSITION':
      return new AppError(
        'ILLEGAL_TRANSITION',
        { from: check.from, to: check.to },
        { from: check.from, to: check.to },
      );
    case 'ROLE':
      return new AppError(
        'ORDER_STEP_FORBIDDEN',
        { from: check.from, to: check.to, roles: check.roles.join(', ') },
        { from: check.from, to: check.to, roles: check.roles },
      );
    case 'ORDER_ON_HOLD':
      return new AppError('ORDER_ON_HOLD');
    case 'REQUIRED':
      return new AppError(
        'VALIDATION_FAILED',
        {},
        check.fields.map((field) => ({ field, code: 'required' })),
      );
  }
}

const STAMP: Partial<Record<OrderStatus, keyof typeof orders.$inferInsert>> = {
  submitted: 'submittedAt',
  approved: 'approvedAt',
  shipped: 'shippedAt',
  delivered: 'deliveredAt',
  completed: 'completedAt',
  cancelled: 'cancelledAt',
};

/** The owner hears of each step someone else took on their order. */
async function tellOwner(
  tx: Db,
  who: Who,
  row: repo.OrderRow,
  kind: string,
  params: Record<string, unknown>,
): Promise<void> {
  if (row.ownerId === who.actor.userId) return;
  await notify(tx, [
    {
      orgId: who.actor.orgId,
      userId: row.ownerId,
      kind,
      params: {
        number: row.number,
        customer: row.customerName ?? '',
        by: (await repo.userName(tx, who.actor.orgId, who.actor.userId)) ?? '',
        ...params,
      },
      link: `/orders/${row.id}`,
    },
  ]);
}

/**
 * Moves an order one step along its lifecycle (order-flow.ts decides who may and what it needs):
 * stamps the step's time, writes the timeline row with the actor's department, records a shipment
 * (partial ones keep the order in production until everything has left), runs the credit check on
 * submission (a failed check holds the order and tells finance), notifies the owner and audits.
 */
export async function transitionOrder(ctx: Ctx, id: string, body: TransitionBody) {
  requireOrders(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const before = await visibleOrder(tx, ctx, id, { lock: true });
    const check = checkTransition(flowOf(before), body.to, ctx.actor.roleKey, body);
    if (!check.ok) throw flowError(check);
    if (body.lines !== undefined && body.to !== 'shipped')
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'lines', code: 'readOnly' }]);
    if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
    const department = departmentOf(ctx.actor.roleKey);
    const note = body.note?.trim() || null;
    const set: Record<string, unknown> = {};
    let status: OrderStatus = body.to;
    let eventData: Record<string, unknown> = {};
    if (body.to === 'shipped') {
      const lines = await repo.listLines(tx, orgId, id);
      const plan = planShipment(lines, body.lines);
      if (!plan.ok) throw new AppError('VALIDATION_FAILED', {}, plan.errors);
      for (const l of lines) {
        const shipped = plan.shipped.get(l.id)!;
        if (shipped !== l.shippedQuantity) await repo.setShippedQuantity(tx, orgId, l.id, shipped);
      }
      const shipmentId = newId();
      await repo.insertShipment(tx, {
        orgId,
        id: shipmentId,
        orderId: id,
        carrier: body.carrier!.trim(),
        trackingNumber: body.trackingNumber!.trim(),
        shippedAt: ctx.now,
        lines: plan.lines,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      });
      status = plan.complete ? 'shipped' : 'inProduction';
      eventData = {
        shipmentId,
        carrier: body.carrier!.trim(),
        trackingNumber: body.trackingNumber!.trim(),
        lines: plan.lines,
        complete: plan.complete,
      };
    }
    if (status !== before.status) {
      set.status = status;
      const stamp = STAMP[status];
      if (stamp) set[stamp] = ctx.now;
    }
    if (status === 'cancelled') set.cancelReason = body.reason!.trim();
    await updateVersioned(
      tx,
      orders,
      { orgId, id, version: body.version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'order',
    );
    await repo.insertEvent(tx, {
      orgId,
      orderId: id,
      kind: body.to === 'shipped' ? 'shipment' : 'transition',
      fromStatus: before.status,
      toStatus: status,
      department,
      note,
      data: status === 'cancelled' ? { reason: body.reason!.trim() } : eventData,
      at: ctx.now,
      by: ctx.actor.userId,
    });
    if (body.to === 'submitted') await holdOnCredit(tx, ctx, before);
    await tellOwner(tx, ctx, before, 'orderStep', {
      from: before.status,
      to: status,
      partial: body.to === 'shipped' && status !== 'shipped',
    });
    const after = (await repo.findOrder(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'transition', snapshot(before), snapshot(after));
    return present(ctx.actor, after, await repo.listLines(tx, orgId, id));
  });
}

/** The credit check at submission: a refusal holds the order, writes it on the timeline, tells finance. */
async function holdOnCredit(tx: Db, who: Who, row: repo.OrderRow): Promise<void> {
  const orgId = who.actor.orgId;
  const result = await creditCheck(tx, orgId, {
    customerId: row.customerId,
    currency: row.currency,
    amount: row.total,
    orderId: row.id,
  });
  if (result.ok) return;
  await repo.updateOrderRow(
    tx,
    orgId,
    row.id,
    { creditHold: result.reason, creditHoldDetails: result.details },
    { userId: who.actor.userId, now: who.now },
  );
  await repo.insertEvent(tx, {
    orgId,
    orderId: row.id,
    kind: 'hold',
    fromStatus: 'submitted',
    toStatus: 'submitted',
    department: 'finance',
    note: null,
    data: { reason: result.reason, details: result.details },
    at: who.now,
    by: null,
  });
  const finance = await repo.usersWithRole(tx, orgId, 'finance');
  const items: NewNotification[] = finance.map((userId) => ({
    orgId,
    userId,
    kind: 'orderCreditHold',
    params: {
      number: row.number,
      customer: row.customerName ?? '',
      reason: result.reason,
      total: row.total,
      currency: row.currency,
    },
    link: `/orders/${row.id}`,
  }));
  await notify(tx, items);
}

/**
 * Finance releases a credit hold (called by receivables' POST /orders/:id/release-hold, which
 * checks credit:update): the order may then be approved; the timeline, the owner and the audit
 * log hear of it. 409 ORDER_NOT_ON_HOLD when it is not held.
 */
export async function releaseOrderHold(tx: Db, who: Who, orderId: string, note: string | null) {
  const orgId = who.actor.orgId;
  const before = await repo.findOrder(tx, who.actor, orderId, { lock: true });
  if (!before) throw notFound('order');
  if (before.creditHold === null) throw new AppError('ORDER_NOT_ON_HOLD');
  await repo.updateOrderRow(
    tx,
    orgId,
    orderId,
    { creditHold: null, creditReleasedBy: who.actor.userId, creditReleasedAt: who.now },
    { userId: who.actor.userId, now: who.now },
  );
  await repo.insertEvent(tx, {
    orgId,
    orderId,
    kind: 'release',
    fromStatus: before.status,
    toStatus: before.status,
    department: departmentOf(who.actor.roleKey),
    note: note?.trim() || null,
    data: { reason: before.creditHold },
    at: who.now,
    by: who.actor.userId,
  });
  await tellOwner(tx, who, before, 'orderHoldReleased', {});
  const after = (await repo.findOrder(tx, { ...who.actor, dataScope: 'org' }, orderId))!;
  await auditChange(tx, who, ENTITY, orderId, 'releaseHold', snapshot(before), snapshot(after));
  return present(who.actor, after, await repo.listLines(tx, orgId, orderId));
}

/** A note on the timeline from any department that works on the order. */
export async function addOrderNote(ctx: Ctx, id: string, note: string) {
  requireOrders(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleOrder(tx, ctx, id);
    await repo.insertEvent(tx, {
      orgId: ctx.actor.orgId,
      orderId: id,
      kind: 'note',
      fromStatus: null,
      toStatus: null,
      department: departmentOf(ctx.actor.roleKey),
      note: note.trim(),
      data: {},
      at: ctx.now,
      by: ctx.actor.userId,
    });
    await tellOwner(tx, ctx, row, 'orderNote', { note: note.trim().slice(0, 200) });
    await audit(tx, ctx, ENTITY, id, 'note');
    return { items: await repo.listEvents(tx, ctx.actor.orgId, id) };
  });
}
