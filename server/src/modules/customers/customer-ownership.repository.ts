import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { teams } from '../org-structure/org-structure.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { users } from '../users/users.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { interactions } from '../interactions/interactions.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { customers } from './customers.table.ts';
import { customersVisibleTo } from './customers.repository.ts';

// Owners, teams, transfers and merges: the writes that move customers between people.

/** A user the actor may make an owner: live, active and within the actor's data scope over users. */
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

/** The customers of `ownerId` the actor sees (all, or those of `ids`), with what a transfer changes. */
export async function findOwnedCustomers(tx: Db, actor: Actor, ownerId: string, ids?: string[]) {
  return tx
    .select({ id: customers.id, teamId: customers.teamId, departmentId: customers.departmentId })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.ownerId, ownerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
        ids ? inArray(customers.id, ids) : undefined,
      ),
    )
    .orderBy(customers.id);
}

export async function assignOwner(
  tx: Db,
  orgId: string,
  ids: string[],
  to: { ownerId: string | null; teamId: string | null; departmentId: string | null },
  who: { userId: string; now: Date },
): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(customers)
    .set({
      ...to,
      ownerAssignedAt: who.now,
      version: sql`${customers.version} + 1`,
      updatedAt: who.now,
      updatedBy: who.userId,
    })
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, ids), isNull(customers.deletedAt)));
}

/** Moves every contact of one customer to another; returns the moved contacts' ids. */
export async function moveContacts(
  tx: Db,
  orgId: string,
  fromId: string,
  toId: string,
  who: { userId: string; now: Date },
) {
  const rows = await tx
    .update(contacts)
    .set({
      customerId: toId,
      version: sql`${contacts.version} + 1`,
      updatedAt: who.now,
      updatedBy: who.userId,
    })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, fromId)))
    .returning({ id: contacts.id });
  return rows.map((r) => r.id);
}

/** A merge moves the duplicate's interactions and tasks (live or in the bin) to the customer kept. */
export async function moveFollowUps(
  tx: Db,
  orgId: string,
  fromId: string,
  toId: string,
  who: { userId: string; now: Date },
) {
  const moved = { customerId: toId, updatedAt: who.now, updatedBy: who.userId };
  const i = await tx
    .update(interactions)
    .set({ ...moved, version: sql`${interactions.version} + 1` })
    .where(and(eq(interactions.orgId, orgId), eq(interactions.customerId, fromId)))
    .returning({ id: interactions.id });
  const t = await tx
    .update(tasks)
    .set({ ...moved, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.customerId, fromId)))
    .returning({ id: tasks.id });
  return { interactionIds: i.map((r) => r.id), taskIds: t.map((r) => r.id) };
}

export async function markMerged(tx: Db, orgId: string, id: string, intoId: string): Promise<void> {
  await tx
    .update(customers)
    .set({ mergedIntoId: intoId })
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
}

export async function teamExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id), isNull(teams.deletedAt)));
  return rows.length > 0;
}
