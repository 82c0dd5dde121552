// Pure: which price a customer pays for a product on a day. The most specific valid price list
// that prices the product wins — the customer's own, then its customer type's, then a general one —
// else the product's list price. Only lists in the asked currency count.

export type PriceSource = 'customer' | 'customerType' | 'general' | 'listPrice';

export interface PriceListCandidate {
  id: string;
  customerId: string | null;
  customerType: string | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  /** productId → price (decimal string). */
  items: ReadonlyMap<string, string>;
}

export interface ProductForPrice {
  id: string;
  listPrice: string;
  currency: string;
}

export interface PriceAsk {
  customerId?: string | null;
  customerType?: string | null;
  currency: string;
  /** YYYY-MM-DD */
  on: string;
}

export interface ResolvedPrice {
  price: string;
  source: PriceSource;
  priceListId: string | null;
}

/** A list applies to the ask: same currency, valid on the day (bounds inclusive), and aimed at this buyer. */
export function listApplies(list: PriceListCandidate, ask: PriceAsk): PriceSource | null {
  if (list.currency !== ask.currency) return null;
  if (list.validFrom && list.validFrom > ask.on) return null;
  if (list.validTo && list.validTo < ask.on) return null;
  if (list.customerId) return list.customerId === ask.customerId ? 'customer' : null;
  if (list.customerType) return list.customerType === ask.customerType ? 'customerType' : null;
  return 'general';
}

const RANK: Record<PriceSource, number> = { customer: 0, customerType: 1, general: 2, listPrice: 3 };

/**
 * Orders the applicable lists: most specific first; among equals the one that started latest
 * (a promotion inside a yearly list), then the one ending soonest, then by id so the answer is stable.
 */
export function rankLists(lists: readonly PriceListCandidate[], ask: PriceAsk) {
  return lists
    .map((l) => ({ list: l, source: listApplies(l, ask) }))
    .filter((x): x is { list: PriceListCandidate; source: PriceSource } => x.source !== null)
    .sort(
      (a, b) =>
        RANK[a.source] - RANK[b.source] ||
        cmpDesc(a.list.validFrom, b.list.validFrom) ||
        cmpAsc(a.list.validTo, b.list.validTo) ||
        (a.list.id < b.list.id ? -1 : a.list.id > b.list.id ? 1 : 0),
    );
}

// null validFrom = since forever (sorts last); null validTo = open-ended (sorts last).
function cmpDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : 1;
}
function cmpAsc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Each product's price: the first ranked list that prices it, else its list price when the product
 * is sold in the asked currency. A product priced in another currency with no list → left out.
 */
export function resolvePrices(
  products: readonly ProductForPrice[],
  lists: readonly PriceListCandidate[],
  ask: PriceAsk,
): Map<string, ResolvedPrice> {
  const ranked = rankLists(lists, ask);
  const out = new Map<string, ResolvedPrice>();
  for (const p of products) {
    const hit = ranked.find((r) => r.list.items.has(p.id));
    if (hit)
      out.set(p.id, { price: hit.list.items.get(p.id)!, source: hit.source, priceListId: hit.list.id });
    else if (p.currency === ask.currency)
      out.set(p.id, { price: p.listPrice, source: 'listPrice', priceListId: null });
  }
  return out;
}
