import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { saveContactActivity } from '../customers/index.ts';
import * as repo from './interactions.repository.ts';
import { interactions } from './interactions.table.ts';
import { checkInteractionTimes, summariseContacts } from './interaction-rules.ts';
import {
  INTERACTION_SORTS,
  type InteractionCreate,
  type InteractionListQuery,
  type InteractionPatch,
} from './interactions.schema.ts';

export const ENTITY = 'interactions';

export function requireInteractions(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

type Attachment = Awaited<ReturnType<typeof repo.attachmentsOf>>[number];

function present(row: repo.InteractionRow, files: Attachment[]) {
  return {
    ...row,
    attachments: files
      .filter((f) => f.recordId === row.id)
      .map(({ recordId: _r, storageKey: _s, ...f }) => f),
  };
}

async function withAttachments(tx: Db, ctx: Ctx, rows: repo.InteractionRow[]) {
  const files = await repo.attachmentsOf(
    tx,
    ctx.actor.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, files));
}

export async function visibleInteraction(tx: Db, ctx: Ctx, id: string, opts: { deleted?: boolean } = {}) {
  const row = await repo.findInteraction(tx, ctx.actor, id, opts);
  if (!row) throw notFound('interaction');
  return row;
}

const stored = (row: repo.InteractionRow) => ({
  customerId: row.customerId,
  contactId: row.contactId,
  channel: row.channel,
  occurredAt: row.occurredAt,
  subject: row.subject,
  content: row.content,
  outcome: row.outcome,
  nextStep: row.nextStep,
  nextStepAt: row.nextStepAt,
  userId: row.userId,
});

const date = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/**
 * customer_activity's interaction columns, recomputed from the customer's live interactions so
 * that edits and deletions leave it right. The follow-up clock counts the current owner's
 * interactions: those of an earlier owner predate the assignment, which the pool counts from anyway.
 */
export async function refreshActivity(tx: Db, orgId: string, customerId: string, ownerId: string | null) {
  const summary = summariseContacts(await repo.lastPerChannel(tx, orgId, customerId));
  const lastFollowUpAt = ownerId ? await repo.lastByUser(tx, orgId, customerId, ownerId) : null;
  await saveContactActivity(tx, orgId, customerId, { ...summary, lastFollowUpAt });
}

async function checkRefs(
  tx: Db,
  ctx: Ctx,
  refs: { contactId?: string | null; userId?: string },
  customerId: string,
  errors: FieldError[],
) {
  if (refs.contactId && !(await repo.contactBelongsTo(tx, ctx.actor.orgId, refs.contactId, customerId)))
    errors.push({ field: 'contactId', code: 'notOfCustomer' });
  if (refs.userId && !(await repo.userExists(tx, ctx.actor.orgId, refs.userId)))
    errors.push({ field: 'userId', code: 'notFound' });
}

/** Creates or moves the open follow-up task of an interaction that names a next step time. */
async function syncFollowUp(tx: Db, ctx: Ctx, row: repo.InteractionRow) {
  if (!row.nextStepAt) return;
  const title = row.nextStep ?? row.subject ?? 'Follow up';
  const assigneeId = row.userId ?? ctx.actor.userId;
  const open = await repo.findOpenFollowUp(tx, ctx.actor.orgId, row.id);
  if (open) {
    await repo.updateFollowUpTask(
      tx,
      ctx.actor.orgId,
      open.id,
      { title, dueAt: row.nextStepAt, assigneeId, contactId: row.contactId },
      { userId: ctx.actor.userId, now: ctx.now },
    );
    return;
  }
  await repo.insertFollowUpTask(tx, {
    id: newId(),
    orgId: ctx.actor.orgId,
    title,
    kind: 'followUp',
    status: 'open',
    dueAt: row.nextStepAt,
    assigneeId,
    customerId: row.customerId,
    contactId: row.contactId,
    relatedType: ENTITY,
    relatedId: row.id,
    createdBy: ctx.actor.userId,
    updatedBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

export async function listInteractions(ctx: Ctx, query: InteractionListQuery) {
  requireInteractions(ctx, 'read');
  const sort = parseSort(query.sort, INTERACTION_SORTS, { field: 'occurredAt', desc: true });
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listInteractions(
      tx,
      ctx.actor,
      {
        customerId: query.customerId,
        contactId: query.contactId,
        channel: query.channel,
        userId: query.userId,
        from: date(query.from) ?? undefined,
        to: date(query.to) ?? undefined,
        q: query.q?.trim() || undefined,
      },
      { sort, cursor: decodeCursor(query.cursor), limit },
    );
    const page = pageBySort(rows, limit, sort.field);
    return { items: await withAttachments(tx, ctx, page.items), total, nextCursor: page.nextCursor };
  });
}

export async function getInteraction(ctx: Ctx, id: string) {
  requireInteractions(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const [row] = await withAttachments(tx, ctx, [await visibleInteraction(tx, ctx, id)]);
    return row!;
  });
}

