import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { leads } from '../leads/leads.table.ts';
import { leadsVisibleTo } from '../leads/index.ts';
import { marketStats } from './market.table.ts';

export type MarketStatRow = typeof marketStats.$inferSelect;

const live = (orgId: string) => and(eq(marketStats.orgId, orgId), isNull(marketStats.deletedAt));

export async function findStat(tx: Db, orgId: string, id: string): Promise<MarketStatRow | undefined> {
  const rows = await tx
    .select()
    .from(marketStats)
    .where(and(live(orgId), eq(marketStats.id, id)));
  return rows[0];
}

/** The live figure for a key, if any (other than `exceptId`). */
export async function findByKey(
  tx: Db,
  orgId: string,
  key: { region: string; category: string; year: number },
  exceptId?: string,
): Promise<MarketStatRow | undefined> {
  const rows = await tx
    .select()
    .from(marketStats)
    .where(
      and(
        live(orgId),
        eq(marketStats.region, key.region),
        eq(marketStats.category, key.category),
        eq(marketStats.year, key.year),
        exceptId ? sql`${marketStats.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows[0];
}

const SORT_COLUMNS = {
  year: marketStats.year,
  region: marketStats.region,
  category: marketStats.category,
  updatedAt: marketStats.updatedAt,
};

export async function listStats(
  tx: Db,
  orgId: string,
  f: { region?: string; category?: string; year?: number },
  page: { sort: SortSpec; cursor?: Cursor; limit: number },
) {
  const where: (SQL | undefined)[] = [
    live(orgId),
    f.region ? eq(marketStats.region, f.region) : undefined,
    f.category ? eq(marketStats.category, f.category) : undefined,
    f.year ? eq(marketStats.year, f.year) : undefined,
  ];
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, marketStats.id, page.sort, page.cursor);
  const rows = await tx
    .select()
    .from(marketStats)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(marketStats)
    .where(and(...where));
  return { rows, total: Number(total) };
}

export async function insertStats(tx: Db, rows: (typeof marketStats.$inferInsert)[]) {
  if (rows.length) await tx.insert(marketStats).values(rows);
}

export async function statsByKeys(tx: Db, orgId: string, regions: string[]): Promise<MarketStatRow[]> {
  if (!regions.length) return [];
  return tx
    .select()
    .from(marketStats)
    .where(and(live(orgId), inArray(marketStats.region, regions)));
}

export async function statsByIds(tx: Db, orgId: string, ids: string[]): Promise<MarketStatRow[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(marketStats)
    .where(and(eq(marketStats.orgId, orgId), inArray(marketStats.id, ids)));
}

export async function updateStatValues(
  tx: Db,
  orgId: string,
  id: string,
  values: { importValue: string; currency: string; source: string | null },
  who: { userId: string; now: Date },
): Promise<number> {
  const rows = await tx
    .update(marketStats)
    .set({ ...values, version: sql`${marketStats.version} + 1`, updatedAt: who.now, updatedBy: who.userId })
    .where(and(eq(marketStats.orgId, orgId), eq(marketStats.id, id)))
    .returning({ version: marketStats.version });
  return rows[0]?.version ?? 1;
}

export async function hardDeleteStats(tx: Db, orgId: string, ids: string[]) {
  if (ids.length)
    await tx.delete(marketStats).where(and(eq(marketStats.orgId, orgId), inArray(marketStats.id, ids)));
}

export async function categories(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ category: marketStats.category })
    .from(marketStats)
    .where(live(orgId))
    .orderBy(marketStats.category);
  return rows.map((r) => r.category);
}

export async function latestYear(tx: Db, orgId: string, category: string): Promise<number | null> {
  const [row] = await tx
    .select({ year: sql<number | null>`max(${marketStats.year})` })
    .from(marketStats)
    .where(and(live(orgId), eq(marketStats.category, category)));
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

export async function statsOf(tx: Db, orgId: string, category: string, fromYear: number, toYear: number) {
  return tx
    .select({
      region: marketStats.region,
      year: marketStats.year,
      importValue: marketStats.importValue,
      currency: marketStats.currency,
    })
    .from(marketStats)
    .where(
      and(
        live(orgId),
        eq(marketStats.category, category),
        sql`${marketStats.year} between ${fromYear} and ${toYear}`,
      ),
    );
}

/** Customers and leads within the caller's scope, counted per country and per mainland province. */
export async function presenceByRegion(tx: Db, actor: Actor) {
  const c = await tx
    .select({ country: customers.country, province: customers.province, n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.orgId, actor.orgId), isNull(customers.deletedAt), customersVisibleTo(actor)))
    .groupBy(customers.country, customers.province);
  const l = await tx
    .select({ country: leads.country, province: leads.province, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.orgId, actor.orgId), isNull(leads.deletedAt), leadsVisibleTo(actor)))
    .groupBy(leads.country, leads.province);
  const tally = (rows: { country: string | null; province: string | null; n: number }[]) => {
    const m = new Map<string, number>();
    const add = (k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    for (const r of rows) {
      // A customer with a mainland province is in China even when the country was left empty.
      const country = r.country ?? (r.province ? 'CN' : null);
      if (country) add(country, Number(r.n));
      if (r.province && (country === 'CN' || country === null)) add(r.province, Number(r.n));
    }
    return m;
  };
  return { customers: tally(c), leads: tally(l) };
}
