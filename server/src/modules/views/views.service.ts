import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { can, recordScope, type Action, type Actor } from '../access/index.ts';
import { audit, auditChange } from '../audit/index.ts';
import { fieldDefsOf, parseCfFilters, parseCfSort } from '../customization/index.ts';
import { CUSTOMER_LIST_SHAPE } from '../customers/index.ts';
import { CONTACT_LIST_SHAPE } from '../contacts/index.ts';
import { OPPORTUNITY_LIST_SHAPE } from '../opportunities/index.ts';
import { LEAD_LIST_SHAPE } from '../leads/index.ts';
import { ORDER_LIST_SHAPE } from '../orders/index.ts';
import * as repo from './views.repository.ts';
import { savedViews, type SavedViewConfig } from './views.table.ts';
import { checkViewConfig, type ListShape } from './view-config.ts';
import type { SavedViewCreate, SavedViewPatch } from './views.schema.ts';

const ENTITY = 'savedViews';
const SHAPES: Record<string, ListShape> = {
  customers: CUSTOMER_LIST_SHAPE,
  contacts: CONTACT_LIST_SHAPE,
  opportunities: OPPORTUNITY_LIST_SHAPE,
  leads: LEAD_LIST_SHAPE,
  orders: ORDER_LIST_SHAPE,
};

/** Views of a list are for those who may read the list; private ones need nothing more. */
function needList(ctx: Ctx, entity: string): void {
  if (!can(ctx.actor, entity, 'read')) throw forbidden(entity, 'read');
}

/** Sharing with the organisation takes savedViews:create. */
function needShare(ctx: Ctx): void {
  if (!can(ctx.actor, ENTITY, 'create')) throw forbidden(ENTITY, 'create');
}

/**
 * A private view is its owner's. A shared one: its owner while they hold the savedViews
 * permission, or an organisation-wide administrator of views.
 */
function mayChange(actor: Actor, row: repo.SavedViewRow, action: Action): boolean {
  if (!row.shared) return row.ownerId === actor.userId;
  if (!can(actor, ENTITY, action)) return false;
  return row.ownerId === actor.userId || recordScope(actor).kind === 'org';
}

const present = (actor: Actor, row: repo.SavedViewRow) => ({
  ...row,
  editable: mayChange(actor, row, 'update'),
});

async function checkConfig(tx: Db, ctx: Ctx, entity: string, config: SavedViewConfig): Promise<void> {
  const shape = SHAPES[entity];
  if (!shape) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'entity', code: 'invalid' }]);
  const { errors, cfFilters } = checkViewConfig(shape, config);
  const defs = await fieldDefsOf(tx, ctx.actor.orgId, entity);
  const cf = parseCfFilters(defs, cfFilters);
  errors.push(...cf.errors.map((e) => ({ ...e, field: `config.filters.${e.field}` })));
  const sort = parseCfSort(defs, config.sort ?? undefined);
  if (sort.error) errors.push({ ...sort.error, field: 'config.sort' });
  const keys = new Set(defs.map((d) => `cf.${d.key}`));
  (config.columns ?? []).forEach((c, i) => {
    if (c.startsWith('cf.') && !keys.has(c)) errors.push({ field: `config.columns[${i}]`, code: 'invalid' });
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
}

export async function listSavedViews(ctx: Ctx, entity: string) {
  needList(ctx, entity);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: (await repo.listViews(tx, ctx.actor.orgId, ctx.actor.userId, entity)).map((r) =>
      present(ctx.actor, r),
    ),
  }));
}

export async function createSavedView(ctx: Ctx, input: SavedViewCreate) {
  needList(ctx, input.entity);
  if (input.shared) needShare(ctx);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await checkConfig(tx, ctx, input.entity, input.config);
    const id = newId();
    await repo.insertView(tx, {
      id,
      orgId: ctx.actor.orgId,
      entity: input.entity,
      name: input.name.trim() || input.name,
      ownerId: ctx.actor.userId,
      shared: input.shared ?? false,
      config: input.config,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = (await repo.findView(tx, ctx.actor.orgId, ctx.actor.userId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, row);
    return present(ctx.actor, row);
  });
}

async function changeableView(tx: Db, ctx: Ctx, id: string, action: Action) {
  const row = await repo.findView(tx, ctx.actor.orgId, ctx.actor.userId, id);
  if (!row) throw notFound('savedView');
  needList(ctx, row.entity);
  if (!mayChange(ctx.actor, row, action)) throw forbidden(ENTITY, action);
  return row;
}

export async function updateSavedView(ctx: Ctx, id: string, patch: SavedViewPatch) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await changeableView(tx, ctx, id, 'update');
    if (patch.shared && !before.shared) needShare(ctx);
    if (patch.config) await checkConfig(tx, ctx, before.entity, patch.config);
    const { version, ...set } = patch;
    const key = { orgId: ctx.actor.orgId, id, version };
    await updateVersioned(tx, savedViews, key, set, { userId: ctx.actor.userId, now: ctx.now }, 'savedView');
    // An administrator who un-shares another's view no longer sees it, but gets the result.
    const after = (await repo.findView(tx, ctx.actor.orgId, null, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', before, after);
    return present(ctx.actor, after);
  });
}

export async function deleteSavedView(ctx: Ctx, id: string) {
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await changeableView(tx, ctx, id, 'delete');
    await softDelete(tx, savedViews, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}
