import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { auditChange } from '../audit/index.ts';
import { parseRegion, regionName } from './countries.ts';
import { assemblePotential } from './potential.ts';
import * as repo from './market.repository.ts';
import { marketStats } from './market.table.ts';
import {
  MARKET_SORTS,
  type MarketStatCreate,
  type MarketStatListQuery,
  type MarketStatPatch,
  type PotentialQuery,
} from './market.schema.ts';

export const ENTITY = 'marketStats';

export function requireMarketStats(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

const present = (ctx: Ctx, r: repo.MarketStatRow) => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  region: r.region,
  regionName: regionName(r.region, ctx.locale),
  category: r.category,
  year: r.year,
  importValue: r.importValue,
  currency: r.currency,
  source: r.source,
});

const snapshot = (r: repo.MarketStatRow) => ({
  region: r.region,
  category: r.category,
  year: r.year,
  importValue: r.importValue,
  currency: r.currency,
  source: r.source,
});

/** "12.5" → "12.50": the stored scale, so a figure reads back as it was written. */
const money = (v: string) => (v.includes('.') ? v.padEnd(v.indexOf('.') + 3, '0') : `${v}.00`);

function regionOrFail(text: string, errors: FieldError[]): string {
  const region = parseRegion(text);
  if (!region) errors.push({ field: 'region', code: 'unknownRegion' });
  return region ?? text;
}

async function checkKeyFree(
  tx: Db,
  orgId: string,
  key: { region: string; category: string; year: number },
  exceptId?: string,
) {
  if (await repo.findByKey(tx, orgId, key, exceptId))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'year', code: 'taken' }]);
}

export async function listMarketStats(ctx: Ctx, q: MarketStatListQuery) {
  requireMarketStats(ctx, 'read');
  const sort = parseSort(q.sort, MARKET_SORTS, { field: 'year', desc: true });
  const limit = q.limit ?? 50;
  const region = q.region ? (parseRegion(q.region) ?? q.region) : undefined;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listStats(
      tx,
      ctx.actor.orgId,
      { region, category: q.category?.trim(), year: q.year },
      { sort, cursor: decodeCursor(q.cursor), limit },
    );
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items.map((r) => present(ctx, r)), total, nextCursor: page.nextCursor };
  });
}

export async function createMarketStat(ctx: Ctx, input: MarketStatCreate) {
  requireMarketStats(ctx, 'create');
  const errors: FieldError[] = [];
  const region = regionOrFail(input.region, errors);
  const category = input.category.trim();
  if (!category) errors.push({ field: 'category', code: 'required' });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await checkKeyFree(tx, ctx.actor.orgId, { region, category, year: input.year });
    const id = newId();
    await repo.insertStats(tx, [
      {
        orgId: ctx.actor.orgId,
        id,
        region,
        category,
        year: input.year,
        importValue: money(input.importValue),
        currency: input.currency ?? 'USD',
        source: input.source?.trim() || null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      },
    ]);
    const row = (await repo.findStat(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    return present(ctx, row);
  });
}

export async function updateMarketStat(ctx: Ctx, id: string, input: MarketStatPatch) {
  requireMarketStats(ctx, 'update');
  const errors: FieldError[] = [];
  const region = input.region !== undefined ? regionOrFail(input.region, errors) : undefined;
  const category = input.category?.trim();
  if (category === '') errors.push({ field: 'category', code: 'required' });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findStat(tx, ctx.actor.orgId, id);
    if (!before) throw notFound(ENTITY);
    const key = {
      region: region ?? before.region,
      category: category ?? before.category,
      year: input.year ?? before.year,
    };
    await checkKeyFree(tx, ctx.actor.orgId, key, id);
    const patch: Record<string, unknown> = { ...key };
    if (input.importValue !== undefined) patch.importValue = money(input.importValue);
    if (input.currency !== undefined) patch.currency = input.currency;
    if (input.source !== undefined) patch.source = input.source?.trim() || null;
    const after = await updateVersioned<repo.MarketStatRow>(
      tx,
      marketStats,
      { orgId: ctx.actor.orgId, id, version: input.version },
      patch,
      { userId: ctx.actor.userId, now: ctx.now },
      ENTITY,
    );
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(ctx, after);
  });
}

export async function deleteMarketStat(ctx: Ctx, id: string): Promise<void> {
  requireMarketStats(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await softDelete<repo.MarketStatRow>(tx, marketStats, ctx.actor.orgId, id, {
      userId: ctx.actor.userId,
      now: ctx.now,
    });
    if (!row) throw notFound(ENTITY);
    await auditChange(tx, ctx, ENTITY, id, 'delete', snapshot(row), null);
  });
}

/**
 * Market potential of one category (default: the first one) over the three years ending with
 * `toYear` (default: the category's latest year), next to our customers and leads per region
 * within the caller's data scope (potential.ts has the definitions).
 */
export async function marketPotential(ctx: Ctx, q: PotentialQuery) {
  requireMarketStats(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const categories = await repo.categories(tx, orgId);
    const category = q.category?.trim() || categories[0] || null;
    const toYear =
      q.toYear ??
      (category ? await repo.latestYear(tx, orgId, category) : null) ??
      ctx.now.getUTCFullYear() - 1;
    const stats = category ? await repo.statsOf(tx, orgId, category, toYear - 2, toYear) : [];
    const presence = await repo.presenceByRegion(tx, ctx.actor);
    const result = assemblePotential({
      toYear,
      stats: stats.map((s) => ({ ...s, year: Number(s.year) })),
      customers: presence.customers,
      leads: presence.leads,
      locale: ctx.locale,
    });
    return { category, categories, ...result };
  });
}
