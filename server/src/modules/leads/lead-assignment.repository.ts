// Set-based reads and writes of lead assignment: one statement per chunk of leads, never one per lead.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Actor } from '../access/index.ts';
import { auditLog } from '../audit/audit.table.ts';
import { customerKeys, customers } from '../customers/customers.table.ts';
import { users } from '../users/users.table.ts';
import { leadRules, leads } from './leads.table.ts';
import { leadsVisibleTo } from './leads.repository.ts';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) ?? [];

export interface ActiveUser {
  id: string;
  teamId: string | null;
  departmentId: string | null;
}

/** Users who may own leads: active and not in the recycle bin. */
export async function activeLeadOwners(tx: Db, orgId: string): Promise<ActiveUser[]> {
  return tx
    .select({ id: users.id, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.deletedAt), eq(users.status, 'active')));
}

export type RuleRow = typeof leadRules.$inferSelect;

/**
 * The active rules in position order, locked until the transaction ends: two imports assigning
 * at once take turns, so neither reuses the other's round-robin position.
 */
export async function lockActiveRules(tx: Db, orgId: string): Promise<RuleRow[]> {
  return tx
    .select()
    .from(leadRules)
    .where(and(eq(leadRules.orgId, orgId), eq(leadRules.active, true), isNull(leadRules.deletedAt)))
    .orderBy(asc(leadRules.position), asc(leadRules.id))
    .for('update');
}

export async function saveCounters(tx: Db, orgId: string, counters: Map<string, number>): Promise<void> {
  if (!counters.size) return;
  await tx.execute(sql`
    update lead_rules r set rr_counter = v.counter
    from unnest(${pgArray([...counters.keys()])}::uuid[], ${pgArray([...counters.values()].map(String))}::bigint[])
      as v(id, counter)
    where r.org_id = ${orgId} and r.id = v.id`);
}

export interface LeadToAssign {
  id: string;
  ownerId: string | null;
  name: string | null;
  company: string | null;
  phones: string[];
  emails: string[];
  country: string | null;
  province: string | null;
  productInterest: string[];
  language: string | null;
  channel: string;
  campaign: string | null;
}

/** Live leads among `ids`, with what the rules and the duplicate keys look at. */
export async function leadsToAssign(tx: Db, orgId: string, ids: string[]): Promise<LeadToAssign[]> {
  if (!ids.length) return [];
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select id, owner_id, name, company, phones, emails, country, province, product_interest, language, channel, campaign
    from leads where org_id = ${orgId} and id = any(${pgArray(ids)}::uuid[]) and deleted_at is null`);
  return rowsOf<Record<string, unknown>>(rows).map((r) => ({
    id: String(r.id),
    ownerId: (r.owner_id as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    company: (r.company as string | null) ?? null,
    phones: textArray(r.phones),
    emails: textArray(r.emails),
    country: (r.country as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    productInterest: textArray(r.product_interest),
    language: (r.language as string | null) ?? null,
    channel: String(r.channel),
    campaign: (r.campaign as string | null) ?? null,
  }));
}

/** Arrays come back as arrays from node-postgres and PGlite; a literal '{a,b}' is parsed just in case. */
function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('{'))
    return v === '{}'
      ? []
      : v
          .slice(1, -1)
          .split(',')
          .map((s) => s.replace(/^"|"$/g, ''));
  return [];
}

export interface KeyHit {
  kind: string;
  value: string;
  customerId: string;
  ownerId: string | null;
}

/** Live customers holding any of the keys: one index probe per key (customer_keys_value_idx). */
export async function customersByKeys(
  tx: Db,
  orgId: string,
  keys: { kind: string; value: string }[],
): Promise<KeyHit[]> {
  if (!keys.length) return [];
  // The lateral join keeps the planner from hashing the whole key table (it cannot see the array's size).
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select q.kind, q.value, c.id as customer_id, c.owner_id
    from unnest(${pgArray(keys.map((k) => k.kind))}::text[], ${pgArray(keys.map((k) => k.value))}::text[]) as q(kind, value)
    cross join lateral (select x.customer_id from ${customerKeys} x
      where x.org_id = ${orgId} and x.kind = q.kind and x.value = q.value offset 0) k
    join ${customers} c on c.org_id = ${orgId} and c.id = k.customer_id and c.deleted_at is null`);
  return rowsOf<Record<string, unknown>>(rows).map((r) => ({
    kind: String(r.kind),
    value: String(r.value),
    customerId: String(r.customer_id),
    ownerId: (r.owner_id as string | null) ?? null,
  }));
}

