import { describe, expect, it } from 'vitest';
import {
  availableCredit,
  decideCredit,
  overdueBeyond,
  overdueThreshold,
  type CreditPosition,
} from './credit-rules.ts';

const base: CreditPosition = {
  limit: '100000.00',
  limitCurrency: 'CNY',
  openReceivables: '0.00',
  openOrders: '0.00',
  maxDaysOverdue: 0,
  suspended: false,
};

describe('availableCredit', () => {
  it.each([
    ['100000.00', '0', '0', '100000.00'],
    ['100000.00', '30000.50', '20000.25', '49999.25'],
    ['100000', '60000', '50000', '-10000.00'],
    ['0', '0', '0', '0.00'],
    ['0.10', '0.05', '0.02', '0.03'],
    [null, '5', '5', null],
  ])('limit %s − receivables %s − orders %s = %s', (limit, r, o, want) => {
    expect(availableCredit({ limit, openReceivables: r, openOrders: o })).toBe(want);
  });
});

describe('overdue threshold', () => {
  it.each([
    [0, 30, false],
    [30, 30, false],
    [31, 30, true],
    [1, 0, true],
    [0, 0, false],
  ])('%i days overdue against %i → %s', (days, threshold, want) => {
    expect(overdueBeyond(days, threshold)).toBe(want);
  });
  it.each([
    [undefined, 30],
    [{}, 30],
    [{ credit: {} }, 30],
    [{ credit: { overdueDays: 45 } }, 45],
    [{ credit: { overdueDays: 0 } }, 0],
    [{ credit: { overdueDays: -1 } }, 30],
    [{ credit: { overdueDays: '10' } }, 30],
  ])('settings %j → %i days', (settings, want) => {
    expect(overdueThreshold(settings as Record<string, unknown> | undefined)).toBe(want);
  });
});

describe('decideCredit', () => {
  const cases: [
    string,
    Partial<CreditPosition>,
    { amount: string; currency: string },
    number,
    string | true,
  ][] = [
    ['within the limit', {}, { amount: '100000.00', currency: 'CNY' }, 30, true],
    ['one cent beyond', {}, { amount: '100000.01', currency: 'CNY' }, 30, 'limitExceeded'],
    [
      'receivables and orders use the limit',
      { openReceivables: '60000', openOrders: '39999.99' },
      { amount: '0.01', currency: 'CNY' },
      30,
      true,
    ],
    [
      '… and a cent more is too much',
      { openReceivables: '60000', openOrders: '40000' },
      { amount: '0.01', currency: 'CNY' },
      30,
      'limitExceeded',
    ],
    ['no limit: anything goes', { limit: null }, { amount: '99999999.00', currency: 'USD' }, 30, true],
    ['other currency than the limit', {}, { amount: '1.00', currency: 'USD' }, 30, 'limitExceeded'],
    [
      'overdue at the threshold is fine',
      { maxDaysOverdue: 30 },
      { amount: '1.00', currency: 'CNY' },
      30,
      true,
    ],
    [
      'overdue beyond the threshold',
      { maxDaysOverdue: 31 },
      { amount: '1.00', currency: 'CNY' },
      30,
      'overdue',
    ],
    ['a stricter organisation', { maxDaysOverdue: 8 }, { amount: '1.00', currency: 'CNY' }, 7, 'overdue'],
    [
      'overdue even without a limit',
      { limit: null, maxDaysOverdue: 90 },
      { amount: '1.00', currency: 'CNY' },
      30,
      'overdue',
    ],
    [
      'suspension comes first',
      { suspended: true, maxDaysOverdue: 90 },
      { amount: '1.00', currency: 'CNY' },
      30,
      'suspended',
    ],
    [
      'suspended without a limit',
      { suspended: true, limit: null },
      { amount: '0.00', currency: 'CNY' },
      30,
      'suspended',
    ],
  ];
  it.each(cases)('%s', (_name, p, order, threshold, want) => {
    const r = decideCredit({ ...base, ...p }, order, threshold);
    if (want === true) expect(r).toEqual({ ok: true });
    else expect(r.ok === false && r.reason).toBe(want);
  });
  it('names the figures of a limit hold', () => {
    const r = decideCredit(
      { ...base, openReceivables: '70000', openOrders: '10000' },
      { amount: '25000', currency: 'CNY' },
    );
    expect(r).toEqual({
      ok: false,
      reason: 'limitExceeded',
      details: {
        limit: '100000.00',
        currency: 'CNY',
        openReceivables: '70000',
        openOrders: '10000',
        available: '20000.00',
        amount: '25000',
      },
    });
  });
});
