import { and, arrayContains, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ownedRecordsVisibleTo } from '../org-structure/index.ts';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { can, recordScope, type Actor } from '../access/index.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { users } from '../users/users.table.ts';
import { customers } from '../customers/customers.table.ts';
import {
  customersVisibleTo,
  searchCondition,
  searchVector,
  type SearchDocs,
  type SearchQuery,
} from '../customers/index.ts';
import { leads } from './leads.table.ts';

/**
 * The one place that decides which leads an actor may see, like customersVisibleTo: own (the
 * actor owns it), team, department subtree, org. Unassigned leads (no owner yet) are seen by the
 * department and org scopes and by whoever may assign leads (leadAssignment:update).
 */
export function leadsVisibleTo(actor: Actor): SQL | undefined {
  const departmentWide = recordScope(actor).kind === 'department';
  const unassigned =
    departmentWide || can(actor, 'leadAssignment', 'update') ? isNull(leads.ownerId) : undefined;
  return ownedRecordsVisibleTo(actor, leads, unassigned);
}

const owner = alias(users, 'lead_owner');

const columns = {
  id: leads.id,
  version: leads.version,
  createdAt: leads.createdAt,
  createdBy: leads.createdBy,
  updatedAt: leads.updatedAt,
  updatedBy: leads.updatedBy,
  deletedAt: leads.deletedAt,
  name: leads.name,
  company: leads.company,
  title: leads.title,
  phones: leads.phones,
  emails: leads.emails,
  wechat: leads.wechat,
  country: leads.country,
  province: leads.province,
  city: leads.city,
  address: leads.address,
  website: leads.website,
  channel: leads.channel,
  campaign: leads.campaign,
  productInterest: leads.productInterest,
  language: leads.language,
  notes: leads.notes,
  status: leads.status,
  disqualifyReason: leads.disqualifyReason,
  ownerId: leads.ownerId,
  ownerName: owner.name,
  teamId: leads.teamId,
  departmentId: leads.departmentId,
  assignedAt: leads.assignedAt,
  assignmentReason: leads.assignmentReason,
  assignmentRuleId: leads.assignmentRuleId,
  firstContactDueAt: leads.firstContactDueAt,
  firstContactedAt: leads.firstContactedAt,
  escalatedAt: leads.escalatedAt,
  manMoney: leads.manMoney,
  manAuthority: leads.manAuthority,
  manNeed: leads.manNeed,
  qualifiedAt: leads.qualifiedAt,
  qualifiedBy: leads.qualifiedBy,
  matchedCustomerId: leads.matchedCustomerId,
  matchedCustomerName: customers.name,
  matchedOn: leads.matchedOn,
  convertedAt: leads.convertedAt,
  convertedBy: leads.convertedBy,
  convertedCustomerId: leads.convertedCustomerId,
  convertedContactId: leads.convertedContactId,
  convertedOpportunityId: leads.convertedOpportunityId,
  formId: leads.formId,
  externalSource: leads.externalSource,
  externalId: leads.externalId,
  tags: leads.tags,
  customFields: leads.customFields,
};

