import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { priceListItems, priceLists, products } from './products.table.ts';

const columns = {
  id: priceLists.id,
  version: priceLists.version,
  createdAt: priceLists.createdAt,
  createdBy: priceLists.createdBy,
  updatedAt: priceLists.updatedAt,
  updatedBy: priceLists.updatedBy,
  name: priceLists.name,
  customerType: priceLists.customerType,
  customerId: priceLists.customerId,
  customerName: customers.name,
  currency: priceLists.currency,
  validFrom: priceLists.validFrom,
  validTo: priceLists.validTo,
  itemCount: sql<number>`(select count(*)::int from ${priceListItems} i where i.org_id = ${priceLists.orgId} and i.price_list_id = ${priceLists.id})`,
};

/**
 * Price lists the actor sees: general and customer-type lists for everyone who reads the
 * catalogue; a customer's own list only when that customer is within the actor's data scope.
 */
function visible(actor: Actor): SQL | undefined {
  const scope = customersVisibleTo(actor);
  if (!scope) return undefined;
  return or(isNull(priceLists.customerId), and(isNull(customers.deletedAt), scope));
}

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(priceLists)
    .leftJoin(customers, and(eq(customers.orgId, priceLists.orgId), eq(customers.id, priceLists.customerId)));
}

export type PriceListRow = Awaited<ReturnType<typeof findPriceList>> & object;

export async function findPriceList(tx: Db, actor: Actor, id: string) {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(priceLists.orgId, actor.orgId),
        eq(priceLists.id, id),
        isNull(priceLists.deletedAt),
        visible(actor),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function listPriceLists(
  tx: Db,
  actor: Actor,
  f: { customerId?: string; customerType?: string; q?: string },
) {
  const where: (SQL | undefined)[] = [
    eq(priceLists.orgId, actor.orgId),
    isNull(priceLists.deletedAt),
    visible(actor),
  ];
  if (f.customerId) where.push(eq(priceLists.customerId, f.customerId));
  if (f.customerType) where.push(eq(priceLists.customerType, f.customerType));
  if (f.q) where.push(ilike(priceLists.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return baseQuery(tx)
    .where(and(...where))
    .orderBy(asc(priceLists.name), asc(priceLists.id))
    .limit(1000);
}

export async function insertPriceList(tx: Db, row: typeof priceLists.$inferInsert) {
  await tx.insert(priceLists).values(row);
}

export async function listItems(tx: Db, orgId: string, priceListId: string) {
  return tx
    .select({
      productId: priceListItems.productId,
      sku: products.sku,
      name: products.name,
      listPrice: products.listPrice,
      price: priceListItems.price,
    })
    .from(priceListItems)
    .innerJoin(
      products,
      and(eq(products.orgId, priceListItems.orgId), eq(products.id, priceListItems.productId)),
    )
    .where(and(eq(priceListItems.orgId, orgId), eq(priceListItems.priceListId, priceListId)))
    .orderBy(asc(products.sku));
}

export async function replaceItems(
  tx: Db,
  orgId: string,
  priceListId: string,
  items: { productId: string; price: string }[],
) {
  await tx
    .delete(priceListItems)
    .where(and(eq(priceListItems.orgId, orgId), eq(priceListItems.priceListId, priceListId)));
  if (items.length) await tx.insert(priceListItems).values(items.map((i) => ({ orgId, priceListId, ...i })));
}

/** The customer's type, when the customer is live and within the actor's data scope. */
export async function findVisibleCustomer(tx: Db, actor: Actor, customerId: string) {
  const rows = await tx
    .select({ id: customers.id, type: customers.type })
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

export async function customerType(tx: Db, orgId: string, customerId: string) {
  const rows = await tx
    .select({ type: customers.type })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  return rows[0]?.type ?? null;
}

/**
 * Candidate lists for pricing (price-rules.ts decides): live lists in the currency, valid on the day,
 * that are general, for the type, or for the customer — with their items for the given products.
 */
export async function candidateLists(
  tx: Db,
  orgId: string,
  ask: { customerId: string | null; customerType: string | null; currency: string; on: string },
  productIds: string[],
) {
  const lists = await tx
    .select({
      id: priceLists.id,
      customerId: priceLists.customerId,
      customerType: priceLists.customerType,
      currency: priceLists.currency,
      validFrom: priceLists.validFrom,
      validTo: priceLists.validTo,
    })
    .from(priceLists)
    .where(
      and(
        eq(priceLists.orgId, orgId),
        isNull(priceLists.deletedAt),
        eq(priceLists.currency, ask.currency),
        sql`(${priceLists.validFrom} is null or ${priceLists.validFrom} <= ${ask.on}::date)`,
        sql`(${priceLists.validTo} is null or ${priceLists.validTo} >= ${ask.on}::date)`,
        or(
          and(isNull(priceLists.customerId), isNull(priceLists.customerType)),
          ask.customerType
            ? and(isNull(priceLists.customerId), eq(priceLists.customerType, ask.customerType))
            : undefined,
          ask.customerId ? eq(priceLists.customerId, ask.customerId) : undefined,
        ),
      ),
    );
  if (!lists.length || !productIds.length)
    return lists.map((l) => ({ ...l, items: new Map<string, string>() }));
  const items = await tx
    .select({
      priceListId: priceListItems.priceListId,
      productId: priceListItems.productId,
      price: priceListItems.price,
    })
    .from(priceListItems)
    .where(
      and(
        eq(priceListItems.orgId, orgId),
        inArray(
          priceListItems.priceListId,
          lists.map((l) => l.id),
        ),
        inArray(priceListItems.productId, productIds),
      ),
    );
  const byList = new Map<string, Map<string, string>>();
  for (const i of items) {
    const m = byList.get(i.priceListId) ?? new Map<string, string>();
    m.set(i.productId, i.price);
    byList.set(i.priceListId, m);
  }
  return lists.map((l) => ({ ...l, items: byList.get(l.id) ?? new Map<string, string>() }));
}
