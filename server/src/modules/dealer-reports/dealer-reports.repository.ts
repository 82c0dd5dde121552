// Reads and writes of dealer monthly reports; every read of reports goes through the customer's scope.
import { and, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import { resultRows } from '../../db/bulk-records.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { products } from '../products/products.table.ts';
import { users } from '../users/users.table.ts';
import { dealerReports } from './dealer-reports.table.ts';

export type DealerReportRow = typeof dealerReports.$inferSelect;

const live = (orgId: string) => and(eq(dealerReports.orgId, orgId), isNull(dealerReports.deletedAt));

/** The key of a report: customer, product, month ('YYYY-MM-01'). */
export const keyOf = (r: { customerId: string; productId: string; month: string }) =>
  `${r.customerId}|${r.productId}|${r.month}`;

export interface CustomerRef {
  id: string;
  name: string;
  code: string | null;
  ownerId: string | null;
}

/** The live customers among `ids` the actor sees. */
export async function visibleCustomers(
  tx: Db,
  actor: Actor,
  ids: string[],
): Promise<Map<string, CustomerRef>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: customers.id, name: customers.name, code: customers.code, ownerId: customers.ownerId })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        sql`${customers.id} = any(${pgArray(ids)}::uuid[])`,
        customersVisibleTo(actor),
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Live customers by code or exact name (imports), visible or not: the caller reports scope. */
export async function customersByCodeOrName(tx: Db, actor: Actor, codes: string[], names: string[]) {
  if (!codes.length && !names.length) return [];
  const visible = customersVisibleTo(actor);
  return tx
    .select({
      id: customers.id,
      name: customers.name,
      code: customers.code,
      ownerId: customers.ownerId,
      visible: visible ? sql<boolean>`coalesce(${visible}, false)` : sql<boolean>`true`,
    })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        sql`(${customers.code} = any(${pgArray(codes)}::text[]) or ${customers.name} = any(${pgArray(names)}::text[]))`,
      ),
    );
}

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  categoryId: string | null;
}

