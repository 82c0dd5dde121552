import { and, asc, eq, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import { countCapped, keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { roles } from '../access/access.table.ts';
import { ownedRecordsVisibleTo } from '../org-structure/index.ts';
import { users } from '../users/users.table.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { opportunities } from '../opportunities/opportunities.table.ts';
import { opportunitiesVisibleTo } from '../opportunities/index.ts';
import { products } from '../products/products.table.ts';
import { OPEN_STATUSES, type QUOTE_STATUSES as RULE_STATUSES } from './quote-rules.ts';
import { quoteLines, quotes, type QUOTE_STATUSES, type QuoteStatus } from './quotes.table.ts';

// The pure rules keep their own copy of the status list; the two must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesAgree: Same<(typeof QUOTE_STATUSES)[number], (typeof RULE_STATUSES)[number]> = true;
void statusesAgree;

/** Which quotes an actor sees: the data scope applied to the quote's owner, team and department. */
export function quotesVisibleTo(actor: Actor): SQL | undefined {
  return ownedRecordsVisibleTo(actor, quotes);
}

const owner = alias(users, 'quote_owner');
const approver = alias(users, 'quote_approver');

const columns = {
  id: quotes.id,
  version: quotes.version,
  createdAt: quotes.createdAt,
  createdBy: quotes.createdBy,
  updatedAt: quotes.updatedAt,
  updatedBy: quotes.updatedBy,
  number: quotes.number,
  customerId: quotes.customerId,
  customerName: customers.name,
  contactId: quotes.contactId,
  contactName: contacts.name,
  opportunityId: quotes.opportunityId,
  opportunityName: opportunities.name,
  currency: quotes.currency,
  status: quotes.status,
  validUntil: quotes.validUntil,
  subtotal: quotes.subtotal,
  discountTotal: quotes.discountTotal,
  taxTotal: quotes.taxTotal,
  total: quotes.total,
  maxDiscountPct: quotes.maxDiscountPct,
  approvalRequestedAt: quotes.approvalRequestedAt,
  approvedBy: quotes.approvedBy,
  approvedByName: approver.name,
  approvedAt: quotes.approvedAt,
  approvalNote: quotes.approvalNote,
  terms: quotes.terms,
  notes: quotes.notes,
  ownerId: quotes.ownerId,
  ownerName: owner.name,
  teamId: quotes.teamId,
  departmentId: quotes.departmentId,
  orderId: quotes.orderId,
};

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(quotes)
    .leftJoin(customers, and(eq(customers.orgId, quotes.orgId), eq(customers.id, quotes.customerId)))
    .leftJoin(contacts, and(eq(contacts.orgId, quotes.orgId), eq(contacts.id, quotes.contactId)))
    .leftJoin(
      opportunities,
      and(eq(opportunities.orgId, quotes.orgId), eq(opportunities.id, quotes.opportunityId)),
    )
    .leftJoin(owner, and(eq(owner.orgId, quotes.orgId), eq(owner.id, quotes.ownerId)))
    .leftJoin(approver, and(eq(approver.orgId, quotes.orgId), eq(approver.id, quotes.approvedBy)));
}

export type QuoteRow = Awaited<ReturnType<typeof findQuote>> & object;

export async function findQuote(
  tx: Db,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean; lock?: boolean } = {},
) {
  const q = baseQuery(tx)
    .where(
      and(
        eq(quotes.orgId, actor.orgId),
        eq(quotes.id, id),
        opts.deleted ? isNotNull(quotes.deletedAt) : isNull(quotes.deletedAt),
        quotesVisibleTo(actor),
      ),
    )
    .limit(1);
  const rows = await (opts.lock ? q.for('update', { of: quotes }) : q);
  return rows[0];
}

export async function findLines(tx: Db, orgId: string, quoteId: string) {
  return tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(asc(quoteLines.position));
}

export interface QuoteFilter {
  status?: QuoteStatus;
  customerId?: string;
  opportunityId?: string;
  ownerId?: string;
  like?: string;
  /** Pending quotes others wrote (the approvals queue). */
  notOwnedBy?: string;
}

