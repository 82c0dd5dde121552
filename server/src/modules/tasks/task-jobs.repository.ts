import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { customers } from '../customers/customers.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { tasks } from './tasks.table.ts';

/** System path (owner connection): the organisations a scheduled job walks. */
export async function listOrgs(db: Db, onlyOrgId?: string | null) {
  return db
    .select({ id: orgs.id, timeZone: orgs.timeZone, locale: orgs.locale, settings: orgs.settings })
    .from(orgs)
    .where(onlyOrgId ? eq(orgs.id, onlyOrgId) : undefined)
    .orderBy(asc(orgs.createdAt));
}

/**
 * Open tasks to remind about: due within the hour and never reminded, or overdue and not yet
 * reminded since they fell due (reminded_at before due_at, or never).
 */
export async function tasksToRemind(tx: Db, orgId: string, now: Date, soon: Date, limit: number) {
  return tx
    .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, assigneeId: tasks.assigneeId })
    .from(tasks)
    .where(
      and(
        eq(tasks.orgId, orgId),
        eq(tasks.status, 'open'),
        isNull(tasks.deletedAt),
        lte(tasks.dueAt, soon),
        or(
          and(gte(tasks.dueAt, now), isNull(tasks.remindedAt)),
          and(lt(tasks.dueAt, now), or(isNull(tasks.remindedAt), lt(tasks.remindedAt, tasks.dueAt))),
        ),
      ),
    )
    .orderBy(asc(tasks.dueAt))
    .limit(limit);
}

export async function markReminded(tx: Db, orgId: string, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(tasks)
    .set({ remindedAt: now })
    .where(and(eq(tasks.orgId, orgId), inArray(tasks.id, ids)));
}

/** Owned, live customers of the given grades: the recipients of holiday greetings. */
export async function greetingCustomers(tx: Db, orgId: string, grades: string[]) {
  if (!grades.length) return [];
  const rows = await tx
    .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId, grade: customers.grade })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        isNull(customers.deletedAt),
        isNotNull(customers.ownerId),
        inArray(customers.grade, grades),
      ),
    );
  return rows.map((r) => ({ ...r, ownerId: r.ownerId! }));
}

/** Key people with a birthday, of live customers that have an owner. */
export async function birthdayContacts(tx: Db, orgId: string) {
  const rows = await tx
    .select({
      id: contacts.id,
      name: contacts.name,
      customerId: contacts.customerId,
      customerName: customers.name,
      ownerId: customers.ownerId,
      birthday: contacts.birthday,
      birthdayLunar: contacts.birthdayLunar,
    })
    .from(contacts)
    .innerJoin(customers, and(eq(customers.orgId, contacts.orgId), eq(customers.id, contacts.customerId)))
    .where(
      and(
        eq(contacts.orgId, orgId),
        isNull(contacts.deletedAt),
        eq(contacts.isKeyPerson, true),
        isNotNull(contacts.birthday),
        isNull(customers.deletedAt),
        isNotNull(customers.ownerId),
      ),
    );
  return rows.map((r) => ({ ...r, ownerId: r.ownerId!, birthday: r.birthday! }));
}
