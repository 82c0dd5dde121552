import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { users } from '../users/users.table.ts';
import { savedViews } from './views.table.ts';

const columns = {
  id: savedViews.id,
  version: savedViews.version,
  createdAt: savedViews.createdAt,
  createdBy: savedViews.createdBy,
  updatedAt: savedViews.updatedAt,
  updatedBy: savedViews.updatedBy,
  entity: savedViews.entity,
  name: savedViews.name,
  ownerId: savedViews.ownerId,
  ownerName: users.name,
  shared: savedViews.shared,
  config: savedViews.config,
};

function base(tx: Db) {
  return tx
    .select(columns)
    .from(savedViews)
    .leftJoin(users, and(eq(users.orgId, savedViews.orgId), eq(users.id, savedViews.ownerId)));
}

/** The caller's own views and the shared ones of the organisation. */
export async function listViews(tx: Db, orgId: string, userId: string, entity: string) {
  return base(tx)
    .where(
      and(
        eq(savedViews.orgId, orgId),
        eq(savedViews.entity, entity),
        isNull(savedViews.deletedAt),
        or(eq(savedViews.ownerId, userId), eq(savedViews.shared, true)),
      ),
    )
    .orderBy(asc(savedViews.name), asc(savedViews.id));
}

/** One live view the caller can see (theirs or shared); `userId` null: whoever's it is (after a write). */
export async function findView(tx: Db, orgId: string, userId: string | null, id: string) {
  const [row] = await base(tx).where(
    and(
      eq(savedViews.orgId, orgId),
      eq(savedViews.id, id),
      isNull(savedViews.deletedAt),
      userId === null ? undefined : or(eq(savedViews.ownerId, userId), eq(savedViews.shared, true)),
    ),
  );
  return row;
}

export async function insertView(tx: Db, row: typeof savedViews.$inferInsert): Promise<void> {
  await tx.insert(savedViews).values(row);
}

export type SavedViewRow = NonNullable<Awaited<ReturnType<typeof findView>>>;
