import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { customers, customerActivity } from '../customers/customers.table.ts';
import { customersVisibleTo, type ContactTargets } from '../customers/index.ts';
import { users } from '../users/users.table.ts';
import { teams } from '../org-structure/org-structure.table.ts';

export interface OverdueFilter {
  ownerId?: string;
  teamId?: string;
  grade?: string;
}

/**
 * Owned customers below their grade's contact target, in one statement: the grade → days
 * mapping is a VALUES list joined to the customers, and days are local calendar days in the
 * organisation's time zone (contact-frequency.ts: overdue = days since − target, when > 0).
 */
function belowTargetCte(
  tx: Db,
  actor: Actor,
  targets: ContactTargets,
  f: OverdueFilter,
  now: Date,
  timeZone: string,
) {
  const entries = Object.entries(targets).filter(([, d]) => d > 0);
  const values = sql.join(
    entries.map(([g, d]) => sql`(${g}::text, ${d}::int)`),
    sql`, `,
  );
  const today = sql`(timezone(${timeZone}, ${now.toISOString()}::timestamptz))::date`;
  const since = sql`(timezone(${timeZone}, coalesce(${customerActivity.lastContactAt}, ${customers.createdAt})))::date`;
  const where: (SQL | undefined)[] = [
    eq(customers.orgId, actor.orgId),
    isNull(customers.deletedAt),
    isNotNull(customers.ownerId),
    customersVisibleTo(actor),
  ];
  if (f.ownerId) where.push(eq(customers.ownerId, f.ownerId));
  if (f.teamId) where.push(eq(customers.teamId, f.teamId));
  if (f.grade) where.push(eq(customers.grade, f.grade));
  return sql`with targets(grade, days) as (values ${values}),
    below as (
      select ${customers.id} as id, ${customers.name} as name, ${customers.grade} as grade,
        ${customers.ownerId} as owner_id, ${customers.teamId} as team_id,
        ${customerActivity.lastContactAt} as last_contact_at, ${customers.createdAt} as created_at,
        targets.days as target_days, ${today} - ${since} - targets.days as days_overdue
      from ${customers}
      join targets on targets.grade = ${customers.grade}
      left join ${customerActivity} on ${customerActivity.orgId} = ${customers.orgId}
        and ${customerActivity.customerId} = ${customers.id}
      where ${and(...where)}
    )`;
}

export interface OverdueRow {
  id: string;
  name: string;
  grade: string;
  ownerId: string;
  ownerName: string | null;
  teamId: string | null;
  teamName: string | null;
  lastContactAt: Date | null;
  createdAt: Date;
  targetDays: number;
  daysOverdue: number;
}

const toDate = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

export async function listOverdue(
  tx: Db,
  actor: Actor,
  targets: ContactTargets,
  f: OverdueFilter,
  ctx: { now: Date; timeZone: string },
  page: { offset: number; limit: number },
) {
  if (!Object.values(targets).some((d) => d > 0)) return { rows: [], total: 0, byOwner: [], byTeam: [] };
  const cte = belowTargetCte(tx, actor, targets, f, ctx.now, ctx.timeZone);
  const owner = sql`(select u.name from ${users} u where u.org_id = ${actor.orgId} and u.id = b.owner_id)`;
  const team = sql`(select t.name from ${teams} t where t.org_id = ${actor.orgId} and t.id = b.team_id)`;
  const items = await tx.execute(sql`${cte}
    select b.*, ${owner} as owner_name, ${team} as team_name from below b
    where b.days_overdue > 0
    order by b.days_overdue desc, b.id
    limit ${page.limit + 1} offset ${page.offset}`);
  const byOwner = await tx.execute(sql`${cte}
    select b.owner_id, ${owner} as owner_name, count(*)::int as count from below b
    where b.days_overdue > 0 group by b.owner_id order by count desc, b.owner_id`);
  const byTeam = await tx.execute(sql`${cte}
    select b.team_id, ${team} as team_name, count(*)::int as count from below b
    where b.days_overdue > 0 group by b.team_id order by count desc, b.team_id`);
  const rowsOf = (r: unknown) =>
    ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];
  const ownerCounts = rowsOf(byOwner).map((r) => ({
    ownerId: String(r.owner_id),
    ownerName: (r.owner_name as string | null) ?? null,
    count: Number(r.count),
  }));
  return {
    rows: rowsOf(items).map((r): OverdueRow => ({
      id: String(r.id),
      name: String(r.name),
      grade: String(r.grade),
      ownerId: String(r.owner_id),
      ownerName: (r.owner_name as string | null) ?? null,
      teamId: (r.team_id as string | null) ?? null,
      teamName: (r.team_name as string | null) ?? null,
      lastContactAt: toDate(r.last_contact_at),
      createdAt: toDate(r.created_at)!,
      targetDays: Number(r.target_days),
      daysOverdue: Number(r.days_overdue),
    })),
    total: ownerCounts.reduce((n, r) => n + r.count, 0),
    byOwner: ownerCounts,
    byTeam: rowsOf(byTeam).map((r) => ({
      teamId: (r.team_id as string | null) ?? null,
      teamName: (r.team_name as string | null) ?? null,
      count: Number(r.count),
    })),
  };
}
