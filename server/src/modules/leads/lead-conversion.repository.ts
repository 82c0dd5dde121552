import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { customerKeys, customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import type { Actor } from '../access/index.ts';
import { leads } from './leads.table.ts';

// The conversion's own queries: the archive's duplicate lookup for a lead, the customer check,
// and the one write that marks a lead converted.

/** The live customers holding any of the keys, strongest first (most keys shared), with visibility. */
export async function duplicateCustomers(
  tx: Db,
  actor: Actor,
  keys: { kind: string; value: string }[],
): Promise<{ customerId: string; keys: number; visible: boolean }[]> {
  if (!keys.length) return [];
  const scope = customersVisibleTo(actor);
  const rows = await tx
    .select({
      customerId: customerKeys.customerId,
      keys: sql<number>`count(*)::int`,
      visible: scope ? sql<boolean>`bool_or(${scope})` : sql<boolean>`true`,
    })
    .from(customerKeys)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, customerKeys.orgId),
        eq(customers.id, customerKeys.customerId),
        isNull(customers.deletedAt),
      ),
    )
    .where(
      and(
        eq(customerKeys.orgId, actor.orgId),
        or(...keys.map((k) => and(eq(customerKeys.kind, k.kind as 'name'), eq(customerKeys.value, k.value)))),
      ),
    )
    .groupBy(customerKeys.customerId)
    .orderBy(sql`count(*) desc`, customerKeys.customerId);
  return rows;
}

/** A live customer the actor sees. */
export async function visibleCustomer(tx: Db, actor: Actor, id: string) {
  const rows = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, id),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    );
  return rows[0];
}

/** Locks the lead row for the conversion (a second conversion waits, then sees it converted). */
export async function lockLead(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.id, id)))
    .for('update');
}

/** Marks the lead converted with its three links; false when it already was. */
export async function markConverted(
  tx: Db,
  orgId: string,
  id: string,
  set: {
    convertedAt: Date;
    convertedBy: string;
    convertedCustomerId: string;
    convertedContactId: string | null;
    convertedOpportunityId: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .update(leads)
    .set({
      ...set,
      status: 'converted',
      version: sql`${leads.version} + 1`,
      updatedAt: set.convertedAt,
      updatedBy: set.convertedBy,
    })
    .where(
      and(eq(leads.orgId, orgId), eq(leads.id, id), isNull(leads.deletedAt), ne(leads.status, 'converted')),
    )
    .returning({ id: leads.id });
  return rows.length > 0;
}