/** `today` (org-local) decides expiry: an open quote past validUntil lists as expired. */
export function quoteConditions(actor: Actor, f: QuoteFilter, today: string): SQL[] {
  const c: SQL[] = [eq(quotes.orgId, actor.orgId), isNull(quotes.deletedAt)];
  const scope = quotesVisibleTo(actor);
  if (scope) c.push(scope);
  const live = or(isNull(quotes.validUntil), sql`${quotes.validUntil} >= ${today}`)!;
  if (f.status === 'expired')
    c.push(
      or(
        eq(quotes.status, 'expired'),
        and(inArray(quotes.status, OPEN_STATUSES), lt(quotes.validUntil, today))!,
      )!,
    );
  else if (f.status && OPEN_STATUSES.includes(f.status)) c.push(eq(quotes.status, f.status), live);
  else if (f.status) c.push(eq(quotes.status, f.status));
  if (f.customerId) c.push(eq(quotes.customerId, f.customerId));
  if (f.opportunityId) c.push(eq(quotes.opportunityId, f.opportunityId));
  if (f.ownerId) c.push(eq(quotes.ownerId, f.ownerId));
  if (f.notOwnedBy) c.push(ne(quotes.ownerId, f.notOwnedBy));
  if (f.like)
    c.push(
      or(
        sql`${quotes.number} ilike ${f.like}`,
        sql`exists (select 1 from ${customers} qc where qc.org_id = ${quotes.orgId}
          and qc.id = ${quotes.customerId} and qc.name ilike ${f.like})`,
      )!,
    );
  return c;
}

const SORT_COLUMNS = {
  updatedAt: quotes.updatedAt,
  createdAt: quotes.createdAt,
  total: quotes.total,
  validUntil: quotes.validUntil,
  number: quotes.number,
};

export const LIST_COUNT_CAP = 10_000;

export async function listQuotes(
  tx: Db,
  actor: Actor,
  f: QuoteFilter,
  today: string,
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where = quoteConditions(actor, f, today);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, quotes.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  return { rows, total: await countCapped(tx, quotes, and(...where), LIST_COUNT_CAP) };
}

export async function insertQuote(tx: Db, row: typeof quotes.$inferInsert): Promise<void> {
  await tx.insert(quotes).values(row);
}

export async function replaceLines(
  tx: Db,
  orgId: string,
  quoteId: string,
  lines: Omit<typeof quoteLines.$inferInsert, 'orgId' | 'quoteId'>[],
): Promise<void> {
  await tx.delete(quoteLines).where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)));
  if (lines.length) await tx.insert(quoteLines).values(lines.map((l) => ({ ...l, orgId, quoteId })));
}

/**
 * The largest number of the year so far, under a transaction-scoped advisory lock per organisation
 * and year: two quotes created at once get consecutive numbers instead of a unique-index failure.
 */
export async function lastQuoteNumber(tx: Db, orgId: string, year: string): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quotes:${orgId}:${year}`}))`);
  const rows = await tx
    .select({ number: sql<string | null>`max(${quotes.number})` })
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), sql`${quotes.number} like ${`Q-${year}-%`}`));
  return rows[0]?.number ?? null;
}

/** The customer a quote may name: live and visible to the actor. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({
      id: customers.id,
      name: customers.name,
      type: customers.type,
      address: customers.address,
      phones: customers.phones,
    })
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

export async function contactOfCustomer(tx: Db, orgId: string, contactId: string, customerId: string) {
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

export async function opportunityOfCustomer(tx: Db, actor: Actor, id: string, customerId: string) {
  const rows = await tx
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.orgId, actor.orgId),
        eq(opportunities.id, id),
        eq(opportunities.customerId, customerId),
        isNull(opportunities.deletedAt),
        opportunitiesVisibleTo(actor),
      ),
    );
  return rows.length > 0;
}

export async function findProducts(tx: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      nameEn: products.nameEn,
      unit: products.unit,
      listPrice: products.listPrice,
      currency: products.currency,
      taxRate: products.taxRate,
      status: products.status,
    })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, ids), isNull(products.deletedAt)));
}

export async function findUser(tx: Db, orgId: string, id: string) {
  const rows = await tx
    .select({ id: users.id, name: users.name, teamId: users.teamId, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return rows[0];
}

/** Active users whose role may approve quotes, except `exceptUserIds`. */
export async function findApprovers(tx: Db, orgId: string, exceptUserIds: string[]) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, and(eq(roles.orgId, users.orgId), eq(roles.id, users.roleId)))
    .where(
      and(
        eq(users.orgId, orgId),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
        sql`coalesce(${roles.permissions} -> 'quoteApproval', '[]'::jsonb) ? 'update'`,
        exceptUserIds.length ? notInArray(users.id, exceptUserIds) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}
