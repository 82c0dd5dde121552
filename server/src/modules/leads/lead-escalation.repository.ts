// Sleeping leads (still new, never contacted, past their first-contact deadline) and who hears of them.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import { roles } from '../access/access.table.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { users } from '../users/users.table.ts';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) ?? [];

/** System path (owner connection): the organisations the job walks, with their settings. */
export async function listOrgsForEscalation(db: Db, onlyOrgId?: string | null) {
  return db
    .select({ id: orgs.id, settings: orgs.settings })
    .from(orgs)
    .where(onlyOrgId ? eq(orgs.id, onlyOrgId) : undefined)
    .orderBy(asc(orgs.createdAt));
}

export interface SleepingLead {
  id: string;
  label: string;
  ownerId: string | null;
  /** The owner's team leader, else the department's manager (active, not the owner); null: the admins. */
  managerId: string | null;
}

/**
 * Sleeping leads not yet escalated, oldest deadline first, locked (SKIP LOCKED: two runs at once
 * never escalate one lead twice). Served by leads_due_idx.
 */
export async function sleepingLeads(
  tx: Db,
  orgId: string,
  now: Date,
  limit: number,
): Promise<SleepingLead[]> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select l.id, coalesce(l.company, l.name, '') as label, ow.id as owner_id,
      coalesce(tl.id, dm.id) as manager_id
    from leads l
    left join users ow on ow.org_id = l.org_id and ow.id = l.owner_id and ow.deleted_at is null and ow.status = 'active'
    left join teams t on t.org_id = l.org_id and t.id = l.team_id and t.deleted_at is null
    left join users tl on tl.org_id = l.org_id and tl.id = t.leader_id and tl.deleted_at is null
      and tl.status = 'active' and tl.id is distinct from l.owner_id
    left join departments d on d.org_id = l.org_id and d.id = l.department_id and d.deleted_at is null
    left join users dm on dm.org_id = l.org_id and dm.id = d.manager_id and dm.deleted_at is null
      and dm.status = 'active' and dm.id is distinct from l.owner_id
    where l.org_id = ${orgId} and l.status = 'new' and l.first_contacted_at is null and l.deleted_at is null
      and l.first_contact_due_at < ${now} and l.escalated_at is null
    order by l.first_contact_due_at, l.id
    limit ${limit}
    for update of l skip locked`);
  return rowsOf<Record<string, unknown>>(rows).map((r) => ({
    id: String(r.id),
    label: String(r.label ?? ''),
    ownerId: (r.owner_id as string | null) ?? null,
    managerId: (r.manager_id as string | null) ?? null,
  }));
}

/** Active administrators: who hears of sleeping leads nobody else manages. */
export async function orgAdmins(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .where(
      and(
        eq(users.orgId, orgId),
        eq(roles.key, 'admin'),
        eq(users.status, 'active'),
        isNull(users.deletedAt),
      ),
    )
    .orderBy(asc(users.createdAt));
  return rows.map((r) => r.id);
}

export async function markEscalated(tx: Db, orgId: string, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`
    update leads set escalated_at = ${now}
    where org_id = ${orgId} and id = any(${pgArray(ids)}::uuid[]) and escalated_at is null`);
}

export async function namesOf(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
