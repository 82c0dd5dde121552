import { describe, expect, it } from 'vitest';
import { orderTotals } from './order-totals.ts';

describe('order totals (hand-computed)', () => {
  it('sums gross, discounts, tax, cost and profit to the cent', () => {
    const { lines, totals } = orderTotals([
      // 3 × 1,299.00 = 3,897.00; 5 % off = 194.85 → 3,702.15; 13 % tax = 481.2795 → 481.28; cost 3 × 800
      { quantity: '3', unitPrice: '1299.00', discountPct: '5', taxRate: '13', unitCost: '800.00' },
      // 2.5 × 19.99 = 49.975 → 49.98 gross; net 49.98; 6 % tax = 2.9988 → 3.00; unknown cost
      { quantity: '2.5', unitPrice: '19.99', discountPct: '0', taxRate: '6', unitCost: null },
    ]);
    expect(lines[0]).toEqual({
      gross: '3897.00',
      net: '3702.15',
      discount: '194.85',
      tax: '481.28',
      cost: '2400.00',
    });
    expect(lines[1]).toEqual({ gross: '49.98', net: '49.98', discount: '0.00', tax: '3.00', cost: '0.00' });
    expect(totals).toEqual({
      subtotal: '3946.98',
      discountTotal: '194.85',
      taxTotal: '484.28',
      total: '4236.41',
      costTotal: '2400.00',
      profit: '1352.13',
    });
  });
  it('an empty order is zero', () => {
    expect(orderTotals([]).totals.total).toBe('0.00');
  });
});
