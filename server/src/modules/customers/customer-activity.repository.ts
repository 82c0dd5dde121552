import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { customerActivity } from './customers.table.ts';

// Communication behaviour (customer_activity): one row per customer, written in the same
// transaction as whatever changed it. Interactions fill the contact columns; portal logins,
// enquiries, campaigns and deals come from later modules.

export type CustomerActivityRow = typeof customerActivity.$inferSelect;

export async function findCustomerActivity(
  tx: Db,
  orgId: string,
  customerId: string,
): Promise<CustomerActivityRow | undefined> {
  const rows = await tx
    .select()
    .from(customerActivity)
    .where(and(eq(customerActivity.orgId, orgId), eq(customerActivity.customerId, customerId)));
  return rows[0];
}

/** Replaces the interaction-derived columns, creating the row if the customer has none yet. */
export async function saveContactActivity(
  tx: Db,
  orgId: string,
  customerId: string,
  s: {
    lastContactAt: Date | null;
    lastContactChannel: string | null;
    lastByChannel: Record<string, string>;
    lastFollowUpAt: Date | null;
  },
): Promise<void> {
  await tx
    .insert(customerActivity)
    .values({ orgId, customerId, ...s })
    .onConflictDoUpdate({ target: [customerActivity.orgId, customerActivity.customerId], set: s });
}

/** An opportunity was opened or won: last_deal_at moves forward (never back), creating the row if needed. */
export async function recordDeal(tx: Db, orgId: string, customerId: string, at: Date): Promise<void> {
  await tx
    .insert(customerActivity)
    .values({ orgId, customerId, lastDealAt: at })
    .onConflictDoUpdate({
      target: [customerActivity.orgId, customerActivity.customerId],
      set: {
        lastDealAt: sql`greatest(${customerActivity.lastDealAt}, excluded.last_deal_at)`,
      },
    });
}
