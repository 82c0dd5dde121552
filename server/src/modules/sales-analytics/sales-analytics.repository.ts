// The few SQL aggregates the funnel and acquisition figures are assembled from (funnel.ts, acquisition.ts).
import { and, asc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { leadsVisibleTo } from '../leads/index.ts';
import { opportunitiesVisibleTo } from '../opportunities/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { leads } from '../leads/leads.table.ts';
import {
  opportunities,
  opportunityStageChanges,
  pipelineStages,
  pipelines,
} from '../opportunities/opportunities.table.ts';
import type { FunnelStageDef, LastEntries, ReachGroup, Transition } from './funnel.ts';
import type { LeadGroup, OpportunityGroup } from './acquisition.ts';

const rowsOf = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

export interface PipelineRef {
  id: string;
  name: string;
}

/** The pipeline asked for, else the organisation's default, else its first; null when it has none. */
export async function findPipeline(tx: Db, orgId: string, id?: string): Promise<PipelineRef | null> {
  const rows = await tx
    .select({ id: pipelines.id, name: pipelines.name })
    .from(pipelines)
    .where(
      and(eq(pipelines.orgId, orgId), isNull(pipelines.deletedAt), id ? eq(pipelines.id, id) : undefined),
    )
    .orderBy(sql`${pipelines.isDefault} desc`, asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

export async function pipelineStageDefs(
  tx: Db,
  orgId: string,
  pipelineId: string,
): Promise<FunnelStageDef[]> {
  return tx
    .select({
      id: pipelineStages.id,
      key: pipelineStages.key,
      name: pipelineStages.name,
      kind: pipelineStages.kind,
      position: pipelineStages.position,
    })
    .from(pipelineStages)
    .where(
      and(
        eq(pipelineStages.orgId, orgId),
        eq(pipelineStages.pipelineId, pipelineId),
        isNull(pipelineStages.deletedAt),
      ),
    )
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
}

export interface FunnelFilter {
  pipelineId: string;
  from: Date;
  to: Date;
  ownerId?: string;
  teamId?: string;
  channel?: string;
  campaign?: string;
}

/** The cohort: the pipeline's live opportunities created in [from, to), in scope, filtered. */
function cohortWhere(actor: Actor, f: FunnelFilter): SQL {
  return and(
    eq(opportunities.orgId, actor.orgId),
    eq(opportunities.pipelineId, f.pipelineId),
    isNull(opportunities.deletedAt),
    gte(opportunities.createdAt, f.from),
    lt(opportunities.createdAt, f.to),
    opportunitiesVisibleTo(actor),
    f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(opportunities.teamId, f.teamId) : undefined,
    f.channel ? eq(opportunities.channel, f.channel) : undefined,
    f.campaign ? eq(opportunities.campaign, f.campaign) : undefined,
  )!;
}

const h = opportunityStageChanges;

/** Whether the cohort is narrower than "the pipeline's opportunities created in the period". */
function narrowed(actor: Actor, f: FunnelFilter): boolean {
  return !!(opportunitiesVisibleTo(actor) || f.ownerId || f.teamId || f.channel || f.campaign);
}

/**
 * One statement over the cohort and its stage history, three aggregates:
 * - 'g': the cohort grouped by status, currency, lost reason and the furthest open stage entered
 *   (history entries plus the current stage): counts, amount sums, won cycle seconds;
 * - 'x': history entries grouped by (from stage, to stage): count and the sum of their times;
 * - 'l': per current stage, the sum of the times the opportunities entered it (stage_entered_at,
 *   the time of their last history entry).
 * Times are seconds since the period's start. stageTimesOf (funnel.ts) turns 'x' and 'l' into
 * the time spent in each stage.
 *
 * History entries carry their opportunity's creation time, so the period's cohort of history is an
 * index-only range of opportunity_stage_changes_cohort_idx, read twice rather than joined and
 * materialised. Unfiltered, the transitions only leave out deleted opportunities (a short list);
 * a data scope or filter joins the history to the cohort instead.
 */
export async function funnelAggregates(
  tx: Db,
  actor: Actor,
  f: FunnelFilter,
): Promise<{ groups: ReachGroup[]; transitions: Transition[]; lastEntries: LastEntries[] }> {
  // Hash aggregates over a few hundred thousand entries: room to stay in memory; a short query
  // gains nothing from JIT compilation (~30 ms).
  await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
  const from = sql`${f.from.toISOString()}::timestamptz`;
  const transitionsOf = narrowed(actor, f)
    ? sql`from hx join c on c.id = hx.opportunity_id`
    : sql`from hx where hx.opportunity_id not in (
        select o.id from ${opportunities} o where o.org_id = ${actor.orgId} and o.pipeline_id = ${f.pipelineId}
          and o.deleted_at is not null and o.created_at >= ${f.from} and o.created_at < ${f.to})`;
  const res = await tx.execute(sql`
    with st as (
      select s.id, s.position from ${pipelineStages} s
      where s.org_id = ${actor.orgId} and s.pipeline_id = ${f.pipelineId} and s.kind = 'open' and s.deleted_at is null
    ),
    c as materialized (
      select ${opportunities.id} as id, ${opportunities.status} as status, ${opportunities.currency} as currency,
        ${opportunities.lostReason} as lost_reason, ${opportunities.amount} as amount, ${opportunities.stageId} as stage_id,
        ${opportunities.createdAt} as created_at, ${opportunities.closedAt} as closed_at,
        ${opportunities.stageEnteredAt} as stage_entered_at
      from ${opportunities} where ${cohortWhere(actor, f)}
    ),
    hx as not materialized (
      select ${h.opportunityCreatedAt} as opportunity_created_at, ${h.opportunityId} as opportunity_id,
        ${h.fromStageId} as from_stage_id, ${h.toStageId} as to_stage_id, ${h.at} as at
      from ${h}
      where ${h.orgId} = ${actor.orgId} and ${h.pipelineId} = ${f.pipelineId}
        and ${h.opportunityCreatedAt} >= ${f.from} and ${h.opportunityCreatedAt} < ${f.to}
    ),
    per_opp as (
      select hx.opportunity_id as id, max(st.position) as mp
      from hx left join st on st.id = hx.to_stage_id group by hx.opportunity_created_at, hx.opportunity_id
    )
    select 'g' as kind, c.status, c.currency, c.lost_reason, greatest(r.mp, cs.position) as max_pos,
      count(*)::int as n, coalesce(sum(c.amount), 0)::text as amount,
      coalesce(sum(extract(epoch from c.closed_at - c.created_at))
        filter (where c.status = 'won' and c.closed_at is not null), 0)::float8 as cycle_s,
      (count(*) filter (where c.status = 'won' and c.closed_at is not null))::int as cycle_n,
      null::uuid as from_id, null::uuid as to_id, null::float8 as t
    from c left join per_opp r on r.id = c.id left join st cs on cs.id = c.stage_id
    group by 2, 3, 4, 5
    union all
    select 'x', null, null, null, null, count(*)::int, null, null, null, hx.from_stage_id, hx.to_stage_id,
      sum(extract(epoch from hx.at - ${from}))::float8
    ${transitionsOf}
    group by hx.from_stage_id, hx.to_stage_id
    union all
    select 'l', null, null, null, null, count(*)::int, null, null, null, null, c.stage_id,
      sum(extract(epoch from c.stage_entered_at - ${from}))::float8
    from c group by c.stage_id`);
  const groups: ReachGroup[] = [];
  const transitions: Transition[] = [];
  const lastEntries: LastEntries[] = [];
  for (const r of rowsOf(res)) {
    if (r.kind === 'x')
      transitions.push({
        fromStageId: (r.from_id as string | null) ?? null,
        toStageId: String(r.to_id),
        count: Number(r.n),
        seconds: Number(r.t),
      });
    else if (r.kind === 'l')
      lastEntries.push({ stageId: String(r.to_id), count: Number(r.n), seconds: Number(r.t) });
    else
      groups.push({
        status: r.status as ReachGroup['status'],
        currency: String(r.currency),
        lostReason: (r.lost_reason as string | null) ?? null,
        maxOpenPosition: r.max_pos === null || r.max_pos === undefined ? null : Number(r.max_pos),
        count: Number(r.n),
        amount: String(r.amount),
        cycleSeconds: Number(r.cycle_s),
        cycleCount: Number(r.cycle_n),
      });
  }
  return { groups, transitions, lastEntries };
}

export interface AcquisitionFilter {
  from: Date;
  to: Date;
  ownerId?: string;
  teamId?: string;
  channel?: string;
}

function leadsWhere(actor: Actor, f: AcquisitionFilter): SQL {
  return and(
    eq(leads.orgId, actor.orgId),
    isNull(leads.deletedAt),
    gte(leads.createdAt, f.from),
    lt(leads.createdAt, f.to),
    leadsVisibleTo(actor),
    f.ownerId ? eq(leads.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(leads.teamId, f.teamId) : undefined,
    f.channel ? eq(leads.channel, f.channel) : undefined,
  )!;
}

export async function leadGroups(tx: Db, actor: Actor, f: AcquisitionFilter): Promise<LeadGroup[]> {
  const res = await tx.execute(sql`
    select ${leads.channel} as channel, ${leads.campaign} as campaign, count(*)::int as n,
      (count(*) filter (where ${leads.status} = 'converted' or ${leads.convertedAt} is not null))::int as converted
    from ${leads} where ${leadsWhere(actor, f)}
    group by 1, 2`);
  return rowsOf(res).map((r) => ({
    channel: String(r.channel),
    campaign: (r.campaign as string | null) ?? null,
    leads: Number(r.n),
    converted: Number(r.converted),
  }));
}

/** Opportunities converted from the period's leads (both in scope), by the lead's channel and campaign. */
export async function leadOpportunityGroups(
  tx: Db,
  actor: Actor,
  f: AcquisitionFilter,
): Promise<OpportunityGroup[]> {
  const res = await tx.execute(sql`
    select ${leads.channel} as channel, ${leads.campaign} as campaign, ${opportunities.currency} as currency,
      count(*)::int as n, (count(*) filter (where ${opportunities.status} = 'won'))::int as won,
      coalesce(sum(${opportunities.amount}) filter (where ${opportunities.status} = 'won'), 0)::text as won_amount
    from ${leads} join ${opportunities} on ${opportunities.orgId} = ${leads.orgId} and ${opportunities.leadId} = ${leads.id}
      and ${opportunities.deletedAt} is null
    where ${and(leadsWhere(actor, f), opportunitiesVisibleTo(actor))}
    group by 1, 2, 3`);
  return rowsOf(res).map((r) => ({
    channel: String(r.channel),
    campaign: (r.campaign as string | null) ?? null,
    currency: String(r.currency),
    opportunities: Number(r.n),
    won: Number(r.won),
    wonAmount: String(r.won_amount),
  }));
}

/** Customers created per month of the organisation's time zone, within scope. */
export async function newCustomersByMonth(
  tx: Db,
  actor: Actor,
  f: AcquisitionFilter,
  timeZone: string,
): Promise<{ month: string; count: number }[]> {
  const month = sql<string>`to_char(${customers.createdAt} at time zone ${timeZone}, 'YYYY-MM')`;
  const rows = await tx
    .select({ month, count: sql<number>`count(*)::int` })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        gte(customers.createdAt, f.from),
        lt(customers.createdAt, f.to),
        customersVisibleTo(actor),
        f.ownerId ? eq(customers.ownerId, f.ownerId) : undefined,
        f.teamId ? eq(customers.teamId, f.teamId) : undefined,
      ),
    )
    .groupBy(sql`1`);
  return rows.map((r) => ({ month: String(r.month), count: Number(r.count) }));
}
