import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ownedRecordsVisibleTo } from '../org-structure/index.ts';
import type { Db } from '../../db/types.ts';
import { countCapped, keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { users } from '../users/users.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { opportunities, opportunityStageChanges, pipelineStages } from './opportunities.table.ts';

/**
 * Which opportunities an actor sees: the data scope applied to the opportunity's owner, team and
 * department (own: owner; team: the team, or owned; department: the department subtree, or owned).
 */
export function opportunitiesVisibleTo(actor: Actor): SQL | undefined {
  return ownedRecordsVisibleTo(actor, opportunities);
}

const owner = alias(users, 'opp_owner');
const stage = alias(pipelineStages, 'opp_stage');

const columns = {
  id: opportunities.id,
  version: opportunities.version,
  createdAt: opportunities.createdAt,
  createdBy: opportunities.createdBy,
  updatedAt: opportunities.updatedAt,
  updatedBy: opportunities.updatedBy,
  name: opportunities.name,
  customerId: opportunities.customerId,
  customerName: customers.name,
  contactId: opportunities.contactId,
  contactName: contacts.name,
  leadId: opportunities.leadId,
  pipelineId: opportunities.pipelineId,
  stageId: opportunities.stageId,
  stageKey: stage.key,
  stageName: stage.name,
  status: opportunities.status,
  amount: opportunities.amount,
  currency: opportunities.currency,
  probability: opportunities.probability,
  expectedCloseDate: opportunities.expectedCloseDate,
  productInterest: opportunities.productInterest,
  channel: opportunities.channel,
  campaign: opportunities.campaign,
  ownerId: opportunities.ownerId,
  ownerName: owner.name,
  teamId: opportunities.teamId,
  departmentId: opportunities.departmentId,
  lostReason: opportunities.lostReason,
  lostNote: opportunities.lostNote,
  closedAt: opportunities.closedAt,
  stageEnteredAt: opportunities.stageEnteredAt,
  tags: opportunities.tags,
};

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(opportunities)
    .leftJoin(
      customers,
      and(eq(customers.orgId, opportunities.orgId), eq(customers.id, opportunities.customerId)),
    )
    .leftJoin(
      contacts,
      and(eq(contacts.orgId, opportunities.orgId), eq(contacts.id, opportunities.contactId)),
    )
    .leftJoin(owner, and(eq(owner.orgId, opportunities.orgId), eq(owner.id, opportunities.ownerId)))
    .leftJoin(stage, and(eq(stage.orgId, opportunities.orgId), eq(stage.id, opportunities.stageId)));
}

export type OpportunityRow = Awaited<ReturnType<typeof findOpportunity>> & object;