export async function createInteraction(ctx: Ctx, input: InteractionCreate) {
  requireInteractions(ctx, 'create');
  const occurredAt = new Date(input.occurredAt);
  const nextStepAt = date(input.nextStepAt) ?? null;
  const errors = checkInteractionTimes({ occurredAt, nextStepAt }, ctx.now);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, input.customerId);
    if (!customer) errors.push({ field: 'customerId', code: 'notFound' });
    else await checkRefs(tx, ctx, input, input.customerId, errors);
    if (errors.length || !customer) throw new AppError('VALIDATION_FAILED', {}, errors);
    const id = newId();
    await repo.insertInteraction(tx, {
      id,
      orgId: ctx.actor.orgId,
      customerId: customer.id,
      contactId: input.contactId ?? null,
      channel: input.channel,
      occurredAt,
      subject: clean(input.subject) ?? null,
      content: clean(input.content) ?? null,
      outcome: clean(input.outcome) ?? null,
      nextStep: clean(input.nextStep) ?? null,
      nextStepAt,
      userId: input.userId ?? ctx.actor.userId,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = (await repo.findInteraction(tx, ctx.actor, id))!;
    await syncFollowUp(tx, ctx, row);
    await refreshActivity(tx, ctx.actor.orgId, customer.id, customer.ownerId);
    await auditChange(tx, ctx, ENTITY, id, 'create', null, stored(row));
    return present(row, []);
  });
}

export async function updateInteraction(ctx: Ctx, id: string, patch: InteractionPatch) {
  requireInteractions(ctx, 'update');
  const { version, ...rest } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleInteraction(tx, ctx, id);
    const set = {
      ...(rest.channel !== undefined ? { channel: rest.channel } : {}),
      ...(rest.occurredAt !== undefined ? { occurredAt: new Date(rest.occurredAt) } : {}),
      ...(rest.userId !== undefined ? { userId: rest.userId } : {}),
      ...(rest.contactId !== undefined ? { contactId: rest.contactId } : {}),
      ...(rest.nextStepAt !== undefined ? { nextStepAt: date(rest.nextStepAt) } : {}),
      ...Object.fromEntries(
        (['subject', 'content', 'outcome', 'nextStep'] as const)
          .filter((k) => rest[k] !== undefined)
          .map((k) => [k, clean(rest[k])]),
      ),
    };
    const errors = checkInteractionTimes(
      {
        occurredAt: set.occurredAt ?? before.occurredAt,
        nextStepAt: set.nextStepAt !== undefined ? set.nextStepAt : before.nextStepAt,
      },
      ctx.now,
    );
    await checkRefs(tx, ctx, { contactId: rest.contactId, userId: rest.userId }, before.customerId, errors);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    await updateVersioned(
      tx,
      interactions,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'interaction',
    );
    const after = (await repo.findInteraction(tx, ctx.actor, id))!;
    if (rest.nextStepAt !== undefined || rest.nextStep !== undefined) await syncFollowUp(tx, ctx, after);
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, after.customerId);
    await refreshActivity(tx, ctx.actor.orgId, after.customerId, customer?.ownerId ?? null);
    await auditChange(tx, ctx, ENTITY, id, 'update', stored(before), stored(after));
    const [out] = await withAttachments(tx, ctx, [after]);
    return out!;
  });
}

export async function deleteInteraction(ctx: Ctx, id: string) {
  requireInteractions(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleInteraction(tx, ctx, id);
    await softDelete(tx, interactions, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, row.customerId);
    await refreshActivity(tx, ctx.actor.orgId, row.customerId, customer?.ownerId ?? null);
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreInteraction(ctx: Ctx, id: string) {
  requireInteractions(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleInteraction(tx, ctx, id, { deleted: true });
    await restoreDeleted(tx, interactions, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, row.customerId);
    await refreshActivity(tx, ctx.actor.orgId, row.customerId, customer?.ownerId ?? null);
    await audit(tx, ctx, ENTITY, id, 'restore');
    const [out] = await withAttachments(tx, ctx, [(await repo.findInteraction(tx, ctx.actor, id))!]);
    return out!;
  });
}

export async function interactionHistory(ctx: Ctx, id: string) {
  requireInteractions(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findInteraction(tx, ctx.actor, id)))
      await visibleInteraction(tx, ctx, id, { deleted: true });
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
