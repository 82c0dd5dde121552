import { and, arrayContains, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ownedRecordsVisibleTo } from '../org-structure/index.ts';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { users } from '../users/users.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customers } from './customers.table.ts';
import type { CustomerRow } from './customer-present.ts';
import type { SearchDocs, SearchQuery } from './search-weights.ts';
import { cfConditionSql, cfKeysetSql, type CfCondition, type CfSort } from '../customization/index.ts';

/**
 * The one place that decides which customers an actor may see (its data scope). Every read
 * path — get, list, filter, sort, search, count, history, export, contacts — goes through it.
 * Own: the actor owns it; team: it belongs to the actor's team; department: to the actor's
 * department subtree (by materialised path); org: all.
 */
export function customersVisibleTo(actor: Actor): SQL | undefined {
  return ownedRecordsVisibleTo(actor, customers);
}

/** The stored vector: weight A names and codes, B phones, C emails (search-weights.ts). */
export function searchVector(docs: SearchDocs): SQL {
  return sql`setweight(to_tsvector('simple', ${docs.main}), 'A') || setweight(to_tsvector('simple', ${docs.phones}), 'B') || setweight(to_tsvector('simple', ${docs.emails}), 'C')`;
}

/** `tsv @@ query`, with the ILIKE recheck that makes Chinese bigrams a real substring match. */
export function searchCondition(
  tsv: SQL | typeof customers.searchTsv,
  text: SQL | typeof customers.searchText,
  q: SearchQuery,
  /**
   * 'index': `@@`, which the GIN index serves — best when matches are few. 'walk': the same test
   * as a function call, which no index matches, so the planner walks the list's sort index and
   * stops at the page — best for a common term, where fetching every match to sort it is the cost.
   */
  via: 'index' | 'walk' = 'index',
): SQL {
  return and(
    via === 'index'
      ? sql`${tsv} @@ to_tsquery('simple', ${q.tsquery})`
      : sql`ts_match_vq(${tsv}, to_tsquery('simple', ${q.tsquery}))`,
    ...q.likePatterns.map((p) => sql`${text} ilike ${p}`),
  )!;
}

const owner = alias(users, 'owner');

const columns = {
  id: customers.id,
  orgId: customers.orgId,
  version: customers.version,
  createdAt: customers.createdAt,
  createdBy: customers.createdBy,
  updatedAt: customers.updatedAt,
  updatedBy: customers.updatedBy,
  deletedAt: customers.deletedAt,
  kind: customers.kind,
  name: customers.name,
  shortName: customers.shortName,
  code: customers.code,
  phones: customers.phones,
  emails: customers.emails,
  creditCode: customers.creditCode,
  country: customers.country,
  province: customers.province,
  city: customers.city,
  district: customers.district,
  address: customers.address,
  website: customers.website,
  industry: customers.industry,
  type: customers.type,
  source: customers.source,
  sourceDetail: customers.sourceDetail,
  mainProducts: customers.mainProducts,
  lifecycleStatus: customers.lifecycleStatus,
  relationshipLevel: customers.relationshipLevel,
  paymentTerms: customers.paymentTerms,
  creditLimit: customers.creditLimit,
  creditLimitCurrency: customers.creditLimitCurrency,
  creditRating: customers.creditRating,
  grade: customers.grade,
  ownerId: customers.ownerId,
  ownerName: owner.name,
  teamId: customers.teamId,
  departmentId: customers.departmentId,
  ownerAssignedAt: customers.ownerAssignedAt,
  tags: customers.tags,
  customFields: customers.customFields,
  keyAccount: customers.keyAccount,
  mergedIntoId: customers.mergedIntoId,
};

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(customers)
    .leftJoin(owner, and(eq(owner.orgId, customers.orgId), eq(owner.id, customers.ownerId)));
}

export async function findCustomer(
  tx: Db,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean } = {},
): Promise<CustomerRow | undefined> {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        eq(customers.id, id),
        opts.deleted ? isNotNull(customers.deletedAt) : isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .limit(1);
  return rows[0] as CustomerRow | undefined;
}

export interface CustomerFilter {
  search?: SearchQuery | null;
  ownerId?: string;
  teamId?: string;
  lifecycleStatus?: string;
  grade?: string;
  province?: string;
  city?: string;
  type?: string;
  source?: string;
  tag?: string;
  kind?: string;
  /** Only customers without an owner: the public pool. */
  inPool?: boolean;
  /** Custom-field conditions (cf.<key>=…). */
  cf?: CfCondition[];
}

