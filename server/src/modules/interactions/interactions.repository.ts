import {
  and,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lte,
  max,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../users/users.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { attachments, interactions } from './interactions.table.ts';
import type { ChannelLast } from './interaction-rules.ts';

/** An interaction is visible exactly when its customer is: live and within the actor's data scope. */
const customerJoin = (actor: Actor): SQL =>
  and(
    eq(customers.orgId, interactions.orgId),
    eq(customers.id, interactions.customerId),
    isNull(customers.deletedAt),
    customersVisibleTo(actor),
  )!;

const author = alias(users, 'interaction_user');

const columns = {
  id: interactions.id,
  version: interactions.version,
  createdAt: interactions.createdAt,
  createdBy: interactions.createdBy,
  updatedAt: interactions.updatedAt,
  updatedBy: interactions.updatedBy,
  customerId: interactions.customerId,
  customerName: customers.name,
  contactId: interactions.contactId,
  contactName: contacts.name,
  channel: interactions.channel,
  occurredAt: interactions.occurredAt,
  subject: interactions.subject,
  content: interactions.content,
  outcome: interactions.outcome,
  nextStep: interactions.nextStep,
  nextStepAt: interactions.nextStepAt,
  userId: interactions.userId,
  userName: author.name,
};

function baseSelect(tx: Db, actor: Actor) {
  return tx
    .select(columns)
    .from(interactions)
    .innerJoin(customers, customerJoin(actor))
    .leftJoin(contacts, and(eq(contacts.orgId, interactions.orgId), eq(contacts.id, interactions.contactId)))
    .leftJoin(author, and(eq(author.orgId, interactions.orgId), eq(author.id, interactions.userId)));
}

export type InteractionRow = Awaited<ReturnType<typeof findInteraction>> & object;

export async function findInteraction(tx: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await baseSelect(tx, actor)
    .where(
      and(
        eq(interactions.orgId, actor.orgId),
        eq(interactions.id, id),
        opts.deleted ? isNotNull(interactions.deletedAt) : isNull(interactions.deletedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The customer an interaction may be logged against: live, visible, with its current owner. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId })
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

export async function contactBelongsTo(tx: Db, orgId: string, contactId: string, customerId: string) {
  const rows = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        eq(contacts.id, contactId),
        eq(contacts.customerId, customerId),
        isNull(contacts.deletedAt),
      ),
    );
  return rows.length > 0;
}

export async function userExists(tx: Db, orgId: string, userId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.deletedAt)));
  return rows.length > 0;
}

export interface InteractionFilter {
  customerId?: string;
  contactId?: string;
  channel?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  q?: string;
}

const SORT_COLUMNS = {
  occurredAt: interactions.occurredAt,
  createdAt: interactions.createdAt,
  updatedAt: interactions.updatedAt,
};

export async function listInteractions(
  tx: Db,
  actor: Actor,
  f: InteractionFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: SQL[] = [eq(interactions.orgId, actor.orgId), isNull(interactions.deletedAt)];
  if (f.customerId) where.push(eq(interactions.customerId, f.customerId));
  if (f.contactId) where.push(eq(interactions.contactId, f.contactId));
  if (f.channel) where.push(eq(interactions.channel, f.channel as 'call'));
  if (f.userId) where.push(eq(interactions.userId, f.userId));
  if (f.from) where.push(gte(interactions.occurredAt, f.from));
  if (f.to) where.push(lte(interactions.occurredAt, f.to));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(interactions.subject, pattern), ilike(interactions.content, pattern))!);
  }
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, interactions.id, page.sort, page.cursor);
  const rows = await baseSelect(tx, actor)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(interactions)
    .innerJoin(customers, customerJoin(actor))
    .where(and(...where));
  return { rows, total };
}

export async function insertInteraction(tx: Db, row: typeof interactions.$inferInsert): Promise<void> {
  await tx.insert(interactions).values(row);
}