export async function findOpportunity(tx: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(opportunities.orgId, actor.orgId),
        eq(opportunities.id, id),
        opts.deleted ? isNotNull(opportunities.deletedAt) : isNull(opportunities.deletedAt),
        opportunitiesVisibleTo(actor),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Rows by id (the board's cards), in no particular order. */
export async function findOpportunitiesByIds(tx: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return baseQuery(tx).where(and(eq(opportunities.orgId, orgId), inArray(opportunities.id, ids)));
}

export interface OpportunityFilter {
  pipelineId?: string;
  stageId?: string;
  status?: 'open' | 'won' | 'lost';
  ownerId?: string;
  teamId?: string;
  customerId?: string;
  channel?: string;
  campaign?: string;
  expectedCloseFrom?: string;
  expectedCloseTo?: string;
  /** Open ones, and won/lost ones closed since then. */
  closedSince?: Date;
  /** ILIKE pattern on the name and the customer's name. */
  like?: string;
}

/** The list's, the board's and the export's conditions: tenant, live, data scope, filters. */
export function opportunityConditions(actor: Actor, f: OpportunityFilter): SQL[] {
  const c: SQL[] = [eq(opportunities.orgId, actor.orgId), isNull(opportunities.deletedAt)];
  const scope = opportunitiesVisibleTo(actor);
  if (scope) c.push(scope);
  const equal = {
    pipelineId: opportunities.pipelineId,
    stageId: opportunities.stageId,
    status: opportunities.status,
    ownerId: opportunities.ownerId,
    teamId: opportunities.teamId,
    customerId: opportunities.customerId,
    channel: opportunities.channel,
    campaign: opportunities.campaign,
  };
  for (const [key, column] of Object.entries(equal)) {
    const v = f[key as keyof typeof equal];
    if (v !== undefined) c.push(eq(column, v));
  }
  if (f.expectedCloseFrom) c.push(gte(opportunities.expectedCloseDate, f.expectedCloseFrom));
  if (f.expectedCloseTo) c.push(lte(opportunities.expectedCloseDate, f.expectedCloseTo));
  if (f.closedSince)
    c.push(or(eq(opportunities.status, 'open'), gte(opportunities.closedAt, f.closedSince))!);
  if (f.like)
    c.push(
      or(
        sql`${opportunities.name} ilike ${f.like}`,
        sql`exists (select 1 from ${customers} oc where oc.org_id = ${opportunities.orgId}
          and oc.id = ${opportunities.customerId} and oc.name ilike ${f.like})`,
      )!,
    );
  return c;
}

const SORT_COLUMNS = {
  updatedAt: opportunities.updatedAt,
  createdAt: opportunities.createdAt,
  amount: opportunities.amount,
  expectedCloseDate: opportunities.expectedCloseDate,
  name: opportunities.name,
};

export const LIST_COUNT_CAP = 10_000;

export async function listOpportunities(
  tx: Db,
  actor: Actor,
  f: OpportunityFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; count?: boolean },
) {
  const where = opportunityConditions(actor, f);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, opportunities.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const total = page.count === false ? 0 : await countOpportunities(tx, actor, f);
  return { rows, total };
}

/** Counts up to the cap (+1, so the caller knows it was reached). */
export async function countOpportunities(
  tx: Db,
  actor: Actor,
  f: OpportunityFilter,
  cap: number | null = LIST_COUNT_CAP,
): Promise<number> {
  return countCapped(tx, opportunities, and(...opportunityConditions(actor, f)), cap);
}

export async function insertOpportunity(tx: Db, row: typeof opportunities.$inferInsert): Promise<void> {
  await tx.insert(opportunities).values(row);
}

export async function insertStageChange(
  tx: Db,
  row: typeof opportunityStageChanges.$inferInsert,
): Promise<void> {
  await tx.insert(opportunityStageChanges).values(row);
}

const fromStage = alias(pipelineStages, 'from_stage');
const toStage = alias(pipelineStages, 'to_stage');
const byUser = alias(users, 'by_user');

export async function listStageChanges(tx: Db, orgId: string, opportunityId: string) {
  return tx
    .select({
      id: opportunityStageChanges.id,
      fromStageId: opportunityStageChanges.fromStageId,
      fromStageName: fromStage.name,
      fromStageKey: fromStage.key,
      toStageId: opportunityStageChanges.toStageId,
      toStageName: toStage.name,
      toStageKey: toStage.key,
      at: opportunityStageChanges.at,
      by: opportunityStageChanges.by,
      byName: byUser.name,
      amount: opportunityStageChanges.amount,
      currency: opportunityStageChanges.currency,
    })
    .from(opportunityStageChanges)
    .leftJoin(
      fromStage,
      and(
        eq(fromStage.orgId, opportunityStageChanges.orgId),
        eq(fromStage.id, opportunityStageChanges.fromStageId),
      ),
    )
    .leftJoin(
      toStage,
      and(
        eq(toStage.orgId, opportunityStageChanges.orgId),
        eq(toStage.id, opportunityStageChanges.toStageId),
      ),
    )
    .leftJoin(
      byUser,
      and(eq(byUser.orgId, opportunityStageChanges.orgId), eq(byUser.id, opportunityStageChanges.by)),
    )
    .where(
      and(eq(opportunityStageChanges.orgId, orgId), eq(opportunityStageChanges.opportunityId, opportunityId)),
    )
    .orderBy(asc(opportunityStageChanges.at), asc(opportunityStageChanges.id));
}

/** The customer an opportunity may name: live and visible to the actor. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, name: customers.name, source: customers.source })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    );
  return rows[0];
}

export async function contactOfCustomer(tx: Db, orgId: string, contactId: string, customerId: string) {
  const rows = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        eq(contacts.id, contactId),
        eq(contacts.customerId, customerId),
        isNull(contacts.deletedAt),
      ),
    );
  return rows.length > 0;
}

/** A user the actor may make an owner: live, active, within the actor's scope over users. */
export async function findAssignableUser(tx: Db, actor: Actor, id: string) {
  const rows = await tx
    .select({ id: users.id, name: users.name, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(
      and(
        eq(users.orgId, actor.orgId),
        eq(users.id, id),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
        usersVisibleTo(actor),
      ),
    );
  return rows[0];
}

export async function userName(tx: Db, orgId: string, id: string): Promise<string | null> {
  const rows = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return rows[0]?.name ?? null;
}

/** Stage ids of the board's columns with the first `limit + 1` cards of each, newest change first. */
export async function boardFirstPages(
  tx: Db,
  actor: Actor,
  pipelineId: string,
  f: OpportunityFilter,
  limit: number,
): Promise<{ stageId: string; id: string }[]> {
  const where = and(
    ...opportunityConditions(actor, { ...f, pipelineId }),
    sql`${opportunities.stageId} = s.id`,
  );
  const res = await tx.execute(sql`
    select s.id as stage_id, o.id
    from ${pipelineStages} s
    cross join lateral (
      select ${opportunities.id} as id from ${opportunities}
      where ${where}
      order by ${opportunities.updatedAt} desc, ${opportunities.id} desc
      limit ${limit + 1}
    ) o
    where s.org_id = ${actor.orgId} and s.pipeline_id = ${pipelineId} and s.deleted_at is null`);
  const rows = ((res as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as {
    stage_id: string;
    id: string;
  }[];
  return rows.map((r) => ({ stageId: r.stage_id, id: r.id }));
}

/**
 * Per stage and currency: how many and how much. Open cards and cards closed since `closedSince`
 * are counted apart, so the open ones are an index-only scan of opportunities_open_totals_idx and
 * the closed ones a range of opportunities_closed_totals_idx — never the whole closed history.
 */
export async function boardTotals(tx: Db, actor: Actor, pipelineId: string, f: OpportunityFilter) {
  const { closedSince, ...rest } = f;
  const base = opportunityConditions(actor, { ...rest, pipelineId });
  const totals = (...extra: SQL[]) =>
    tx
      .select({
        stageId: opportunities.stageId,
        currency: opportunities.currency,
        count: sql<number>`count(*)::int`,
        amount: sql<string>`sum(${opportunities.amount})::text`,
      })
      .from(opportunities)
      .where(and(...base, ...extra))
      .groupBy(opportunities.stageId, opportunities.currency);
  const open = await totals(eq(opportunities.status, 'open'));
  // closed_at is set exactly when the stage is won or lost (stage-rules.ts).
  const closed = await totals(
    closedSince ? gte(opportunities.closedAt, closedSince) : isNotNull(opportunities.closedAt),
  );
  return [...open, ...closed].sort((a, b) => a.stageId.localeCompare(b.stageId) || b.count - a.count);
}
