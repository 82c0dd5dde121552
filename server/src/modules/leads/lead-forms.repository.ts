import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { authThrottle } from '../auth/auth.table.ts';
import { leadForms } from './leads.table.ts';

export type LeadFormRow = typeof leadForms.$inferSelect;

export async function listForms(tx: Db, orgId: string): Promise<LeadFormRow[]> {
  return tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.orgId, orgId), isNull(leadForms.deletedAt)))
    .orderBy(asc(leadForms.createdAt), asc(leadForms.id));
}

export async function findForm(tx: Db, orgId: string, id: string): Promise<LeadFormRow | undefined> {
  const [row] = await tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.orgId, orgId), eq(leadForms.id, id), isNull(leadForms.deletedAt)));
  return row;
}

export async function insertForm(tx: Db, row: typeof leadForms.$inferInsert): Promise<void> {
  await tx.insert(leadForms).values(row);
}

/** A live, active form by its public key, in whichever organisation (owner connection only). */
export async function findActiveFormByKey(tx: Db, key: string): Promise<LeadFormRow | undefined> {
  const [row] = await tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.publicKey, key), isNull(leadForms.deletedAt), eq(leadForms.active, true)));
  return row;
}

export async function countSubmission(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(leadForms)
    .set({ submissions: sql`${leadForms.submissions} + 1` })
    .where(and(eq(leadForms.orgId, orgId), eq(leadForms.id, id)));
}

/**
 * Counts one request under `key` in a fixed window and returns the count and the window's start:
 * one atomic upsert on the sign-in throttle table, so every server process sees the same count.
 * Owner connection only (the application role has no access to the table).
 */
export async function hitRateWindow(
  tx: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; windowStart: Date }> {
  const stale = new Date(now.getTime() - windowMs);
  const [row] = await tx
    .insert(authThrottle)
    .values({ key, failures: 1, windowStart: now, blockedUntil: null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowStart} <= ${stale.toISOString()}::timestamptz then 1 else ${authThrottle.failures} + 1 end`,
        windowStart: sql`case when ${authThrottle.windowStart} <= ${stale.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${authThrottle.windowStart} end`,
      },
    })
    .returning({ count: authThrottle.failures, windowStart: authThrottle.windowStart });
  return row!;
}
