import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { checkDictionaryValues } from '../customization/index.ts';
import { recordDeal } from '../customers/index.ts';
import * as repo from './opportunities.repository.ts';
import { opportunities } from './opportunities.table.ts';
import { pipelineWithStages } from './pipelines.service.ts';
import { checkEntry, entryEffects } from './stage-rules.ts';
import {
  OPPORTUNITY_SORTS,
  type OpportunityCreate,
  type OpportunityListQuery,
  type OpportunityOut,
  type OpportunityPatch,
} from './opportunities.schema.ts';

export const ENTITY = 'opportunities';

/** Who acts, from where and when: what audit and history need. */
export type Who = Pick<Ctx, 'actor' | 'ip' | 'now'>;

export function requireOpportunities(ctx: Pick<Ctx, 'actor'>, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

export function present(row: repo.OpportunityRow): OpportunityOut {
  return { ...row, status: row.status, amount: row.amount, expectedCloseDate: row.expectedCloseDate ?? null };
}

/** Audit snapshot: the stored values people change. */
const snapshot = (r: repo.OpportunityRow) => ({
  name: r.name,
  customerId: r.customerId,
  contactId: r.contactId,
  pipelineId: r.pipelineId,
  stageId: r.stageId,
  status: r.status,
  amount: r.amount,
  currency: r.currency,
  probability: r.probability,
  expectedCloseDate: r.expectedCloseDate,
  productInterest: r.productInterest,
  channel: r.channel,
  campaign: r.campaign,
  ownerId: r.ownerId,
  lostReason: r.lostReason,
  lostNote: r.lostNote,
  tags: r.tags,
});

export async function visibleOpportunity(tx: Db, ctx: Pick<Ctx, 'actor'>, id: string, deleted = false) {
  const row = await repo.findOpportunity(tx, ctx.actor, id, { deleted });
  if (!row) throw notFound('opportunity');
  return row;
}

/** "abc" → "%abc%" with LIKE's own characters escaped. */
export const likePattern = (q: string | undefined) =>
  q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;

export function listingOf(query: OpportunityListQuery) {
  const sort = parseSort(query.sort, OPPORTUNITY_SORTS, { field: 'updatedAt', desc: true });
  const { limit: _l, cursor: _c, sort: _s, q, closedSince, ...rest } = query;
  const filter: repo.OpportunityFilter = {
    ...rest,
    like: likePattern(q),
    closedSince: closedSince ? new Date(closedSince) : undefined,
  };
  return { filter, sort };
}

export async function listOpportunities(ctx: Ctx, query: OpportunityListQuery) {
  requireOpportunities(ctx, 'read');
  const limit = query.limit ?? 50;
  const { filter, sort } = listingOf(query);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listOpportunities(tx, ctx.actor, filter, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    const capped = total > repo.LIST_COUNT_CAP;
    return {
      items: page.items.map(present),
      total: capped ? repo.LIST_COUNT_CAP : total,
      ...(capped ? { totalCapped: true } : {}),
      nextCursor: page.nextCursor,
    };
  });
}

export async function getOpportunity(ctx: Ctx, id: string) {
  requireOpportunities(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => present(await visibleOpportunity(tx, ctx, id)));
}

/** Dictionary values named by the input: channel, lost reason, each product line. */
async function checkDictionaries(
  tx: Db,
  who: Who,
  input: { channel?: string | null; lostReason?: string | null; productInterest?: string[] },
): Promise<FieldError[]> {
  const values: Record<string, string | null | undefined> = {
    channel: input.channel,
    lostReason: input.lostReason,
  };
  const fields: Record<string, 'leadChannel' | 'opportunityLostReason' | 'productLine'> = {
    channel: 'leadChannel',
    lostReason: 'opportunityLostReason',
  };
  (input.productInterest ?? []).forEach((p, i) => {
    values[`productInterest[${i}]`] = p;
    fields[`productInterest[${i}]`] = 'productLine';
  });
  return checkDictionaryValues(tx, who.actor.orgId, who.now, fields, values);
}

async function ownerAssignment(tx: Db, who: Who, ownerId: string, errors: FieldError[]) {
  const user = await repo.findAssignableUser(tx, who.actor, ownerId);
  if (!user) {
    errors.push({ field: 'ownerId', code: 'notFound' });
    return undefined;
  }
  return { ownerId: user.id, teamId: user.teamId, departmentId: user.departmentId };
}

export function stageError(
  error: 'UNKNOWN_STAGE' | 'STAGE_INACTIVE' | 'LOST_REASON_REQUIRED',
  stageName?: string,
) {
  if (error === 'UNKNOWN_STAGE')
    return new AppError('UNKNOWN_STAGE', {}, [{ field: 'stageId', code: 'invalid' }]);
  if (error === 'STAGE_INACTIVE') return new AppError('STAGE_INACTIVE', { stage: stageName ?? '' });
  return new AppError('VALIDATION_FAILED', {}, [{ field: 'lostReason', code: 'required' }]);
}

export type CreateInput = OpportunityCreate & { leadId?: string | null };

/**
 * Creates an opportunity inside the caller's transaction (the API, lead conversion, demo data):
 * the customer must be visible to the actor; the pipeline defaults to the organisation's default
 * and the stage to its first active open stage; the entry is the first row of its stage history.
 */
