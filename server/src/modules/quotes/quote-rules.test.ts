import { describe, expect, it } from 'vitest';
import {
  authorityOf,
  discountAuthorityOf,
  effectiveStatus,
  needsApproval,
  nextQuoteNumber,
  quoteTotals,
  stepAllowed,
} from './quote-rules.ts';
import { escapeHtml, groupDigits } from './quote-print.ts';

const line = (quantity: string, unitPrice: string, discountPct = '0', taxRate = '0') => ({
  quantity,
  unitPrice,
  discountPct,
  taxRate,
});

describe('quote totals', () => {
  it.each([
    // [lines, subtotal, discountTotal, taxTotal, total, maxDiscountPct]
    [[line('1', '100', '0', '13')], '100.00', '0.00', '13.00', '113.00', '0.00'],
    [
      [line('3', '1999.99', '5', '13'), line('1.5', '333.33', '0', '6')],
      '6499.97',
      '300.00',
      '771.00',
      '6970.97',
      '5.00',
    ],
    // 0.333 × 0.10 = 0.0333 → 0.03, after 12.5 % discount 0.0291375 → 0.03: rounded once per line.
    [[line('0.333', '0.10', '12.5')], '0.03', '0.00', '0.00', '0.03', '12.50'],
    [[line('2', '10', '100', '13'), line('1', '5', '33.33')], '25.00', '21.67', '0.00', '3.33', '100.00'],
    [[], '0.00', '0.00', '0.00', '0.00', '0.00'],
  ])('%#: totals are exact decimal strings', (lines, subtotal, discountTotal, taxTotal, total, max) => {
    expect(quoteTotals(lines)).toMatchObject({
      subtotal,
      discountTotal,
      taxTotal,
      total,
      maxDiscountPct: max,
    });
  });
});

describe('discount authority', () => {
  it('defaults per role and reads stored settings leniently', () => {
    expect(discountAuthorityOf(undefined)).toEqual({ sales: '10.00', manager: '25.00', admin: '100.00' });
    expect(discountAuthorityOf({ discountAuthority: { sales: '12.5', bad: 'x', big: '101', n: 7 } })).toEqual(
      {
        sales: '12.50',
        n: '7.00',
      },
    );
    expect(authorityOf({ sales: '10.00' }, 'service')).toBe('0.00');
  });
  it.each([
    ['10.00', '10', false],
    ['10.01', '10', true],
    ['0.00', '0.00', false],
    ['25', '10.00', true],
  ])('a %s %% discount with %s %% authority needs approval: %s', (max, authority, expected) => {
    expect(needsApproval(max, authority)).toBe(expected);
  });
});

describe('status and steps', () => {
  it('expires open quotes after their last valid day only', () => {
    expect(effectiveStatus('sent', '2026-03-01', '2026-03-01')).toBe('sent');
    expect(effectiveStatus('sent', '2026-03-01', '2026-03-02')).toBe('expired');
    expect(effectiveStatus('accepted', '2026-03-01', '2026-03-02')).toBe('accepted');
    expect(effectiveStatus('draft', null, '2026-03-02')).toBe('draft');
  });
  it('allows each step from its statuses only', () => {
    expect(stepAllowed('accept', 'sent')).toBe(true);
    expect(stepAllowed('accept', 'approved')).toBe(true);
    expect(stepAllowed('accept', 'pendingApproval')).toBe(false);
    expect(stepAllowed('edit', 'approved')).toBe(false);
    expect(stepAllowed('approve', 'expired')).toBe(false);
  });
  it('numbers quotes per year', () => {
    expect(nextQuoteNumber('2026', null)).toBe('Q-2026-000001');
    expect(nextQuoteNumber('2026', 'Q-2026-000041')).toBe('Q-2026-000042');
  });
});

describe('printing helpers', () => {
  it('groups digits without floats and escapes HTML', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('-999.00')).toBe('-999.00');
    expect(groupDigits('12345678901234.99')).toBe('12,345,678,901,234.99');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