/** The most matches a search counts, and the most rows any other list counts; then `totalCapped`. */
export const SEARCH_COUNT_CAP = 1_000;
export const LIST_COUNT_CAP = 10_000;

const SORT_COLUMNS = {
  name: customers.name,
  code: customers.code,
  grade: customers.grade,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
};

function filterConditions(actor: Actor, f: CustomerFilter): SQL[] {
  const c: SQL[] = [eq(customers.orgId, actor.orgId), isNull(customers.deletedAt)];
  const scope = customersVisibleTo(actor);
  if (scope) c.push(scope);
  const equal = {
    ownerId: customers.ownerId,
    teamId: customers.teamId,
    lifecycleStatus: customers.lifecycleStatus,
    grade: customers.grade,
    province: customers.province,
    city: customers.city,
    type: customers.type,
    source: customers.source,
    kind: customers.kind,
  };
  for (const [key, column] of Object.entries(equal)) {
    const v = f[key as keyof typeof equal];
    if (v !== undefined) c.push(eq(column, v));
  }
  if (f.tag !== undefined) c.push(arrayContains(customers.tags, [f.tag]));
  if (f.inPool) c.push(isNull(customers.ownerId));
  if (f.search) c.push(searchCondition(customers.searchTsv, customers.searchText, f.search));
  for (const cond of f.cf ?? []) c.push(cfConditionSql(customers.customFields, cond));
  return c;
}

/**
 * The page of a search for a common term: the matches among the first rows of the sort order (a
 * window walked on the list index, then each row tested by primary key); null when the window
 * does not fill the page — then the search index finds them. The planner cannot choose this itself:
 * it estimates a substring match as rare and would fetch every match to sort them. The window's ids
 * are fetched first so that the test runs on those rows only, never as a scan of the table.
 */
async function walkSearchPage(
  tx: Db,
  actor: Actor,
  f: CustomerFilter,
  p: { orderBy: SQL[]; after: SQL | undefined; limit: number },
) {
  const window = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(...filterConditions(actor, { ...f, search: undefined }), p.after))
    .orderBy(...p.orderBy)
    .limit(SEARCH_WALK_WINDOW);
  if (window.length === 0) return null;
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        sql`${customers.id} = any(${`{${window.map((r) => r.id).join(',')}}`}::uuid[])`,
        searchCondition(customers.searchTsv, customers.searchText, f.search!, 'walk'),
      ),
    )
    .orderBy(...p.orderBy)
    .limit(p.limit + 1);
  // A short window is the end of the list: its matches are the whole rest of the answer.
  return rows.length > p.limit || window.length < SEARCH_WALK_WINDOW ? rows : null;
}

const SEARCH_WALK_WINDOW = 2_000;

export async function listCustomers(
  tx: Db,
  actor: Actor,
  f: CustomerFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; cfSort?: CfSort },
) {
  const where = filterConditions(actor, f);
  // Counts stop at a cap (decision 0007): a common search term (科技) or a broad filter matches a
  // large share of a million customers, and an exact count would visit every one of them.
  const cap = f.search ? SEARCH_COUNT_CAP : LIST_COUNT_CAP;
  const [{ total } = { total: 0 }] = await tx.select({ total: sql<number>`count(*)::int` }).from(
    tx
      .select({ one: sql`1` })
      .from(customers)
      .where(and(...where))
      .limit(cap + 1)
      .as('counted'),
  );
  const { orderBy, after } = pageOrder(page);
  // A common term fills the page within the first rows of the sort order; a rare one is found
  // through the search index.
  const walked =
    f.search && total > cap
      ? await walkSearchPage(tx, actor, f, { orderBy, after, limit: page.limit })
      : null;
  const rows =
    walked ??
    (await baseQuery(tx)
      .where(and(...where, after))
      .orderBy(...orderBy)
      .limit(page.limit + 1));
  return {
    rows: rows as CustomerRow[],
    total: Math.min(total, cap),
    totalCapped: total > cap,
  };
}

function pageOrder(page: { sort: SortSpec; cursor?: Cursor; cfSort?: CfSort }) {
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  return page.cfSort
    ? cfKeysetSql(customers.customFields, customers.id, page.cfSort, page.cursor)
    : keyset(column, customers.id, page.sort, page.cursor);
}

