import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import * as repo from './orders.repository.ts';
import { orders } from './orders.table.ts';
import { queueOf } from './order-flow.ts';
import { present, snapshot } from './order-present.ts';
import { createOrderInTx, ENTITY, lineRows, priceLines, termErrors } from './order-create.service.ts';
import {
  ORDER_SORTS,
  type OrderCreate,
  type OrderListQuery,
  type OrderPatch,
  type OrderPreview,
  type OrderQueueQuery,
} from './orders.schema.ts';

export function requireOrders(ctx: Pick<Ctx, 'actor'>, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

export async function visibleOrder(
  tx: Db,
  ctx: Pick<Ctx, 'actor'>,
  id: string,
  opts: { deleted?: boolean; lock?: boolean } = {},
) {
  const row = await repo.findOrder(tx, ctx.actor, id, opts);
  if (!row) throw notFound('order');
  return row;
}

/** "abc" → "%abc%" with LIKE's own characters escaped. */
const likePattern = (q: string | undefined) =>
  q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;

/** A day in China (YYYY-MM-DD) → its start; `next` → the start of the following day. */
const shanghaiDay = (ymd: string, next = false) =>
  new Date(new Date(`${ymd}T00:00:00+08:00`).getTime() + (next ? 86_400_000 : 0));

export function listingOf(query: OrderListQuery) {
  const sort = parseSort(query.sort, ORDER_SORTS, { field: 'createdAt', desc: true });
  const filter: repo.OrderFilter = {
    status: query.status,
    customerId: query.customerId,
    ownerId: query.ownerId,
    onHold: query.onHold === undefined ? undefined : query.onHold === 'true',
    createdFrom: query.createdFrom ? shanghaiDay(query.createdFrom) : undefined,
    createdTo: query.createdTo ? shanghaiDay(query.createdTo, true) : undefined,
    like: likePattern(query.q),
  };
  return { filter, sort };
}

async function listPage(
  ctx: Ctx,
  filter: repo.OrderFilter,
  sort: ReturnType<typeof listingOf>['sort'],
  query: { limit?: number; cursor?: string },
) {
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listOrders(tx, ctx.actor, filter, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    const capped = total > repo.LIST_COUNT_CAP;
    return {
      items: page.items.map((r) => present(ctx.actor, r)),
      total: capped ? repo.LIST_COUNT_CAP : total,
      ...(capped ? { totalCapped: true } : {}),
      nextCursor: page.nextCursor,
    };
  });
}

export async function listOrders(ctx: Ctx, query: OrderListQuery) {
  requireOrders(ctx, 'read');
  const { filter, sort } = listingOf(query);
  return listPage(ctx, filter, sort, query);
}

/** Orders waiting for a department's next step (default: the caller's role), oldest change first. */
export async function orderQueue(ctx: Ctx, query: OrderQueueQuery) {
  requireOrders(ctx, 'read');
  const { filter, sort } = listingOf({ q: query.q, sort: query.sort ?? 'updatedAt' });
  filter.queue = queueOf(query.department ?? ctx.actor.roleKey);
  return listPage(ctx, filter, sort, query);
}

export async function getOrder(ctx: Ctx, id: string) {
  requireOrders(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleOrder(tx, ctx, id);
    return present(ctx.actor, row, await repo.listLines(tx, ctx.actor.orgId, id));
  });
}

export async function createOrder(ctx: Ctx, input: OrderCreate) {
  requireOrders(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    createOrderInTx(tx, ctx, { ...input, currency: input.currency ?? 'CNY', source: 'rep' }),
  );
}

