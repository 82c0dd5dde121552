import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import * as repo from './partners.repository.ts';
import { partners } from './partners.table.ts';
import { normalisePartner } from './partner-input.ts';
import {
  PARTNER_SORTS,
  type PartnerCreate,
  type PartnerListQuery,
  type PartnerPatch,
} from './partners.schema.ts';

export const ENTITY = 'partners';

export function requirePartners(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

const snapshot = (r: repo.PartnerRow) => {
  const { id: _i, version: _v, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...rest } = r;
  return rest;
};

async function livePartner(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findPartner(tx, ctx.actor.orgId, id);
  if (!row) throw notFound('partner');
  return row;
}

export const filterOf = (q: PartnerListQuery): repo.PartnerFilter => ({
  kind: q.kind,
  q: q.q?.trim() || undefined,
  tag: q.tag?.trim() || undefined,
});
export const sortOf = (q: PartnerListQuery) =>
  parseSort(q.sort, PARTNER_SORTS, { field: 'name', desc: false });

export async function listPartners(ctx: Ctx, query: PartnerListQuery) {
  requirePartners(ctx, 'read');
  const sort = sortOf(query);
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listPartners(tx, ctx.actor.orgId, filterOf(query), {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getPartner(ctx: Ctx, id: string) {
  requirePartners(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => livePartner(tx, ctx, id));
}

export async function createPartner(ctx: Ctx, input: PartnerCreate) {
  requirePartners(ctx, 'create');
  const { set, errors } = normalisePartner(input);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const id = newId();
    await repo.insertPartner(tx, {
      ...(set as object),
      id,
      orgId: ctx.actor.orgId,
      kind: input.kind,
      name: set.name as string,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    });
    const row = (await repo.findPartner(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    return row;
  });
}

export async function updatePartner(ctx: Ctx, id: string, patch: PartnerPatch) {
  requirePartners(ctx, 'update');
  const { version, kind, ...changes } = patch;
  const { set, errors } = normalisePartner(changes);
  if (kind !== undefined) set.kind = kind;
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await livePartner(tx, ctx, id);
    await updateVersioned(
      tx,
      partners,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'partner',
    );
    const after = (await repo.findPartner(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return after;
  });
}

export async function deletePartner(ctx: Ctx, id: string) {
  requirePartners(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await livePartner(tx, ctx, id);
    await softDelete(tx, partners, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restorePartner(ctx: Ctx, id: string) {
  requirePartners(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findPartner(tx, ctx.actor.orgId, id, { deleted: true }))) throw notFound('partner');
    await restoreDeleted(tx, partners, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return (await repo.findPartner(tx, ctx.actor.orgId, id))!;
  });
}

export async function partnerHistory(ctx: Ctx, id: string) {
  requirePartners(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await livePartner(tx, ctx, id);
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
