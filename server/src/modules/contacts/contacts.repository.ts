import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import {
  customersVisibleTo,
  searchCondition,
  searchVector,
  type SearchDocs,
  type SearchQuery,
} from '../customers/index.ts';
import { cfConditionSql, cfKeysetSql, type CfCondition, type CfSort } from '../customization/index.ts';
import { contacts } from './contacts.table.ts';

/** A contact is visible exactly when its customer is: live and within the actor's data scope. */
function customerJoin(actor: Actor): SQL {
  return and(
    eq(customers.orgId, contacts.orgId),
    eq(customers.id, contacts.customerId),
    isNull(customers.deletedAt),
    customersVisibleTo(actor),
  )!;
}

const columns = {
  id: contacts.id,
  version: contacts.version,
  createdAt: contacts.createdAt,
  createdBy: contacts.createdBy,
  updatedAt: contacts.updatedAt,
  updatedBy: contacts.updatedBy,
  customerId: contacts.customerId,
  customerName: customers.name,
  name: contacts.name,
  title: contacts.title,
  phones: contacts.phones,
  emails: contacts.emails,
  wechatId: contacts.wechatId,
  decisionRole: contacts.decisionRole,
  birthday: contacts.birthday,
  birthdayLunar: contacts.birthdayLunar,
  hobbies: contacts.hobbies,
  familyNotes: contacts.familyNotes,
  isKeyPerson: contacts.isKeyPerson,
  notes: contacts.notes,
  customFields: contacts.customFields,
};

export type ContactRow = Awaited<ReturnType<typeof findContact>> & object;

export async function findContact(tx: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await tx
    .select(columns)
    .from(contacts)
    .innerJoin(customers, customerJoin(actor))
    .where(
      and(
        eq(contacts.orgId, actor.orgId),
        eq(contacts.id, id),
        opts.deleted ? isNotNull(contacts.deletedAt) : isNull(contacts.deletedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The customer a contact may be attached to: live and visible to the actor. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, name: customers.name })
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

export interface ContactFilter {
  customerId?: string;
  decisionRole?: string;
  isKeyPerson?: boolean;
  search?: SearchQuery | null;
  /** Custom-field conditions (cf.<key>=…). */
  cf?: CfCondition[];
}

const SORT_COLUMNS = { name: contacts.name, createdAt: contacts.createdAt, updatedAt: contacts.updatedAt };

export async function listContacts(
  tx: Db,
  actor: Actor,
  f: ContactFilter,
  /** count: false skips the count (an export reads chunk after chunk and counts once). */
  page: { sort: SortSpec; cursor?: Cursor; limit: number; cfSort?: CfSort; count?: boolean },
) {
  const where = contactConditions(actor, f);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = page.cfSort
    ? cfKeysetSql(contacts.customFields, contacts.id, page.cfSort, page.cursor)
    : keyset(column, contacts.id, page.sort, page.cursor);
  const rows = await tx
    .select(columns)
    .from(contacts)
    .innerJoin(customers, customerJoin(actor))
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const total = page.count === false ? 0 : await countContacts(tx, actor, f);
  return { rows, total };
}

function contactConditions(actor: Actor, f: ContactFilter): SQL[] {
  const where: SQL[] = [eq(contacts.orgId, actor.orgId), isNull(contacts.deletedAt)];
  if (f.customerId) where.push(eq(contacts.customerId, f.customerId));
  if (f.decisionRole) where.push(eq(contacts.decisionRole, f.decisionRole as 'other'));
  if (f.isKeyPerson !== undefined) where.push(eq(contacts.isKeyPerson, f.isKeyPerson));
  if (f.search)
    where.push(searchCondition(sql`${contacts.searchTsv}`, sql`${contacts.searchText}`, f.search));
  for (const c of f.cf ?? []) where.push(cfConditionSql(contacts.customFields, c));
  return where;
}

export async function countContacts(tx: Db, actor: Actor, f: ContactFilter): Promise<number> {
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(contacts)
    .innerJoin(customers, customerJoin(actor))
    .where(and(...contactConditions(actor, f)));
  return total;
}

export async function insertContact(
  tx: Db,
  row: typeof contacts.$inferInsert,
  docs: SearchDocs,
): Promise<string> {
  const [created] = await tx
    .insert(contacts)
    .values({ ...row, searchTsv: searchVector(docs) as unknown as string, searchText: docs.text })
    .returning({ id: contacts.id });
  return created!.id;
}

export async function updateContactSearch(
  tx: Db,
  orgId: string,
  id: string,
  docs: SearchDocs,
): Promise<void> {
  await tx
    .update(contacts)
    .set({ searchTsv: searchVector(docs) as unknown as string, searchText: docs.text })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
}
