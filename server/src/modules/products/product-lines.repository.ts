import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { products } from './products.table.ts';

export interface ProductForLine {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  unit: string;
  listPrice: string;
  cost: string | null;
  currency: string;
  taxRate: string;
  status: 'active' | 'discontinued' | 'draft';
  categoryId: string | null;
}

/**
 * Live products by id, for quote and order lines (contract for QUOTES/ORDERS). Ids that are not
 * live products of the organisation are simply absent: the caller names lines[i].productId.
 * The cost is unmasked: callers compute profit and mask it under their own field rule.
 */
export async function findProductsForLines(
  tx: Db,
  orgId: string,
  productIds: readonly string[],
): Promise<Map<string, ProductForLine>> {
  const ids = [...new Set(productIds)];
  if (!ids.length) return new Map();
  const rows = await tx
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      nameEn: products.nameEn,
      unit: products.unit,
      listPrice: products.listPrice,
      cost: products.cost,
      currency: products.currency,
      taxRate: products.taxRate,
      status: products.status,
      categoryId: products.categoryId,
    })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, ids), isNull(products.deletedAt)));
  return new Map(rows.map((r) => [r.id, r]));
}
