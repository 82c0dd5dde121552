import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { auditLog } from '../audit/audit.table.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { users } from '../users/users.table.ts';
import { customerActivity, customerOwners, customers } from './customers.table.ts';

// The public pool's reads and writes: claims and releases are conditional updates, so two
// people racing for one customer cannot both win.

/** The claiming rep, its row locked to the transaction's end: one claim per rep at a time (the cap holds). */
export async function lockRep(tx: Db, orgId: string, userId: string) {
  const rows = await tx
    .select({ id: users.id, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.deletedAt)))
    .for('update');
  return rows[0];
}

export async function countOwned(tx: Db, orgId: string, ownerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.ownerId, ownerId), isNull(customers.deletedAt)));
  return row?.n ?? 0;
}

/** When `ownerId` last lost this customer to the pool (released it, or had it reclaimed). */
export async function lastReleasedBy(
  tx: Db,
  orgId: string,
  customerId: string,
  ownerId: string,
): Promise<Date | null> {
  const rows = await tx
    .select({ at: customerOwners.at })
    .from(customerOwners)
    .where(
      and(
        eq(customerOwners.orgId, orgId),
        eq(customerOwners.customerId, customerId),
        eq(customerOwners.fromOwnerId, ownerId),
        isNull(customerOwners.toOwnerId),
      ),
    )
    .orderBy(desc(customerOwners.at))
    .limit(1);
  return rows[0]?.at ?? null;
}

/** Takes a pool customer for `to`; false when it is no longer in the pool. */
export async function takeFromPool(
  tx: Db,
  orgId: string,
  id: string,
  to: { ownerId: string; teamId: string | null; departmentId: string | null },
  who: { userId: string; now: Date },
): Promise<boolean> {
  const rows = await tx
    .update(customers)
    .set({
      ...to,
      ownerAssignedAt: who.now,
      version: sql`${customers.version} + 1`,
      updatedAt: who.now,
      updatedBy: who.userId,
    })
    .where(
      and(
        eq(customers.orgId, orgId),
        eq(customers.id, id),
        isNull(customers.ownerId),
        isNull(customers.deletedAt),
      ),
    )
    .returning({ id: customers.id });
  return rows.length > 0;
}

/** Puts a customer back in the pool if `fromOwnerId` still owns it; false otherwise. */
export async function returnToPool(
  tx: Db,
  orgId: string,
  id: string,
  fromOwnerId: string,
  who: { userId: string | null; now: Date },
): Promise<boolean> {
  const rows = await tx
    .update(customers)
    .set({
      ownerId: null,
      ownerAssignedAt: null,
      version: sql`${customers.version} + 1`,
      updatedAt: who.now,
      ...(who.userId ? { updatedBy: who.userId } : {}),
    })
    .where(
      and(
        eq(customers.orgId, orgId),
        eq(customers.id, id),
        eq(customers.ownerId, fromOwnerId),
        isNull(customers.deletedAt),
      ),
    )
    .returning({ id: customers.id });
  return rows.length > 0;
}

export async function insertPoolOwnerChange(
  tx: Db,
  orgId: string,
  change: { customerId: string; fromOwnerId: string | null; toOwnerId: string | null; reason: string },
  who: { userId: string | null; now: Date },
): Promise<void> {
  await tx
    .insert(customerOwners)
    .values({ ...change, id: newId(), orgId, changedBy: who.userId, at: who.now });
}

/** System path (owner connection): organisations with the pool switched on. */
export async function listPoolOrgs(db: Db, onlyOrgId?: string | null) {
  return db
    .select({ id: orgs.id, timeZone: orgs.timeZone, settings: orgs.settings })
    .from(orgs)
    .where(
      and(
        sql`${orgs.settings} -> 'pool' ->> 'enabled' = 'true'`,
        onlyOrgId ? eq(orgs.id, onlyOrgId) : undefined,
      ),
    )
    .orderBy(asc(orgs.createdAt));
}

/** One batch of owned customers, in id order after `afterId`, with what the rules read (clocks from customer_activity). */
export async function ownedBatch(tx: Db, orgId: string, afterId: string | null, limit: number) {
  return tx
    .select({
      id: customers.id,
      name: customers.name,
      ownerId: customers.ownerId,
      grade: customers.grade,
      status: customers.lifecycleStatus,
      assignedAt: customers.ownerAssignedAt,
      lastFollowUpAt: customerActivity.lastFollowUpAt,
      lastDealAt: customerActivity.lastDealAt,
    })
    .from(customers)
    .leftJoin(
      customerActivity,
      and(eq(customerActivity.orgId, customers.orgId), eq(customerActivity.customerId, customers.id)),
    )
    .where(
      and(
        eq(customers.orgId, orgId),
        isNotNull(customers.ownerId),
        isNull(customers.deletedAt),
        afterId ? gt(customers.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
}

/** The due dates each customer of `ids` has already been warned about. */
export async function warnedDueDates(tx: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ entityId: auditLog.entityId, changes: auditLog.changes })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        eq(auditLog.entity, 'customers'),
        eq(auditLog.action, 'pool_warning'),
        inArray(auditLog.entityId, ids),
      ),
    );
  const out = new Set<string>();
  for (const r of rows)
    for (const c of r.changes) if (c.field === 'dueAt') out.add(`${r.entityId} ${String(c.new)}`);
  return out;
}
