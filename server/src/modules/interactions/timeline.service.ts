import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { maskChanges } from '../audit/index.ts';
import { findCustomerActivity } from '../customers/index.ts';
import { attachmentsOf, findVisibleCustomer } from './interactions.repository.ts';
import * as tl from './timeline.repository.ts';
import { decodeTimelineCursor, mergeTimeline, parseTimelineTypes, type TimelineType } from './timeline.ts';
import type { TimelineQuery } from './interactions.schema.ts';

function requireCustomers(ctx: Ctx) {
  if (!can(ctx.actor, 'customers', 'read')) throw forbidden('customers', 'read');
}

/** Communication behaviour of one customer; columns later modules fill stay null until then. */
export async function customerActivity(ctx: Ctx, customerId: string) {
  requireCustomers(ctx);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await findVisibleCustomer(tx, ctx.actor, customerId))) throw notFound('customer');
    const row = await findCustomerActivity(tx, ctx.actor.orgId, customerId);
    return {
      customerId,
      lastContactAt: row?.lastContactAt ?? null,
      lastContactChannel: row?.lastContactChannel ?? null,
      lastByChannel: row?.lastByChannel ?? {},
      lastFollowUpAt: row?.lastFollowUpAt ?? null,
      lastDealAt: row?.lastDealAt ?? null,
      lastPortalLoginAt: row?.lastPortalLoginAt ?? null,
      lastEnquiryAt: row?.lastEnquiryAt ?? null,
      emailOpens: row?.emailOpens ?? null,
      emailClicks: row?.emailClicks ?? null,
      lastEmailCampaignAt: row?.lastEmailCampaignAt ?? null,
      lastSmsCampaignAt: row?.lastSmsCampaignAt ?? null,
    };
  });
}

interface Item {
  type: TimelineType;
  at: Date;
  id: string;
  entity: string;
  entityId: string | null;
  userId: string | null;
  userName: string | null;
  title: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The 360° timeline of a customer: its interactions, its tasks (created, due, done) and the
 * changes to it and its contacts, newest first. Each source the caller may read is asked for
 * limit + 1 items after the cursor on its own index; the merge keeps the newest `limit`.
 */
export async function customerTimeline(ctx: Ctx, customerId: string, query: TimelineQuery) {
  requireCustomers(ctx);
  const limit = query.limit ?? 20;
  const types = parseTimelineTypes(query.types);
  const cursor = decodeTimelineCursor(query.cursor);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await findVisibleCustomer(tx, ctx.actor, customerId))) throw notFound('customer');
    const scope = { orgId: ctx.actor.orgId, customerId };
    const n = limit + 1;
    const sources: (() => Promise<Item[]>)[] = [];
    if (types.has('interactions') && can(ctx.actor, 'interactions', 'read'))
      sources.push(() =>
        tl.interactionItems(tx, scope, n, cursor).then((rows) =>
          rows.map(({ id, at, userId, userName, subject, ...detail }) => ({
            type: 'interaction' as const,
            at,
            id,
            entity: 'interactions',
            entityId: id,
            userId,
            userName,
            title: subject,
            detail,
          })),
        ),
      );
    if (types.has('tasks') && can(ctx.actor, 'tasks', 'read'))
      for (const type of ['taskCreated', 'taskDue', 'taskDone'] as const)
        sources.push(() =>
          tl.taskItems(tx, scope, type, n, cursor).then((rows) =>
            rows.map(({ id, at, userId, userName, title, ...detail }) => ({
              type,
              at,
              id,
              entity: 'tasks',
              entityId: id,
              userId,
              userName,
              title,
              detail,
            })),
          ),
        );
    if (types.has('changes'))
      sources.push(() =>
        tl.changeItems(tx, scope, n, cursor).then((rows) =>
          rows.map((r) => ({
            type: 'change' as const,
            at: r.at,
            id: r.id,
            entity: r.entity,
            entityId: r.entityId,
            userId: r.userId,
            userName: r.userName,
            title: r.action,
            detail: { action: r.action, changes: maskChanges(ctx.actor, r.entity, r.changes) },
          })),
        ),
      );
    // One transaction, one connection: the sources run one after another.
    const results: Item[][] = [];
    for (const s of sources) results.push(await s());
    const page = mergeTimeline(results, limit);
    // The page's interactions get their files (one indexed read for the page, not per source row).
    const shown = page.items.filter((i) => i.type === 'interaction').map((i) => i.id);
    const files = await attachmentsOf(tx, ctx.actor.orgId, shown);
    for (const item of page.items)
      if (item.type === 'interaction')
        item.detail = {
          ...item.detail,
          attachments: files
            .filter((f) => f.recordId === item.id)
            .map(({ recordId: _r, storageKey: _s, ...f }) => f),
        };
    return page;
  });
}