/** A timestamp as ISO text with microseconds: no Date built per row, and a cursor that loses nothing. */
const isoText = (c: typeof customers.createdAt) =>
  sql<string>`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A customer as an export writes it, and no more. */
export interface CustomerExportRow {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  phones: string[];
  emails: string[];
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  type: string | null;
  source: string | null;
  industry: string | null;
  relationshipLevel: string | null;
  lifecycleStatus: string;
  grade: string | null;
  ownerName: string | null;
  tags: string[];
  customFields: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

/** What an export reads of a customer, in the order PostgreSQL puts them into each row's array. */
const EXPORT_FIELDS = {
  id: customers.id,
  name: customers.name,
  code: customers.code,
  kind: customers.kind,
  phones: customers.phones,
  emails: customers.emails,
  province: customers.province,
  city: customers.city,
  district: customers.district,
  address: customers.address,
  type: customers.type,
  source: customers.source,
  industry: customers.industry,
  relationshipLevel: customers.relationshipLevel,
  lifecycleStatus: customers.lifecycleStatus,
  grade: customers.grade,
  ownerName: owner.name,
  tags: customers.tags,
  customFields: customers.customFields,
  createdAt: isoText(customers.createdAt),
  updatedAt: isoText(customers.updatedAt),
} satisfies Record<keyof CustomerExportRow, unknown>;
const EXPORT_KEYS = Object.keys(EXPORT_FIELDS) as (keyof CustomerExportRow)[];

/**
 * A chunk as one JSON array of row arrays, built by PostgreSQL: one JSON.parse per chunk instead of
 * a type parser and a mapping step for every column of every row (and arrays are cheaper for
 * PostgreSQL to build than objects).
 */
const exportRow = sql<unknown[]>`json_build_array(${sql.join(Object.values(EXPORT_FIELDS), sql`, `)})`;

/**
 * One chunk of an export: the list's conditions (filters, data scope, search), its sort and keyset,
 * without the count; limit + 1 rows, like a list page.
 */
export async function listCustomersForExport(
  tx: Db,
  actor: Actor,
  f: CustomerFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; cfSort?: CfSort },
) {
  const { orderBy, after } = pageOrder(page);
  const chunk = tx
    .select({ row: exportRow.as('row') })
    .from(customers)
    .leftJoin(owner, and(eq(owner.orgId, customers.orgId), eq(owner.id, customers.ownerId)))
    .where(and(...filterConditions(actor, f), after))
    .orderBy(...orderBy)
    .limit(page.limit + 1)
    .as('chunk');
  // One JSON array for the chunk, in the sort order of the subquery it aggregates.
  const [result] = await tx
    .select({ rows: sql<unknown[][]>`coalesce(json_agg(${chunk.row}), '[]'::json)` })
    .from(chunk);
  return result?.rows ?? [];
}

/**
 * Reads a row array of listCustomersForExport by name: one reusable view whose `values` are set
 * row after row, so a million rows make no million objects.
 */
export function customerExportView(): CustomerExportRow & { values: unknown[] } {
  const view = { values: [] as unknown[] };
  EXPORT_KEYS.forEach((key, i) =>
    Object.defineProperty(view, key, { get: () => view.values[i], enumerable: true }),
  );
  return view as unknown as CustomerExportRow & { values: unknown[] };
}

/** The exact number of customers a filter matches (an export's total: it visits them all anyway). */
export async function countCustomers(tx: Db, actor: Actor, f: CustomerFilter): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(...filterConditions(actor, f)));
  return row?.total ?? 0;
}

export type CustomerInsert = typeof customers.$inferInsert;

export async function insertCustomer(tx: Db, row: CustomerInsert, docs: SearchDocs): Promise<string> {
  const [created] = await tx
    .insert(customers)
    .values({ ...row, searchTsv: searchVector(docs) as unknown as string, searchText: docs.text })
    .returning({ id: customers.id });
  return created!.id;
}

export async function updateCustomerSearch(
  tx: Db,
  orgId: string,
  id: string,
  docs: SearchDocs,
): Promise<void> {
  await tx
    .update(customers)
    .set({ searchTsv: searchVector(docs) as unknown as string, searchText: docs.text })
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
}

/** Names of a customer's live contacts: part of its search document. */
export async function contactNamesOf(tx: Db, orgId: string, customerId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId), isNull(contacts.deletedAt)));
  return rows.map((r) => r.name);
}

/** What a customer's search document is built from (contacts included), whatever the caller's scope. */
export async function searchSourceOf(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select({
      name: customers.name,
      shortName: customers.shortName,
      code: customers.code,
      creditCode: customers.creditCode,
      phones: customers.phones,
      emails: customers.emails,
    })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  return row ? { ...row, contactNames: await contactNamesOf(tx, orgId, id) } : undefined;
}
