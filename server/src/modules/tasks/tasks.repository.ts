import { and, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { users } from '../users/users.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { tasks, type TaskKind, type TaskStatus } from './tasks.table.ts';

const assignee = alias(users, 'assignee');

/**
 * The one place that decides which tasks an actor sees. The data scope applies to the
 * assignee (own: assigned to me; team/department: assignee in my team/department subtree;
 * org: all); a task the actor created stays visible to them.
 */
export function tasksVisibleTo(tx: Db, actor: Actor): SQL | undefined {
  const scope = usersVisibleTo(actor);
  if (!scope) return undefined;
  const inScope = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), scope));
  return or(inArray(tasks.assigneeId, inScope), eq(tasks.createdBy, actor.userId));
}

const columns = {
  id: tasks.id,
  version: tasks.version,
  createdAt: tasks.createdAt,
  createdBy: tasks.createdBy,
  updatedAt: tasks.updatedAt,
  updatedBy: tasks.updatedBy,
  title: tasks.title,
  kind: tasks.kind,
  status: tasks.status,
  dueAt: tasks.dueAt,
  assigneeId: tasks.assigneeId,
  assigneeName: assignee.name,
  customerId: tasks.customerId,
  customerName: customers.name,
  contactId: tasks.contactId,
  contactName: contacts.name,
  relatedType: tasks.relatedType,
  relatedId: tasks.relatedId,
  notes: tasks.notes,
  completedAt: tasks.completedAt,
  completedBy: tasks.completedBy,
  autoKey: tasks.autoKey,
};

export type TaskRow = Awaited<ReturnType<typeof findTask>> & object;

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(tasks)
    .leftJoin(assignee, and(eq(assignee.orgId, tasks.orgId), eq(assignee.id, tasks.assigneeId)))
    .leftJoin(customers, and(eq(customers.orgId, tasks.orgId), eq(customers.id, tasks.customerId)))
    .leftJoin(contacts, and(eq(contacts.orgId, tasks.orgId), eq(contacts.id, tasks.contactId)));
}

export async function findTask(tx: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(tasks.orgId, actor.orgId),
        eq(tasks.id, id),
        opts.deleted ? isNotNull(tasks.deletedAt) : isNull(tasks.deletedAt),
        tasksVisibleTo(tx, actor),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface TaskFilter {
  assigneeId?: string;
  status?: TaskStatus;
  kind?: TaskKind;
  customerId?: string;
  dueFrom?: Date;
  dueTo?: Date;
  /** dueAt strictly before (the "overdue" view and the end of a day or week window). */
  dueBefore?: Date;
  q?: string;
}

const SORT_COLUMNS = { dueAt: tasks.dueAt, createdAt: tasks.createdAt, updatedAt: tasks.updatedAt };

export async function listTasks(
  tx: Db,
  actor: Actor,
  f: TaskFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: (SQL | undefined)[] = [
    eq(tasks.orgId, actor.orgId),
    isNull(tasks.deletedAt),
    tasksVisibleTo(tx, actor),
  ];
  if (f.assigneeId) where.push(eq(tasks.assigneeId, f.assigneeId));
  if (f.status) where.push(eq(tasks.status, f.status));
  if (f.kind) where.push(eq(tasks.kind, f.kind));
  if (f.customerId) where.push(eq(tasks.customerId, f.customerId));
  if (f.dueFrom) where.push(gte(tasks.dueAt, f.dueFrom));
  if (f.dueTo) where.push(lte(tasks.dueAt, f.dueTo));
  if (f.dueBefore) where.push(lt(tasks.dueAt, f.dueBefore));
  if (f.q) where.push(ilike(tasks.title, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, tasks.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(...where));
  return { rows, total };
}

/** An active user the actor may assign work to (its data scope over users). */
export async function findAssignableUser(tx: Db, actor: Actor, userId: string) {
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.orgId, actor.orgId),
        eq(users.id, userId),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
        usersVisibleTo(actor),
      ),
    );
  return rows[0];
}

export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, ownerId: customers.ownerId })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    );
  return rows[0];
}

export async function findContactCustomer(tx: Db, orgId: string, contactId: string) {
  const rows = await tx
    .select({ id: contacts.id, customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId), isNull(contacts.deletedAt)));
  return rows[0];
}

export async function insertTask(tx: Db, row: typeof tasks.$inferInsert): Promise<string> {
  const [created] = await tx.insert(tasks).values(row).returning({ id: tasks.id });
  return created!.id;
}

/** Generated tasks: a second run with the same auto_key inserts nothing. Returns the new ones. */
export async function insertAutoTasks(tx: Db, rows: (typeof tasks.$inferInsert)[]) {
  if (!rows.length) return [];
  return tx
    .insert(tasks)
    .values(rows)
    .onConflictDoNothing({ target: [tasks.orgId, tasks.autoKey], where: sql`auto_key is not null` })
    .returning({ id: tasks.id, assigneeId: tasks.assigneeId });
}

/** Sets the status (complete / reopen), optionally only from the given version. */
export async function setTaskStatus(
  tx: Db,
  orgId: string,
  id: string,
  set: { status: TaskStatus; completedAt: Date | null; completedBy: string | null },
  who: { userId: string; now: Date },
  version?: number,
): Promise<boolean> {
  const rows = await tx
    .update(tasks)
    .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: who.now, updatedBy: who.userId })
    .where(
      and(
        eq(tasks.orgId, orgId),
        eq(tasks.id, id),
        isNull(tasks.deletedAt),
        version === undefined ? undefined : eq(tasks.version, version),
      ),
    )
    .returning({ id: tasks.id });
  return rows.length > 0;
}

export async function userName(tx: Db, orgId: string, id: string): Promise<string | null> {
  const rows = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return rows[0]?.name ?? null;
}
