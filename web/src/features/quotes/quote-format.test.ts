import { describe, expect, it } from 'vitest';
import { formatAmount, moneyText } from './quote-format';
import { newLine, toInput } from './quote-edit-lines';

describe('quote formatting', () => {
  it('groups digits of decimal strings', () => {
    expect(formatAmount('1234567.5')).toBe('1,234,567.50');
    expect(formatAmount('-1000')).toBe('-1,000.00');
    expect(moneyText('0.3', 'CNY')).toBe('CNY 0.30');
  });
});

describe('editor lines', () => {
  it('sends only complete, well-formed lines for pricing', () => {
    const lines = [
      newLine({ productId: 'p1', quantity: '2', discountPct: '5' }),
      newLine({ name: '安装', quantity: '1', unitPrice: '200' }),
      newLine({ name: '半成品', quantity: '1' }),
      newLine({ productId: 'p2', quantity: '1.2345' }),
    ];
    const { input, complete } = toInput(lines);
    expect(complete).toBe(false);
    expect(input).toEqual([
      { productId: 'p1', name: null, quantity: '2', unitPrice: null, discountPct: '5', taxRate: null },
      { productId: null, name: '安装', quantity: '1', unitPrice: '200', discountPct: null, taxRate: null },
    ]);
    expect(toInput(lines.slice(0, 2)).complete).toBe(true);
  });
});
