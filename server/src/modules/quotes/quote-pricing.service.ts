// Turns the lines a user typed into priced lines: catalogue products lend their name, unit, price
// and tax rate; free-text lines need a name and a price. Every problem names its field.
import type { Db } from '../../db/types.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { priceFor } from '../products/index.ts';
import { quoteTotals, type QuoteTotals } from './quote-rules.ts';
import * as repo from './quotes.repository.ts';
import type { QuoteLineIn } from './quotes.schema.ts';

export interface PricedQuoteLine {
  position: number;
  productId: string | null;
  sku: string | null;
  name: string;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
}

export interface Priced {
  lines: PricedQuoteLine[];
  totals: QuoteTotals;
}

/**
 * Prices come from the buyer's price lists valid on `buyer.on`. Throws 400 VALIDATION_FAILED (or CURRENCY_MISMATCH) naming lines[i].field. */
export async function priceLines(
  tx: Db,
  orgId: string,
  currency: string,
  input: QuoteLineIn[],
  buyer: { customerId?: string | null; on: string },
): Promise<Priced> {
  const ids = [...new Set(input.map((l) => l.productId).filter((x): x is string => !!x))];
  const catalogue = new Map((await repo.findProducts(tx, orgId, ids)).map((p) => [p.id, p]));
  // The buyer's price (its own, its type's or a general price list, else the list price).
  const unpriced = input.filter((l) => l.productId && !l.unitPrice && catalogue.has(l.productId));
  const prices = unpriced.length
    ? await priceFor(tx, orgId, {
        customerId: buyer.customerId ?? null,
        productIds: [...new Set(unpriced.map((l) => l.productId!))],
        currency,
        on: buyer.on,
      })
    : new Map<string, string>();
  const errors: FieldError[] = [];
  const lines: PricedQuoteLine[] = [];
  for (const [i, l] of input.entries()) {
    const at = (f: string) => `lines[${i}].${f}`;
    if (!/[1-9]/.test(l.quantity))
      errors.push({ field: at('quantity'), code: 'minimum', params: { limit: '0.001' } });
    const product = l.productId ? catalogue.get(l.productId) : undefined;
    if (l.productId && !product) {
      errors.push({ field: at('productId'), code: 'notFound' });
      continue;
    }
    if (product && product.status !== 'active') errors.push({ field: at('productId'), code: 'invalid' });
    if (!product && !l.name?.trim()) errors.push({ field: at('name'), code: 'required' });
    let unitPrice = l.unitPrice ?? null;
    if (unitPrice === null && product) {
      unitPrice = prices.get(product.id) ?? null;
      if (unitPrice === null && product.currency !== currency)
        throw new AppError(
          'CURRENCY_MISMATCH',
          { field: at('productId'), found: product.currency, expected: currency },
          [
            {
              field: at('productId'),
              code: 'currencyMismatch',
              message: `${product.currency} ≠ ${currency}`,
            },
          ],
        );
      unitPrice ??= product.listPrice;
    }
    if (unitPrice === null) {
      errors.push({ field: at('unitPrice'), code: 'required' });
      continue;
    }
    lines.push({
      position: i + 1,
      productId: product?.id ?? null,
      sku: product?.sku ?? null,
      name: l.name?.trim() || product?.name || '',
      unit: product?.unit ?? null,
      quantity: l.quantity,
      unitPrice,
      discountPct: l.discountPct ?? '0',
      taxRate: l.taxRate ?? product?.taxRate ?? '0',
    });
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return { lines, totals: quoteTotals(lines) };
}
