import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { users } from '../users/users.table.ts';
import { customerKeys, customerOwners, customers } from './customers.table.ts';
import type { DedupeKey, DedupeKind } from './dedupe.ts';

/**
 * Serialises writers that could create the same duplicate: a transaction-scoped advisory
 * lock per key, taken in a fixed order, so two reps saving the same company at the same
 * moment cannot both pass the check.
 */
export async function lockKeys(tx: Db, orgId: string, keys: DedupeKey[]): Promise<void> {
  // Shared with other writers, exclusive for an import's batch (lockForImport): a batch's keys are checked in bulk.
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(hashtextextended(${`${orgId}|customers-import`}, 0))`,
  );
  const ids = [...new Set(keys.map((k) => `${orgId}|${k.kind}|${k.value}`))].sort();
  for (const id of ids) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
}

export interface DuplicateRow {
  customerId: string;
  ownerId: string | null;
  ownerName: string | null;
  kind: DedupeKind;
}

/** Live customers holding any of `keys`, with their owners — across data scopes, by design. */
export async function findByKeys(
  tx: Db,
  orgId: string,
  keys: DedupeKey[],
  excludeId?: string,
): Promise<DuplicateRow[]> {
  if (!keys.length) return [];
  return tx
    .selectDistinct({
      customerId: customerKeys.customerId,
      ownerId: customers.ownerId,
      ownerName: users.name,
      kind: customerKeys.kind,
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
    .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId)))
    .where(
      and(
        eq(customerKeys.orgId, orgId),
        or(...keys.map((k) => and(eq(customerKeys.kind, k.kind), eq(customerKeys.value, k.value)))),
        excludeId ? ne(customerKeys.customerId, excludeId) : undefined,
      ),
    )
    .orderBy(asc(customerKeys.customerId));
}

export async function replaceKeys(
  tx: Db,
  orgId: string,
  customerId: string,
  keys: DedupeKey[],
): Promise<void> {
  await deleteKeys(tx, orgId, customerId);
  if (keys.length)
    await tx
      .insert(customerKeys)
      .values(keys.map((k) => ({ orgId, customerId, kind: k.kind, value: k.value })));
}

export async function deleteKeys(tx: Db, orgId: string, customerId: string): Promise<void> {
  await tx
    .delete(customerKeys)
    .where(and(eq(customerKeys.orgId, orgId), eq(customerKeys.customerId, customerId)));
}

export interface OwnerChange {
  customerId: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  reason:
    | 'create'
    | 'edit'
    | 'transfer'
    | 'merge'
    | 'claim'
    | 'import'
    | 'import undone'
    | `released: ${string}`
    | `reclaimed: ${string}`;
}

export async function insertOwnerChanges(
  tx: Db,
  orgId: string,
  changes: OwnerChange[],
  who: { userId: string; now: Date },
) {
  if (!changes.length) return;
  await tx
    .insert(customerOwners)
    .values(changes.map((c) => ({ ...c, id: newId(), orgId, changedBy: who.userId, at: who.now })));
}

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');
const byUser = alias(users, 'by_user');

export async function listOwnerChanges(tx: Db, orgId: string, customerId: string) {
  return tx
    .select({
      at: customerOwners.at,
      fromOwnerId: customerOwners.fromOwnerId,
      fromOwnerName: fromUser.name,
      toOwnerId: customerOwners.toOwnerId,
      toOwnerName: toUser.name,
      changedBy: customerOwners.changedBy,
      changedByName: byUser.name,
      reason: customerOwners.reason,
    })
    .from(customerOwners)
    .leftJoin(
      fromUser,
      and(eq(fromUser.orgId, customerOwners.orgId), eq(fromUser.id, customerOwners.fromOwnerId)),
    )
    .leftJoin(toUser, and(eq(toUser.orgId, customerOwners.orgId), eq(toUser.id, customerOwners.toOwnerId)))
    .leftJoin(byUser, and(eq(byUser.orgId, customerOwners.orgId), eq(byUser.id, customerOwners.changedBy)))
    .where(and(eq(customerOwners.orgId, orgId), eq(customerOwners.customerId, customerId)))
    .orderBy(asc(customerOwners.at), asc(customerOwners.id));
}
