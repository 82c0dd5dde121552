import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { can, type Action } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { releaseOrderHold } from '../orders/index.ts';
import { fromCents, toCents } from '../../lib/money.ts';
import { availableCredit } from './credit-rules.ts';
import { orgDay } from './credit-check.service.ts';
import * as repo from './credit.repository.ts';
import { findVisibleCustomer } from './receivables.repository.ts';

const ENTITY = 'credit';

function requireCredit(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** limit, rating, open receivables and orders, available credit, overdue debt, suspension. */
export async function customerCredit(ctx: Ctx, customerId: string) {
  requireCredit(ctx, 'read');
  return creditOf(ctx, customerId);
}

async function creditOf(ctx: Ctx, customerId: string) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await findVisibleCustomer(tx, ctx.actor, customerId))) throw notFound('customer');
    const { today, threshold } = await orgDay(tx, ctx.actor.orgId, ctx.now);
    const p = (await repo.creditPosition(tx, ctx.actor.orgId, customerId, today, null))!;
    return {
      customerId,
      limit: p.limit,
      currency: p.currency,
      rating: p.rating,
      openReceivables: fromCents(toCents(p.openReceivables)),
      openOrders: fromCents(toCents(p.openOrders)),
      available: availableCredit(p),
      overdue: fromCents(toCents(p.overdue)),
      maxDaysOverdue: p.maxDaysOverdue,
      overdueThresholdDays: threshold,
      suspended: p.suspended,
      suspendedReason: p.suspendedReason,
      suspendedAt: p.suspendedAt,
    };
  });
}

/** Suspends (reason required) or resumes a customer's ordering; audited either way, idempotent. */
export async function setSuspended(ctx: Ctx, customerId: string, suspend: boolean, text: string | null) {
  requireCredit(ctx, 'update');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await findVisibleCustomer(tx, ctx.actor, customerId))) throw notFound('customer');
    const before = await repo.findCreditAccount(tx, ctx.actor.orgId, customerId);
    const was = before?.suspended ?? false;
    if (was === suspend && (!suspend || before?.suspendedReason === text)) return;
    await repo.saveCreditAccount(tx, {
      orgId: ctx.actor.orgId,
      customerId,
      suspended: suspend,
      suspendedReason: suspend ? text : (before?.suspendedReason ?? null),
      suspendedAt: suspend ? ctx.now : (before?.suspendedAt ?? null),
      suspendedBy: suspend ? ctx.actor.userId : (before?.suspendedBy ?? null),
      resumedAt: suspend ? (before?.resumedAt ?? null) : ctx.now,
      resumedBy: suspend ? (before?.resumedBy ?? null) : ctx.actor.userId,
      updatedAt: ctx.now,
    });
    await audit(tx, ctx, 'customers', customerId, suspend ? 'creditSuspend' : 'creditResume', [
      { field: 'creditSuspended', old: was, new: suspend },
      ...(suspend
        ? [{ field: 'creditSuspendedReason', old: before?.suspendedReason ?? null, new: text }]
        : text
          ? [{ field: 'creditResumeNote', old: null, new: text }]
          : []),
    ]);
  });
  return creditOf(ctx, customerId);
}

export async function listHolds(ctx: Ctx, limit = 200) {
  requireCredit(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const items = await repo.listHolds(tx, ctx.actor, limit);
    return { items, total: items.length, nextCursor: null };
  });
}

/** Finance releases an order's credit hold (the orders module writes the timeline and audit). */
export async function releaseHold(ctx: Ctx, orderId: string, note: string) {
  requireCredit(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findOrderCustomer(tx, ctx.actor, orderId))) throw notFound('order');
    return releaseOrderHold(tx, { actor: ctx.actor, ip: ctx.ip, now: ctx.now }, orderId, note);
  });
}