export async function createOpportunityInTx(tx: Db, who: Who, input: CreateInput): Promise<OpportunityOut> {
  requireOpportunities(who, 'create');
  const errors: FieldError[] = [];
  const orgId = who.actor.orgId;
  const customer = await repo.findVisibleCustomer(tx, who.actor, input.customerId);
  if (!customer) errors.push({ field: 'customerId', code: 'notFound' });
  if (input.contactId && customer && !(await repo.contactOfCustomer(tx, orgId, input.contactId, customer.id)))
    errors.push({ field: 'contactId', code: 'notOfCustomer' });
  let pipeline;
  try {
    pipeline = await pipelineWithStages(tx, who, input.pipelineId);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    errors.push({ field: 'pipelineId', code: 'notFound' });
  }
  const assignment = await ownerAssignment(tx, who, input.ownerId ?? who.actor.userId, errors);
  errors.push(...(await checkDictionaries(tx, who, input)));
  if (errors.length || !pipeline || !assignment) throw new AppError('VALIDATION_FAILED', {}, errors);
  const stage = input.stageId
    ? pipeline.stages.find((s) => s.id === input.stageId)
    : pipeline.stages.find((s) => s.kind === 'open' && s.active);
  const check = checkEntry(pipeline.pipeline.id, stage, input.lostReason);
  if (!check.ok) throw stageError(check.error, stage?.name);
  const to = stage!;
  const id = newId();
  const amount = input.amount ?? '0';
  const currency = input.currency ?? 'CNY';
  const effects = entryEffects(to, who.now, input);
  await repo.insertOpportunity(tx, {
    orgId,
    id,
    name: input.name.trim(),
    customerId: input.customerId,
    contactId: input.contactId ?? null,
    leadId: input.leadId ?? null,
    pipelineId: pipeline.pipeline.id,
    stageId: to.id,
    amount,
    currency,
    expectedCloseDate: input.expectedCloseDate ?? null,
    productInterest: input.productInterest ?? [],
    channel: input.channel ?? null,
    campaign: input.campaign?.trim() || null,
    ...assignment,
    tags: input.tags ?? [],
    ...effects,
    probability: input.probability ?? effects.probability,
    createdAt: who.now,
    updatedAt: who.now,
    createdBy: who.actor.userId,
    updatedBy: who.actor.userId,
  });
  await repo.insertStageChange(tx, {
    orgId,
    opportunityId: id,
    pipelineId: pipeline.pipeline.id,
    fromStageId: null,
    toStageId: to.id,
    at: who.now,
    opportunityCreatedAt: who.now,
    by: who.actor.userId,
    amount,
    currency,
  });
  await recordDeal(tx, orgId, input.customerId, who.now);
  const row = (await repo.findOpportunity(tx, { ...who.actor, dataScope: 'org' }, id))!;
  await auditChange(tx, who, ENTITY, id, 'create', null, snapshot(row));
  return present(row);
}

export async function createOpportunity(ctx: Ctx, input: OpportunityCreate) {
  requireOpportunities(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => createOpportunityInTx(tx, ctx, input));
}

export async function updateOpportunity(ctx: Ctx, id: string, patch: OpportunityPatch) {
  requireOpportunities(ctx, 'update');
  const { version, ...p } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleOpportunity(tx, ctx, id);
    const errors: FieldError[] = [];
    const set: Record<string, unknown> = {};
    const customerId = p.customerId ?? before.customerId;
    if (p.customerId !== undefined && p.customerId !== before.customerId) {
      if (!(await repo.findVisibleCustomer(tx, ctx.actor, p.customerId)))
        errors.push({ field: 'customerId', code: 'notFound' });
      set.customerId = p.customerId;
      if (p.contactId === undefined && before.contactId) set.contactId = null;
    }
    if (p.contactId !== undefined) {
      if (p.contactId && !(await repo.contactOfCustomer(tx, ctx.actor.orgId, p.contactId, customerId)))
        errors.push({ field: 'contactId', code: 'notOfCustomer' });
      set.contactId = p.contactId;
    }
    if (p.ownerId !== undefined && p.ownerId !== before.ownerId)
      Object.assign(set, await ownerAssignment(tx, ctx, p.ownerId, errors));
    if (p.lostReason !== undefined || p.lostNote !== undefined) {
      if (before.status !== 'lost') errors.push({ field: 'lostReason', code: 'readOnly' });
      else if (p.lostReason !== undefined && !p.lostReason?.trim())
        errors.push({ field: 'lostReason', code: 'required' });
    }
    errors.push(
      ...(await checkDictionaries(tx, ctx, {
        channel: p.channel,
        lostReason: p.lostReason,
        productInterest: p.productInterest,
      })),
    );
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    if (p.name !== undefined) set.name = p.name.trim();
    if (p.campaign !== undefined) set.campaign = p.campaign?.trim() || null;
    if (p.lostNote !== undefined) set.lostNote = p.lostNote?.trim() || null;
    for (const k of [
      'amount',
      'currency',
      'probability',
      'expectedCloseDate',
      'productInterest',
      'channel',
      'tags',
      'lostReason',
    ] as const)
      if (p[k] !== undefined) set[k] = p[k];
    await updateVersioned(
      tx,
      opportunities,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'opportunity',
    );
    const after = (await repo.findOpportunity(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(after);
  });
}

export async function deleteOpportunity(ctx: Ctx, id: string) {
  requireOpportunities(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleOpportunity(tx, ctx, id);
    await softDelete(tx, opportunities, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreOpportunity(ctx: Ctx, id: string) {
  requireOpportunities(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleOpportunity(tx, ctx, id, true);
    await restoreDeleted(tx, opportunities, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return present(await visibleOpportunity(tx, ctx, id));
  });
}

export async function opportunityHistory(ctx: Ctx, id: string) {
  requireOpportunities(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findOpportunity(tx, ctx.actor, id))) await visibleOpportunity(tx, ctx, id, true);
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
