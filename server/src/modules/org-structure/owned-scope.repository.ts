import { eq, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { recordScope, type Actor } from '../access/index.ts';
import { departments } from './org-structure.table.ts';

/** The columns by which an owned record (customer, lead, opportunity, order …) follows its owner. */
export interface OwnedColumns {
  ownerId: AnyColumn;
  teamId: AnyColumn;
  departmentId: AnyColumn;
}

/** Rows whose department column is the department or one below it (materialised path). */
export function inDepartmentSubtree(column: AnyColumn, actor: Actor, departmentId: string): SQL {
  return sql`${column} in (select d.id from ${departments} d where d.org_id = ${actor.orgId}
    and d.path like (select p.path from ${departments} p where p.org_id = ${actor.orgId} and p.id = ${departmentId}) || '%')`;
}

/**
 * The data scope of an owned record as SQL: own — the actor owns it; team — the actor's team's or
 * the actor's; department — the department subtree's or the actor's; org — everything (undefined).
 * `alsoVisible` widens each narrowed scope (e.g. unassigned leads for those who assign them).
 */
export function ownedRecordsVisibleTo(actor: Actor, t: OwnedColumns, alsoVisible?: SQL): SQL | undefined {
  const scope = recordScope(actor);
  switch (scope.kind) {
    case 'org':
      return undefined;
    case 'own':
      return or(eq(t.ownerId, scope.userId), alsoVisible);
    case 'team':
      return or(eq(t.teamId, scope.teamId), eq(t.ownerId, actor.userId), alsoVisible);
    case 'department':
      return or(
        eq(t.ownerId, actor.userId),
        inDepartmentSubtree(t.departmentId, actor, scope.departmentId),
        alsoVisible,
      );
  }
}