/** Totals of lines as an order would compute them; nothing is saved. */
export async function previewOrder(ctx: Ctx, input: OrderPreview) {
  requireOrders(ctx, 'read');
  const currency = input.currency ?? 'CNY';
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (input.customerId && !(await repo.findVisibleCustomer(tx, ctx.actor, input.customerId)))
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'customerId', code: 'notFound' }]);
    const ask = { currency, customerId: input.customerId ?? null, now: ctx.now };
    const { lines, totals } = await priceLines(tx, ctx.actor.orgId, ask, input.lines);
    // The same field rules as an order: a caller who may not see costs gets no cost nor profit here.
    const order = present(ctx.actor, {
      ...totals,
      status: 'draft',
      creditHold: null,
      creditReleasedAt: null,
      creditHoldDetails: null,
    });
    return {
      currency,
      lines: lines.map(({ amounts, unitCost: _c, ...l }) => ({
        ...l,
        gross: amounts.gross,
        discount: amounts.discount,
        net: amounts.net,
        tax: amounts.tax,
      })),
      ...totals,
      costTotal: order.costTotal,
      profit: order.profit,
    };
  });
}

function requireDraft(row: repo.OrderRow): void {
  if (row.status !== 'draft') throw new AppError('ORDER_NOT_DRAFT', { status: row.status });
}

/** A draft's lines (replaced as a whole), currency, terms, address and notes; totals recomputed. */
export async function updateOrder(ctx: Ctx, id: string, patch: OrderPatch) {
  requireOrders(ctx, 'update');
  const { version, lines, ...p } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleOrder(tx, ctx, id, { lock: true });
    requireDraft(before);
    const errors: FieldError[] = termErrors(p);
    const set: Record<string, unknown> = {};
    const currency = p.currency ?? before.currency;
    let newLines: ReturnType<typeof lineRows> | undefined;
    if (lines !== undefined || (p.currency !== undefined && p.currency !== before.currency)) {
      const input =
        lines ??
        (await repo.listLines(tx, ctx.actor.orgId, id)).map((l) => ({
          productId: l.productId,
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPct: l.discountPct,
          taxRate: l.taxRate,
        }));
      try {
        const ask = { currency, customerId: before.customerId, now: ctx.now };
        const priced = await priceLines(tx, ctx.actor.orgId, ask, input);
        Object.assign(set, priced.totals, { currency });
        newLines = lineRows(ctx.actor.orgId, id, priced.lines);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
        errors.push(...(e.details as FieldError[]));
      }
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    if (p.prepaymentPct !== undefined) set.prepaymentPct = p.prepaymentPct ?? '0';
    if (p.creditDays !== undefined) set.creditDays = p.creditDays ?? 0;
    if (p.deliveryAddress !== undefined) set.deliveryAddress = p.deliveryAddress?.trim() || null;
    if (p.notes !== undefined) set.notes = p.notes?.trim() || null;
    await updateVersioned(
      tx,
      orders,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'order',
    );
    if (newLines) {
      await repo.deleteLines(tx, ctx.actor.orgId, id);
      await repo.insertLines(tx, newLines);
    }
    const after = (await repo.findOrder(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(ctx.actor, after, await repo.listLines(tx, ctx.actor.orgId, id));
  });
}

export async function deleteOrder(ctx: Ctx, id: string) {
  requireOrders(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    requireDraft(await visibleOrder(tx, ctx, id, { lock: true }));
    await softDelete(tx, orders, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreOrder(ctx: Ctx, id: string) {
  requireOrders(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleOrder(tx, ctx, id, { deleted: true });
    await restoreDeleted(tx, orders, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return present(ctx.actor, await visibleOrder(tx, ctx, id), await repo.listLines(tx, ctx.actor.orgId, id));
  });
}

export async function orderHistory(ctx: Ctx, id: string) {
  requireOrders(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findOrder(tx, ctx.actor, id))) await visibleOrder(tx, ctx, id, { deleted: true });
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}

/** The order's timeline, oldest first: every department's steps, shipments, holds and notes. */
export async function orderTimeline(ctx: Ctx, id: string) {
  requireOrders(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleOrder(tx, ctx, id);
    return { items: await repo.listEvents(tx, ctx.actor.orgId, id) };
  });
}
