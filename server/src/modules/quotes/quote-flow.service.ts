// The quote's steps after drafting: submit (approval when a discount exceeds the author's
// authority), approve / reject (approvers, never their own quote unless admin), send, and accept —
// which creates the order in the same transaction.
import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { auditChange } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { createOrderInTx } from '../orders/index.ts';
import { authorityOf, needsApproval, type QuoteStep } from './quote-rules.ts';
import * as repo from './quotes.repository.ts';
import { quotes, type QuoteStatus } from './quotes.table.ts';
import { assertStep, ENTITY, orgContext, present, requireQuotes, visibleQuote } from './quotes.service.ts';
import type { StepBody } from './quotes.schema.ts';

type Body = StepBody;

/** Loads and locks the quote, checks the step, applies `set`, audits, and returns the new state. */
async function step(
  tx: Db,
  ctx: Ctx,
  id: string,
  name: QuoteStep,
  body: Body,
  decide: (
    row: repo.QuoteRow,
    org: Awaited<ReturnType<typeof orgContext>>,
  ) => Promise<Record<string, unknown>>,
) {
  const org = await orgContext(tx, ctx.actor.orgId, ctx.now);
  const before = await visibleQuote(tx, ctx, id, { lock: true });
  if (body.version !== undefined && body.version !== before.version) throw new AppError('VERSION_CONFLICT');
  assertStep(name, before, org.today);
  const set = await decide(before, org);
  await updateVersioned(
    tx,
    quotes,
    { orgId: ctx.actor.orgId, id, version: before.version },
    set,
    { userId: ctx.actor.userId, now: ctx.now },
    'quote',
  );
  const after = (await repo.findQuote(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
  const snap = (r: repo.QuoteRow) => ({
    status: r.status,
    approvedBy: r.approvedBy,
    approvalNote: r.approvalNote,
    orderId: r.orderId,
  });
  await auditChange(tx, ctx, ENTITY, id, name, snap(before), snap(after));
  return { after, today: org.today };
}

const userName = async (tx: Db, orgId: string, id: string) =>
  (await repo.findUser(tx, orgId, id))?.name ?? '';

export async function submitQuote(ctx: Ctx, id: string, body: Body) {
  requireQuotes(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { after, today } = await step(tx, ctx, id, 'submit', body, async (row, org) => {
      const authority = authorityOf(org.authority, ctx.actor.roleKey);
      if (!needsApproval(row.maxDiscountPct, authority))
        return {
          status: 'approved' satisfies QuoteStatus,
          approvedBy: ctx.actor.userId,
          approvedAt: ctx.now,
        };
      const approvers = await repo.findApprovers(tx, ctx.actor.orgId, [ctx.actor.userId, row.ownerId]);
      const by = await userName(tx, ctx.actor.orgId, ctx.actor.userId);
      await notify(
        tx,
        approvers.map((userId) => ({
          orgId: ctx.actor.orgId,
          userId,
          kind: 'quoteApprovalRequested',
          params: {
            number: row.number,
            customerName: row.customerName,
            discount: row.maxDiscountPct,
            authority,
            by,
          },
          link: `/quotes/${id}`,
        })),
      );
      return {
        status: 'pendingApproval' satisfies QuoteStatus,
        approvalRequestedAt: ctx.now,
        approvalNote: body.note ?? null,
      };
    });
    return present(after, today, await repo.findLines(tx, ctx.actor.orgId, id));
  });
}

async function decideApproval(ctx: Ctx, id: string, body: Body, verdict: 'approve' | 'reject') {
  if (!can(ctx.actor, 'quoteApproval', 'update')) throw forbidden('quoteApproval', 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { after, today } = await step(tx, ctx, id, verdict, body, async (row) => {
      const own = row.ownerId === ctx.actor.userId || row.createdBy === ctx.actor.userId;
      if (own && ctx.actor.roleKey !== 'admin') throw new AppError('OWN_QUOTE_APPROVAL');
      if (row.ownerId !== ctx.actor.userId)
        await notify(tx, [
          {
            orgId: ctx.actor.orgId,
            userId: row.ownerId,
            kind: verdict === 'approve' ? 'quoteApproved' : 'quoteRejected',
            params: {
              number: row.number,
              by: await userName(tx, ctx.actor.orgId, ctx.actor.userId),
              note: body.note ?? '',
            },
            link: `/quotes/${id}`,
          },
        ]);
      return {
        status: (verdict === 'approve' ? 'approved' : 'rejected') satisfies QuoteStatus,
        approvedBy: ctx.actor.userId,
        approvedAt: ctx.now,
        approvalNote: body.note?.trim() || null,
      };
    });
    return present(after, today, await repo.findLines(tx, ctx.actor.orgId, id));
  });
}

export const approveQuote = (ctx: Ctx, id: string, body: Body) => decideApproval(ctx, id, body, 'approve');
export const rejectQuote = (ctx: Ctx, id: string, body: Body) => decideApproval(ctx, id, body, 'reject');

export async function sendQuote(ctx: Ctx, id: string, body: Body) {
  requireQuotes(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { after, today } = await step(tx, ctx, id, 'send', body, async () => ({
      status: 'sent' satisfies QuoteStatus,
    }));
    return present(after, today, await repo.findLines(tx, ctx.actor.orgId, id));
  });
}

/** The customer said yes: the order is created from the quote's lines, in the same transaction. */
export async function acceptQuote(ctx: Ctx, id: string, body: Body) {
  requireQuotes(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    let order: { id: string; number: string } & Record<string, unknown> = { id: '', number: '' };
    const { after, today } = await step(tx, ctx, id, 'accept', body, async (row) => {
      const lines = await repo.findLines(tx, ctx.actor.orgId, id);
      order = await createOrderInTx(tx, ctx, {
        customerId: row.customerId,
        currency: row.currency,
        lines: lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPct: l.discountPct,
          taxRate: l.taxRate,
        })),
        quoteId: id,
        opportunityId: row.opportunityId,
        source: 'quote',
        notes: row.terms,
      });
      return { status: 'accepted' satisfies QuoteStatus, orderId: order.id };
    });
    return {
      quote: present(after, today, await repo.findLines(tx, ctx.actor.orgId, id)),
      order,
    };
  });
}
