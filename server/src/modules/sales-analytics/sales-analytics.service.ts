import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can, type Action } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { addDays, localDate, startOfLocalDay } from '../customers/index.ts';
import { activeDictionaryItems } from '../customization/index.ts';
import { findOrg } from '../orgs/index.ts';
import { toSpreadsheet } from '../../lib/xlsx.ts';
import { acquisitionSheet, funnelSheet } from './analytics-export.ts';
import { assembleAcquisition, monthsBetween, type AcquisitionFigures } from './acquisition.ts';
import { assembleFunnel, emptyFunnel, stageTimesOf, type FunnelFigures } from './funnel.ts';
import * as repo from './sales-analytics.repository.ts';
import type { AcquisitionQuery, FunnelQuery } from './sales-analytics.schema.ts';

export const ENTITY = 'salesAnalytics';

function requireAnalytics(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

interface OrgInfo {
  timeZone: string;
  currency: string;
}

async function orgInfo(tx: Db, orgId: string): Promise<OrgInfo> {
  const org = await findOrg(tx, orgId);
  return { timeZone: org?.timeZone ?? 'Asia/Shanghai', currency: org?.currency ?? 'CNY' };
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function instant(value: string, field: 'from' | 'to', timeZone: string): Date {
  const invalid = () => new AppError('VALIDATION_FAILED', {}, [{ field, code: 'invalid' }]);
  let d: Date;
  try {
    d = DAY_ONLY.test(value) ? startOfLocalDay(value, timeZone) : new Date(value.replace(' ', 'T'));
  } catch {
    throw invalid();
  }
  if (Number.isNaN(d.getTime()) || (DAY_ONLY.test(value) && localDate(d, timeZone) !== value))
    throw invalid();
  return d;
}

/**
 * The period [from, to): days are local days of the organisation (`to` a day means up to the
 * start of that day). Default: the last 12 months — from the first day of the month eleven months
 * ago to now. At most ten years.
 */
export function periodOf(q: { from?: string; to?: string }, now: Date, timeZone: string) {
  const to = q.to ? instant(q.to, 'to', timeZone) : now;
  let from: Date;
  if (q.from) from = instant(q.from, 'from', timeZone);
  else {
    const today = localDate(to, timeZone);
    let y = Number(today.slice(0, 4));
    let m = Number(today.slice(5, 7)) - 11;
    if (m < 1) {
      m += 12;
      y -= 1;
    }
    from = startOfLocalDay(`${y}-${String(m).padStart(2, '0')}-01`, timeZone);
  }
  if (from >= to) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'to', code: 'afterFrom' }]);
  if (to.getTime() - from.getTime() > 3_660 * 86_400_000)
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'from', code: 'periodTooLong', params: { limit: 10 } },
    ]);
  return { from, to };
}

export type FunnelResult = FunnelFigures & {
  period: { from: string; to: string };
  pipeline: { id: string; name: string } | null;
};

/** The funnel of the caller's visible opportunities created in the period (funnel.ts has the definitions). */
export async function getFunnel(ctx: Ctx, q: FunnelQuery): Promise<FunnelResult> {
  requireAnalytics(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => funnelIn(tx, ctx, q));
}

async function funnelIn(tx: Db, ctx: Ctx, q: FunnelQuery): Promise<FunnelResult> {
  const org = await orgInfo(tx, ctx.actor.orgId);
  const { from, to } = periodOf(q, ctx.now, org.timeZone);
  const period = { from: from.toISOString(), to: to.toISOString() };
  const pipeline = await repo.findPipeline(tx, ctx.actor.orgId, q.pipelineId);
  if (!pipeline) {
    if (q.pipelineId)
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'pipelineId', code: 'notFound' }]);
    return { ...emptyFunnel(org.currency), period, pipeline: null };
  }
  const f: repo.FunnelFilter = {
    pipelineId: pipeline.id,
    from,
    to,
    ownerId: q.ownerId,
    teamId: q.teamId,
    channel: q.channel,
    campaign: q.campaign,
  };
  const stages = await repo.pipelineStageDefs(tx, ctx.actor.orgId, pipeline.id);
  const { groups, transitions, lastEntries } = await repo.funnelAggregates(tx, ctx.actor, f);
  const stageTimes = stageTimesOf(transitions, lastEntries);
  return { ...assembleFunnel({ stages, groups, stageTimes, currency: org.currency }), period, pipeline };
}

export type AcquisitionResult = AcquisitionFigures & { period: { from: string; to: string } };

export async function getAcquisition(ctx: Ctx, q: AcquisitionQuery): Promise<AcquisitionResult> {
  requireAnalytics(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => acquisitionIn(tx, ctx, q));
}

async function acquisitionIn(tx: Db, ctx: Ctx, q: AcquisitionQuery): Promise<AcquisitionResult> {
  const org = await orgInfo(tx, ctx.actor.orgId);
  const { from, to } = periodOf(q, ctx.now, org.timeZone);
  const f: repo.AcquisitionFilter = { from, to, ownerId: q.ownerId, teamId: q.teamId, channel: q.channel };
  const lastDay = localDate(new Date(to.getTime() - 1), org.timeZone);
  const figures = assembleAcquisition({
    currency: org.currency,
    leads: await repo.leadGroups(tx, ctx.actor, f),
    opportunities: await repo.leadOpportunityGroups(tx, ctx.actor, f),
    months: monthsBetween(localDate(from, org.timeZone), addDays(lastDay, 0)),
    newCustomers: await repo.newCustomersByMonth(tx, ctx.actor, f, org.timeZone),
  });
  return { ...figures, period: { from: from.toISOString(), to: to.toISOString() } };
}

/** Dictionary labels in the caller's language; a key without an entry stays as it is. */
async function labeller(tx: Db, ctx: Ctx, dictionary: string) {
  const labels = new Map(
    (await activeDictionaryItems(tx, ctx.actor.orgId, ctx.now))
      .filter((i) => i.dictionary === dictionary)
      .map((i) => [i.key, i.label[ctx.locale]]),
  );
  return (key: string) => labels.get(key) ?? key;
}

/** The funnel as a spreadsheet: the same figures, audited as an export. */
export async function exportFunnel(ctx: Ctx, q: FunnelQuery, format: 'csv' | 'xlsx') {
  requireAnalytics(ctx, 'export');
  const sheet = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const result = await funnelIn(tx, ctx, q);
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'funnel', old: null, new: result.period }]);
    const reason = await labeller(tx, ctx, 'opportunityLostReason');
    return funnelSheet(
      result,
      ctx.locale,
      (s) => s.name,
      (r) => reason(r),
    );
  });
  return toSpreadsheet(format, 'funnel', sheet.columns, sheet.rows);
}

/** Acquisition statistics as a spreadsheet, audited as an export. */
export async function exportAcquisition(ctx: Ctx, q: AcquisitionQuery, format: 'csv' | 'xlsx') {
  requireAnalytics(ctx, 'export');
  const sheet = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const result = await acquisitionIn(tx, ctx, q);
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'acquisition', old: null, new: result.period }]);
    return acquisitionSheet(result, ctx.locale, await labeller(tx, ctx, 'leadChannel'));
  });
  return toSpreadsheet(format, 'acquisition', sheet.columns, sheet.rows);
}