export interface AssignmentWrite {
  id: string;
  /** false: the lead already had an owner; only its deadline and match are written. */
  assign: boolean;
  ownerId: string | null;
  teamId: string | null;
  departmentId: string | null;
  reason: string | null;
  ruleId: string | null;
  matchedCustomerId: string | null;
  matchedOn: string[];
}

/**
 * One UPDATE … FROM unnest(…) for the chunk: owners (only of leads still without one), the
 * deadline where none is set, the existing-customer match. Returns the ids that got an owner.
 */
export async function writeAssignments(
  tx: Db,
  orgId: string,
  rows: AssignmentWrite[],
  due: Date,
  now: Date,
): Promise<{ id: string; ownerId: string }[]> {
  if (!rows.length) return [];
  const col = (f: (r: AssignmentWrite) => string | null) => pgArray(rows.map(f));
  // `take`: the plan gave an owner and the lead (as locked by this UPDATE) still has none.
  const take = sql.raw('(v.assign and v.owner_id is not null and l.owner_id is null)');
  const result = await tx.execute<Record<string, unknown>>(sql`
    update leads l set
      owner_id = case when ${take} then v.owner_id else l.owner_id end,
      team_id = case when ${take} then v.team_id else l.team_id end,
      department_id = case when ${take} then v.department_id else l.department_id end,
      assigned_at = case when ${take} then ${now}::timestamptz else l.assigned_at end,
      assignment_reason = case when ${take} then v.reason else l.assignment_reason end,
      assignment_rule_id = case when ${take} then v.rule_id else l.assignment_rule_id end,
      first_contact_due_at = coalesce(l.first_contact_due_at, ${due}::timestamptz),
      matched_customer_id = v.matched_customer_id,
      matched_on = case when v.matched_on = '' then '{}'::text[] else string_to_array(v.matched_on, ',') end
    from unnest(${col((r) => r.id)}::uuid[], ${col((r) => (r.assign ? 't' : 'f'))}::boolean[],
        ${col((r) => r.ownerId)}::uuid[], ${col((r) => r.teamId)}::uuid[], ${col((r) => r.departmentId)}::uuid[],
        ${col((r) => r.reason)}::text[], ${col((r) => r.ruleId)}::uuid[], ${col((r) => r.matchedCustomerId)}::uuid[],
        ${col((r) => r.matchedOn.join(','))}::text[])
      as v(id, assign, owner_id, team_id, department_id, reason, rule_id, matched_customer_id, matched_on)
    where l.org_id = ${orgId} and l.id = v.id
    returning l.id, case when v.assign and v.owner_id is not null and l.owner_id = v.owner_id
      and l.assigned_at = ${now}::timestamptz then l.owner_id end as new_owner`);
  return rowsOf<Record<string, unknown>>(result)
    .filter((r) => r.new_owner)
    .map((r) => ({ id: String(r.id), ownerId: String(r.new_owner) }));
}

export interface ReassignRow {
  id: string;
  ownerId: string | null;
  status: string;
  version: number;
}

/** The live leads among `ids` the actor sees, locked for the reassignment. */
export async function visibleLeadsForUpdate(tx: Db, actor: Actor, ids: string[]): Promise<ReassignRow[]> {
  if (!ids.length) return [];
  return tx
    .select({ id: leads.id, ownerId: leads.ownerId, status: leads.status, version: leads.version })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, actor.orgId),
        inArray(leads.id, ids),
        isNull(leads.deletedAt),
        leadsVisibleTo(actor),
      ),
    )
    .for('update');
}

/** Manual reassignment of many leads at once: new owner, a new deadline, escalation cleared. */
export async function reassignLeads(
  tx: Db,
  orgId: string,
  ids: string[],
  owner: ActiveUser,
  due: Date,
  who: { userId: string; now: Date },
): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`
    update leads set owner_id = ${owner.id}, team_id = ${owner.teamId}, department_id = ${owner.departmentId},
      assigned_at = ${who.now}, assignment_reason = 'manual', assignment_rule_id = null,
      first_contact_due_at = ${due}, escalated_at = null,
      version = version + 1, updated_at = ${who.now}, updated_by = ${who.userId}
    where org_id = ${orgId} and id = any(${pgArray(ids)}::uuid[])`);
}

export type AuditRow = typeof auditLog.$inferInsert;

/** Many audit entries in one statement (a bulk action's per-record history). */
export async function insertAuditRows(tx: Db, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
}

/** Names of users, for notices. */
export async function userNames(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Members of teams, for rules that rotate over a team. */
export function teamMembers(active: ActiveUser[], teamId: string): string[] {
  return active
    .filter((u) => u.teamId === teamId)
    .map((u) => u.id)
    .sort();
}