/** The latest live interaction per channel of one customer (customer_activity's source). */
export async function lastPerChannel(tx: Db, orgId: string, customerId: string): Promise<ChannelLast[]> {
  const rows = await tx
    .select({ channel: interactions.channel, at: max(interactions.occurredAt) })
    .from(interactions)
    .where(
      and(
        eq(interactions.orgId, orgId),
        eq(interactions.customerId, customerId),
        isNull(interactions.deletedAt),
      ),
    )
    .groupBy(interactions.channel);
  return rows.flatMap((r) => (r.at ? [{ channel: r.channel as string, at: r.at }] : []));
}

/** The latest live interaction of `userId` with the customer: the owner's follow-up clock. */
export async function lastByUser(tx: Db, orgId: string, customerId: string, userId: string) {
  const [row] = await tx
    .select({ at: max(interactions.occurredAt) })
    .from(interactions)
    .where(
      and(
        eq(interactions.orgId, orgId),
        eq(interactions.customerId, customerId),
        eq(interactions.userId, userId),
        isNull(interactions.deletedAt),
      ),
    );
  return row?.at ?? null;
}

// Follow-up tasks: the tasks module (engineer C) owns the rest of their life; here they are only born.

export async function insertFollowUpTask(tx: Db, row: typeof tasks.$inferInsert): Promise<string> {
  const [created] = await tx.insert(tasks).values(row).returning({ id: tasks.id });
  return created!.id;
}

/** The open follow-up task an interaction created, if it is still open. */
export async function findOpenFollowUp(tx: Db, orgId: string, interactionId: string) {
  const rows = await tx
    .select({ id: tasks.id, dueAt: tasks.dueAt, title: tasks.title, assigneeId: tasks.assigneeId })
    .from(tasks)
    .where(
      and(
        eq(tasks.orgId, orgId),
        eq(tasks.relatedType, 'interactions'),
        eq(tasks.relatedId, interactionId),
        eq(tasks.kind, 'followUp'),
        eq(tasks.status, 'open'),
        isNull(tasks.deletedAt),
      ),
    )
    .orderBy(desc(tasks.createdAt))
    .limit(1);
  return rows[0];
}

export async function updateFollowUpTask(
  tx: Db,
  orgId: string,
  id: string,
  set: { title: string; dueAt: Date; assigneeId: string; contactId: string | null },
  who: { userId: string; now: Date },
): Promise<void> {
  await tx
    .update(tasks)
    .set({
      ...set,
      remindedAt: null,
      version: sql`${tasks.version} + 1`,
      updatedAt: who.now,
      updatedBy: who.userId,
    })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
}

// Attachments.

const attachmentColumns = {
  id: attachments.id,
  recordId: attachments.recordId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  storageKey: attachments.storageKey,
  createdAt: attachments.createdAt,
  createdBy: attachments.createdBy,
};

export async function attachmentsOf(tx: Db, orgId: string, interactionIds: string[]) {
  if (!interactionIds.length) return [];
  return tx
    .select(attachmentColumns)
    .from(attachments)
    .where(
      and(
        eq(attachments.orgId, orgId),
        eq(attachments.recordType, 'interactions'),
        inArray(attachments.recordId, interactionIds),
        isNull(attachments.deletedAt),
      ),
    )
    .orderBy(attachments.createdAt, attachments.id);
}

export async function findAttachment(tx: Db, orgId: string, id: string) {
  const rows = await tx
    .select(attachmentColumns)
    .from(attachments)
    .where(
      and(
        eq(attachments.orgId, orgId),
        eq(attachments.id, id),
        eq(attachments.recordType, 'interactions'),
        isNull(attachments.deletedAt),
      ),
    );
  return rows[0];
}

export async function insertAttachment(tx: Db, row: typeof attachments.$inferInsert): Promise<void> {
  await tx.insert(attachments).values(row);
}

export async function deleteAttachment(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(attachments).where(and(eq(attachments.orgId, orgId), eq(attachments.id, id)));
}
