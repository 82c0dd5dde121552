import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { roles } from '../access/access.table.ts';
import { users } from '../users/users.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customerActivity, customerKeys, customerOwners, customers } from '../customers/customers.table.ts';
import { interactions } from '../interactions/interactions.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { leadForms, leadRules, leads } from '../leads/leads.table.ts';
import { opportunities, opportunityStageChanges } from '../opportunities/opportunities.table.ts';
import { marketStats } from '../market/market.table.ts';

export async function hasUsersAtDomain(tx: Db, orgId: string, domain: string): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), like(users.email, `%@${domain}`)))
    .limit(1);
  return rows.length > 0;
}

export async function roleIdsByKey(tx: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await tx.select({ id: roles.id, key: roles.key }).from(roles).where(eq(roles.orgId, orgId));
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** The demo users (by their e-mail domain) with their role, team and department. */
export async function usersAtDomain(tx: Db, orgId: string, domain: string) {
  return tx
    .select({
      id: users.id,
      email: users.email,
      roleKey: roles.key,
      teamId: users.teamId,
      departmentId: users.departmentId,
    })
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .where(and(eq(users.orgId, orgId), like(users.email, `%@${domain}`)))
    .orderBy(users.email);
}

export async function customerExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)))
    .limit(1);
  return rows.length > 0;
}

export interface DemoRows {
  customers: (typeof customers.$inferInsert)[];
  keys: (typeof customerKeys.$inferInsert)[];
  owners: (typeof customerOwners.$inferInsert)[];
  contacts: (typeof contacts.$inferInsert)[];
  interactions: (typeof interactions.$inferInsert)[];
  tasks: (typeof tasks.$inferInsert)[];
  activity: (typeof customerActivity.$inferInsert)[];
}

/** Multi-row inserts, a few hundred rows a statement (PostgreSQL takes at most 65,535 parameters). */
async function insertAll<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function insertDemoRows(tx: Db, rows: DemoRows): Promise<void> {
  await insertAll(rows.customers, 500, (b) => tx.insert(customers).values(b));
  await insertAll(rows.keys, 2000, (b) => tx.insert(customerKeys).values(b));
  await insertAll(rows.owners, 1000, (b) => tx.insert(customerOwners).values(b));
  await insertAll(rows.contacts, 1000, (b) => tx.insert(contacts).values(b));
  await insertAll(rows.interactions, 1000, (b) => tx.insert(interactions).values(b));
  await insertAll(rows.tasks, 1000, (b) => tx.insert(tasks).values(b));
  await insertAll(rows.activity, 1000, (b) => tx.insert(customerActivity).values(b));
}

export interface AcquisitionRows {
  forms: (typeof leadForms.$inferInsert)[];
  rules: (typeof leadRules.$inferInsert)[];
  leads: (typeof leads.$inferInsert)[];
  opportunities: (typeof opportunities.$inferInsert)[];
  stageChanges: (typeof opportunityStageChanges.$inferInsert)[];
  marketStats: (typeof marketStats.$inferInsert)[];
}

export async function leadExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.id, id)))
    .limit(1);
  return rows.length > 0;
}

export async function insertAcquisitionRows(tx: Db, rows: AcquisitionRows): Promise<void> {
  await insertAll(rows.forms, 100, (b) => tx.insert(leadForms).values(b));
  await insertAll(rows.rules, 100, (b) => tx.insert(leadRules).values(b));
  await insertAll(rows.leads, 300, (b) => tx.insert(leads).values(b));
  await insertAll(rows.opportunities, 500, (b) => tx.insert(opportunities).values(b));
  await insertAll(rows.stageChanges, 1000, (b) => tx.insert(opportunityStageChanges).values(b));
  // Figures an administrator imported already win.
  await insertAll(rows.marketStats, 500, (b) => tx.insert(marketStats).values(b).onConflictDoNothing());
}
