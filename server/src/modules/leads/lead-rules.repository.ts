import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import { teams } from '../org-structure/org-structure.table.ts';
import { leadRules } from './leads.table.ts';

export type LeadRuleRow = typeof leadRules.$inferSelect & { teamName: string | null };

const columns = {
  orgId: leadRules.orgId,
  id: leadRules.id,
  name: leadRules.name,
  position: leadRules.position,
  kind: leadRules.kind,
  match: leadRules.match,
  assigneeIds: leadRules.assigneeIds,
  teamId: leadRules.teamId,
  rrCounter: leadRules.rrCounter,
  active: leadRules.active,
  version: leadRules.version,
  createdAt: leadRules.createdAt,
  createdBy: leadRules.createdBy,
  updatedAt: leadRules.updatedAt,
  updatedBy: leadRules.updatedBy,
  deletedAt: leadRules.deletedAt,
  deletedBy: leadRules.deletedBy,
  teamName: teams.name,
};

function withTeam(tx: Db) {
  return tx
    .select(columns)
    .from(leadRules)
    .leftJoin(teams, and(eq(teams.orgId, leadRules.orgId), eq(teams.id, leadRules.teamId)));
}

/** Live rules in their order. */
export async function listRules(tx: Db, orgId: string): Promise<LeadRuleRow[]> {
  return withTeam(tx)
    .where(and(eq(leadRules.orgId, orgId), isNull(leadRules.deletedAt)))
    .orderBy(asc(leadRules.position), asc(leadRules.id));
}

export async function findRule(tx: Db, orgId: string, id: string): Promise<LeadRuleRow | undefined> {
  const rows = await withTeam(tx).where(
    and(eq(leadRules.orgId, orgId), eq(leadRules.id, id), isNull(leadRules.deletedAt)),
  );
  return rows[0];
}

/** The live rules' ids in order, locked: reordering and appending take turns. */
export async function lockRuleOrder(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: leadRules.id })
    .from(leadRules)
    .where(and(eq(leadRules.orgId, orgId), isNull(leadRules.deletedAt)))
    .orderBy(asc(leadRules.position), asc(leadRules.id))
    .for('update');
  return rows.map((r) => r.id);
}

export async function insertRule(tx: Db, row: typeof leadRules.$inferInsert): Promise<void> {
  await tx.insert(leadRules).values(row);
}

/** Positions 1…n in the given order. */
export async function setPositions(tx: Db, orgId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`
    update lead_rules r set position = v.ord::int
    from unnest(${pgArray(ids)}::uuid[]) with ordinality as v(id, ord)
    where r.org_id = ${orgId} and r.id = v.id`);
}

export async function liveTeamExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id), isNull(teams.deletedAt)));
  return rows.length > 0;
}