export async function productsByIds(tx: Db, orgId: string, ids: string[]): Promise<Map<string, ProductRef>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: products.id, sku: products.sku, name: products.name, categoryId: products.categoryId })
    .from(products)
    .where(
      and(
        eq(products.orgId, orgId),
        isNull(products.deletedAt),
        sql`${products.id} = any(${pgArray(ids)}::uuid[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function productsBySku(tx: Db, orgId: string, skus: string[]): Promise<ProductRef[]> {
  if (!skus.length) return [];
  return tx
    .select({ id: products.id, sku: products.sku, name: products.name, categoryId: products.categoryId })
    .from(products)
    .where(
      and(
        eq(products.orgId, orgId),
        isNull(products.deletedAt),
        sql`${products.sku} = any(${pgArray(skus)}::text[])`,
      ),
    );
}

/** Live reports of these customers between two months (inclusive): one query for a batch. */
export async function reportsBetween(
  tx: Db,
  orgId: string,
  customerIds: string[],
  from: string,
  to: string,
  productIds?: string[],
): Promise<DealerReportRow[]> {
  if (!customerIds.length) return [];
  return tx
    .select()
    .from(dealerReports)
    .where(
      and(
        live(orgId),
        sql`${dealerReports.customerId} = any(${pgArray(customerIds)}::uuid[])`,
        productIds ? sql`${dealerReports.productId} = any(${pgArray(productIds)}::uuid[])` : undefined,
        gte(dealerReports.month, from),
        lte(dealerReports.month, to),
      ),
    );
}

/**
 * What we shipped of each product to these customers per month (the org's time zone) between two
 * months inclusive: shipments' lines joined to their order lines. Key: keyOf(customer, product, month).
 */
export async function shippedBetween(
  tx: Db,
  orgId: string,
  customerIds: string[],
  from: string,
  to: string,
): Promise<Map<string, string>> {
  if (!customerIds.length) return new Map();
  const rows = await tx.execute<{ customer_id: string; product_id: string; month: string; qty: string }>(sql`
    with tz as (select coalesce((select time_zone from orgs where id = ${orgId}), 'Asia/Shanghai') as tz)
    select o.customer_id, ol.product_id,
           to_char(date_trunc('month', s.shipped_at at time zone (select tz from tz)), 'YYYY-MM-DD') as month,
           sum((l.value->>'quantity')::numeric)::text as qty
      from shipments s
      join orders o on o.org_id = s.org_id and o.id = s.order_id and o.deleted_at is null
      cross join lateral jsonb_array_elements(s.lines) l
      join order_lines ol on ol.org_id = s.org_id and ol.id = (l.value->>'orderLineId')::uuid
     where s.org_id = ${orgId} and s.deleted_at is null
       and o.customer_id = any(${pgArray(customerIds)}::uuid[])
       and ol.product_id is not null
       and s.shipped_at >= (${from}::date)::timestamp at time zone (select tz from tz)
       and s.shipped_at < ((${to}::date + interval '1 month')::timestamp) at time zone (select tz from tz)
     group by 1, 2, 3`);
  const out = new Map<string, string>();
  for (const r of resultRows<{ customer_id: string; product_id: string; month: string; qty: string }>(rows))
    out.set(keyOf({ customerId: r.customer_id, productId: r.product_id, month: r.month }), r.qty);
  return out;
}

export async function findReport(tx: Db, orgId: string, id: string): Promise<DealerReportRow | undefined> {
  const rows = await tx
    .select()
    .from(dealerReports)
    .where(and(live(orgId), eq(dealerReports.id, id)));
  return rows[0];
}

export async function insertReports(tx: Db, rows: (typeof dealerReports.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(dealerReports).values(rows.slice(i, i + 2000));
}

export interface ReportUpdate {
  id: string;
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales: string | null;
  flags: string[];
  source: string;
}

/** Many reports in one statement; each version + 1. Returns id → new version. */
export async function updateReports(
  tx: Db,
  orgId: string,
  rows: ReportUpdate[],
  who: { userId: string; now: Date },
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const col = <K extends keyof ReportUpdate>(k: K) =>
      pgArray(chunk.map((r) => (Array.isArray(r[k]) ? pgArray(r[k] as string[]) : (r[k] as string | null))));
    const res = await tx.execute<{ id: string; version: number }>(sql`
      update dealer_reports d set
        opening_stock = v.opening, purchased = v.purchased, sold = v.sold, closing_stock = v.closing,
        category_sales = v.category, flags = v.flags::text[], source = v.source,
        version = d.version + 1, updated_at = ${who.now.toISOString()}::timestamptz, updated_by = ${who.userId}
      from unnest(${col('id')}::uuid[], ${col('openingStock')}::numeric[], ${col('purchased')}::numeric[],
                  ${col('sold')}::numeric[], ${col('closingStock')}::numeric[], ${col('categorySales')}::numeric[],
                  ${col('flags')}::text[], ${col('source')}::text[])
           as v(id, opening, purchased, sold, closing, category, flags, source)
      where d.org_id = ${orgId} and d.id = v.id
      returning d.id, d.version`);
    for (const r of resultRows<{ id: string; version: number }>(res)) out.set(r.id, Number(r.version));
  }
  return out;
}

/**
 * After reports at these keys changed (or went), the following month's report re-checks its
 * opening against them: the openingMismatch flag is set or cleared, nothing else touched.
 */
export async function recheckFollowingOpenings(
  tx: Db,
  orgId: string,
  keys: { customerId: string; productId: string; month: string }[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    await tx.execute(sql`
      update dealer_reports d set flags = array_remove(d.flags, 'openingMismatch') ||
        case when exists (select 1 from dealer_reports p
                           where p.org_id = d.org_id and p.customer_id = d.customer_id and p.product_id = d.product_id
                             and p.month = (d.month - interval '1 month')::date and p.deleted_at is null
                             and p.closing_stock <> d.opening_stock)
             then '{openingMismatch}'::text[] else '{}'::text[] end
      from unnest(${pgArray(chunk.map((k) => k.customerId))}::uuid[], ${pgArray(chunk.map((k) => k.productId))}::uuid[],
                  ${pgArray(chunk.map((k) => k.month))}::date[]) as k(customer_id, product_id, month)
      where d.org_id = ${orgId} and d.deleted_at is null and d.customer_id = k.customer_id
        and d.product_id = k.product_id and d.month = (k.month + interval '1 month')::date`);
  }
}

export async function softDeleteReport(
  tx: Db,
  orgId: string,
  id: string,
  who: { userId: string; now: Date },
) {
  await tx
    .update(dealerReports)
    .set({ deletedAt: who.now, deletedBy: who.userId, version: sql`${dealerReports.version} + 1` })
    .where(and(live(orgId), eq(dealerReports.id, id)));
}

export async function hardDeleteReports(tx: Db, orgId: string, ids: string[]) {
  if (ids.length)
    await tx.delete(dealerReports).where(and(eq(dealerReports.orgId, orgId), inArray(dealerReports.id, ids)));
}

export async function reportsByIds(tx: Db, orgId: string, ids: string[]): Promise<DealerReportRow[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(dealerReports)
    .where(and(eq(dealerReports.orgId, orgId), sql`${dealerReports.id} = any(${pgArray(ids)}::uuid[])`));
}

export interface ListFilter {
  customerId?: string;
  productId?: string;
  ownerId?: string;
  from?: string;
  to?: string;
  flagged?: boolean;
}

const listColumns = {
  report: dealerReports,
  customerName: customers.name,
  customerCode: customers.code,
  ownerId: customers.ownerId,
  productSku: products.sku,
  productName: products.name,
  previousClosing: sql<string | null>`(select p.closing_stock from dealer_reports p
      where p.org_id = ${dealerReports.orgId} and p.customer_id = ${dealerReports.customerId}
        and p.product_id = ${dealerReports.productId} and p.deleted_at is null
        and p.month = (${dealerReports.month} - interval '1 month')::date)`,
};
export type ListedReport = {
  report: DealerReportRow;
  customerName: string;
  customerCode: string | null;
  ownerId: string | null;
  productSku: string | null;
  productName: string | null;
  previousClosing: string | null;
};

function listWhere(actor: Actor, f: ListFilter): SQL | undefined {
  return and(
    live(actor.orgId),
    customersVisibleTo(actor),
    f.customerId ? eq(dealerReports.customerId, f.customerId) : undefined,
    f.productId ? eq(dealerReports.productId, f.productId) : undefined,
    f.ownerId ? eq(customers.ownerId, f.ownerId) : undefined,
    f.from ? gte(dealerReports.month, f.from) : undefined,
    f.to ? lte(dealerReports.month, f.to) : undefined,
    f.flagged ? sql`cardinality(${dealerReports.flags}) > 0` : undefined,
  );
}

function listQuery(tx: Db) {
  return tx
    .select(listColumns)
    .from(dealerReports)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, dealerReports.orgId),
        eq(customers.id, dealerReports.customerId),
        isNull(customers.deletedAt),
      ),
    )
    .leftJoin(
      products,
      and(eq(products.orgId, dealerReports.orgId), eq(products.id, dealerReports.productId)),
    );
}

/** A page of visible reports, newest month first. */
export async function listReports(
  tx: Db,
  actor: Actor,
  f: ListFilter,
  page: { cursor?: Cursor; limit: number },
): Promise<{ rows: ListedReport[]; total: number }> {
  const where = listWhere(actor, f);
  const { orderBy, after } = keyset(
    dealerReports.month,
    dealerReports.id,
    { field: 'month', desc: true },
    page.cursor,
  );
  const rows = await listQuery(tx)
    .where(and(where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(dealerReports)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, dealerReports.orgId),
        eq(customers.id, dealerReports.customerId),
        isNull(customers.deletedAt),
      ),
    )
    .where(where);
  return { rows: rows as ListedReport[], total: Number(total) };
}

/** All visible reports matching a filter (metrics, diagnosis, export), in month order; capped. */
export async function allReports(
  tx: Db,
  actor: Actor,
  f: ListFilter,
  cap = 200_000,
): Promise<ListedReport[]> {
  const rows = await listQuery(tx)
    .where(listWhere(actor, f))
    .orderBy(dealerReports.customerId, dealerReports.productId, dealerReports.month)
    .limit(cap);
  return rows as ListedReport[];
}

export async function userNames(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`${users.id} = any(${pgArray(ids)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest month with a visible report, if any. */
export async function latestMonth(tx: Db, actor: Actor, f: ListFilter): Promise<string | null> {
  const [row] = await tx
    .select({ m: sql<string | null>`max(${dealerReports.month})::text` })
    .from(dealerReports)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, dealerReports.orgId),
        eq(customers.id, dealerReports.customerId),
        isNull(customers.deletedAt),
      ),
    )
    .where(listWhere(actor, f));
  return row?.m ?? null;
}