/** The matched customer's name only when the actor sees that customer. */
function baseQuery(tx: Db, actor: Actor) {
  return tx
    .select(columns)
    .from(leads)
    .leftJoin(owner, and(eq(owner.orgId, leads.orgId), eq(owner.id, leads.ownerId)))
    .leftJoin(
      customers,
      and(
        eq(customers.orgId, leads.orgId),
        eq(customers.id, leads.matchedCustomerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    );
}

export type LeadRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['limit']>>[number];

export async function findLead(
  tx: Db,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean; anyScope?: boolean } = {},
): Promise<LeadRow | undefined> {
  const rows = await baseQuery(tx, actor)
    .where(
      and(
        eq(leads.orgId, actor.orgId),
        eq(leads.id, id),
        opts.deleted ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
        opts.anyScope ? undefined : leadsVisibleTo(actor),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface LeadFilter {
  search?: SearchQuery | null;
  status?: string;
  channel?: string;
  campaign?: string;
  ownerId?: string;
  teamId?: string;
  country?: string;
  language?: string;
  productLine?: string;
  tag?: string;
  sleeping?: boolean;
  unassigned?: boolean;
  createdFrom?: string;
  createdTo?: string;
  now: Date;
}

const SORT_COLUMNS = {
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  name: leads.name,
  company: leads.company,
  firstContactDueAt: leads.firstContactDueAt,
};

/** Midnight of a local day in the organisation's time zone. */
const localMidnight = (orgId: string, ymd: string) =>
  sql`(${ymd}::date)::timestamp at time zone (select ${orgs.timeZone} from ${orgs} where ${orgs.id} = ${orgId})`;

export const sleepingCondition = (now: Date) =>
  and(
    eq(leads.status, 'new'),
    isNull(leads.firstContactedAt),
    isNotNull(leads.firstContactDueAt),
    sql`${leads.firstContactDueAt} < ${now.toISOString()}::timestamptz`,
  )!;

function conditions(actor: Actor, f: LeadFilter): SQL[] {
  const c: SQL[] = [eq(leads.orgId, actor.orgId), isNull(leads.deletedAt)];
  const scope = leadsVisibleTo(actor);
  if (scope) c.push(scope);
  const equal = {
    status: leads.status,
    channel: leads.channel,
    campaign: leads.campaign,
    ownerId: leads.ownerId,
    teamId: leads.teamId,
    language: leads.language,
  };
  for (const [key, column] of Object.entries(equal)) {
    const v = f[key as keyof typeof equal];
    if (v !== undefined) c.push(eq(column, v));
  }
  if (f.country !== undefined) c.push(eq(leads.country, f.country.toUpperCase()));
  if (f.productLine !== undefined) c.push(arrayContains(leads.productInterest, [f.productLine]));
  if (f.tag !== undefined) c.push(arrayContains(leads.tags, [f.tag]));
  if (f.sleeping === true) c.push(sleepingCondition(f.now));
  if (f.sleeping === false) c.push(sql`not (${sleepingCondition(f.now)})`);
  if (f.unassigned === true) c.push(isNull(leads.ownerId));
  if (f.unassigned === false) c.push(isNotNull(leads.ownerId));
  if (f.createdFrom) c.push(sql`${leads.createdAt} >= ${localMidnight(actor.orgId, f.createdFrom)}`);
  if (f.createdTo)
    c.push(sql`${leads.createdAt} < ${localMidnight(actor.orgId, f.createdTo)} + interval '1 day'`);
  if (f.search) c.push(searchCondition(sql`${leads.searchTsv}`, sql`${leads.searchText}`, f.search));
  return c;
}

export async function listLeads(
  tx: Db,
  actor: Actor,
  f: LeadFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; count?: boolean },
) {
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, leads.id, page.sort, page.cursor);
  const rows = await baseQuery(tx, actor)
    .where(and(...conditions(actor, f), after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const total = page.count === false ? 0 : await countLeads(tx, actor, f);
  return { rows, total };
}

export async function countLeads(tx: Db, actor: Actor, f: LeadFilter): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(...conditions(actor, f)));
  return row?.total ?? 0;
}

export type LeadInsert = typeof leads.$inferInsert;

export async function insertLeads(tx: Db, rows: { row: LeadInsert; docs: SearchDocs }[]): Promise<string[]> {
  if (!rows.length) return [];
  const created = await tx
    .insert(leads)
    .values(
      rows.map(({ row, docs }) => ({
        ...row,
        searchTsv: searchVector(docs) as unknown as string,
        searchText: docs.text,
      })),
    )
    .returning({ id: leads.id });
  return created.map((r) => r.id);
}

export async function updateLeadSearch(tx: Db, orgId: string, id: string, docs: SearchDocs): Promise<void> {
  await tx
    .update(leads)
    .set({ searchTsv: searchVector(docs) as unknown as string, searchText: docs.text })
    .where(and(eq(leads.orgId, orgId), eq(leads.id, id)));
}

/** Leads already taken from a connector: externalId → lead id. */
export async function findExternal(
  tx: Db,
  orgId: string,
  source: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (!externalIds.length) return new Map();
  const rows = await tx
    .select({ id: leads.id, externalId: leads.externalId })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        eq(leads.externalSource, source),
        inArray(leads.externalId, externalIds),
        isNull(leads.deletedAt),
      ),
    );
  return new Map(rows.map((r) => [r.externalId!, r.id]));
}

/** The user a lead may be given to: active, live, in the organisation, with their team and department. */
export async function findUser(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select({ id: users.id, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(
      and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.deletedAt), eq(users.status, 'active')),
    );
  return row;
}
