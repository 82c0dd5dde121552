import { describe, expect, it } from 'vitest';
import { listApplies, resolvePrices, type PriceListCandidate, type PriceSource } from './price-rules.ts';

const P1 = { id: 'p1', listPrice: '100.00', currency: 'CNY' };
const P2 = { id: 'p2', listPrice: '50.00', currency: 'CNY' };
const PU = { id: 'pu', listPrice: '20.00', currency: 'USD' };

const list = (
  id: string,
  over: Partial<PriceListCandidate>,
  items: Record<string, string>,
): PriceListCandidate => ({
  id,
  customerId: null,
  customerType: null,
  currency: 'CNY',
  validFrom: null,
  validTo: null,
  items: new Map(Object.entries(items)),
  ...over,
});

const general = list('g', {}, { p1: '95.00', p2: '48.00' });
const dealer = list(
  't',
  { customerType: 'dealer', validFrom: '2025-01-01', validTo: '2025-12-31' },
  { p1: '90.00' },
);
const mine = list(
  'c',
  { customerId: 'cust1', validFrom: '2025-03-01', validTo: '2025-03-31' },
  { p1: '80.00' },
);
const promo = list(
  't2',
  { customerType: 'dealer', validFrom: '2025-06-01', validTo: '2025-06-30' },
  { p1: '85.00' },
);
const usd = list('u', { currency: 'USD' }, { p1: '14.00', pu: '18.00' });
const expired = list('x', { validTo: '2024-12-31' }, { p2: '1.00' });
const ALL = [general, dealer, mine, promo, usd, expired];

describe('resolvePrices', () => {
  const cases: {
    name: string;
    ask: { customerId?: string; customerType?: string; currency: string; on: string };
    expect: Record<string, [string, PriceSource, string | null] | undefined>;
  }[] = [
    {
      name: 'a customer with its own list in its validity',
      ask: { customerId: 'cust1', customerType: 'dealer', currency: 'CNY', on: '2025-03-15' },
      // p2 is not on the customer's or the type's list: the general one prices it.
      expect: { p1: ['80.00', 'customer', 'c'], p2: ['48.00', 'general', 'g'], pu: undefined },
    },
    {
      name: "the customer's list ended: its type's list",
      ask: { customerId: 'cust1', customerType: 'dealer', currency: 'CNY', on: '2025-04-01' },
      expect: { p1: ['90.00', 'customerType', 't'], p2: ['48.00', 'general', 'g'] },
    },
    {
      name: 'two type lists valid: the one that started later (promotion) wins',
      ask: { customerType: 'dealer', currency: 'CNY', on: '2025-06-15' },
      expect: { p1: ['85.00', 'customerType', 't2'] },
    },
    {
      name: 'validity bounds are inclusive',
      ask: { customerType: 'dealer', currency: 'CNY', on: '2025-12-31' },
      expect: { p1: ['90.00', 'customerType', 't'] },
    },
    {
      name: 'another type: general list',
      ask: { customerType: 'retail', currency: 'CNY', on: '2025-03-15' },
      expect: { p1: ['95.00', 'general', 'g'], p2: ['48.00', 'general', 'g'] },
    },
    {
      name: 'expired lists never apply',
      ask: { currency: 'CNY', on: '2025-01-05' },
      expect: { p1: ['95.00', 'general', 'g'], p2: ['48.00', 'general', 'g'] },
    },
    {
      name: 'two general lists valid: the one ending sooner wins',
      ask: { currency: 'CNY', on: '2024-06-01' },
      expect: { p1: ['95.00', 'general', 'g'], p2: ['1.00', 'general', 'x'] },
    },
    {
      name: 'USD: only USD lists; a CNY product without a USD price is left out',
      ask: { customerId: 'cust1', customerType: 'dealer', currency: 'USD', on: '2025-03-15' },
      expect: { p1: ['14.00', 'general', 'u'], p2: undefined, pu: ['18.00', 'general', 'u'] },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = resolvePrices([P1, P2, PU], ALL, c.ask);
      for (const [pid, want] of Object.entries(c.expect)) {
        const r = got.get(pid);
        if (!want) expect(r, pid).toBeUndefined();
        else expect(r, pid).toEqual({ price: want[0], source: want[1], priceListId: want[2] });
      }
    });

  it('falls back to the list price when no list prices the product', () => {
    const got = resolvePrices([P2, PU], [mine], { customerId: 'cust1', currency: 'CNY', on: '2025-03-02' });
    expect(got.get('p2')).toEqual({ price: '50.00', source: 'listPrice', priceListId: null });
    expect(got.has('pu')).toBe(false);
  });
});

describe('listApplies', () => {
  it("a customer's list never applies to another customer of the same type", () => {
    expect(
      listApplies(mine, { customerId: 'cust2', customerType: 'dealer', currency: 'CNY', on: '2025-03-10' }),
    ).toBeNull();
    expect(listApplies(dealer, { customerType: null, currency: 'CNY', on: '2025-03-10' })).toBeNull();
    expect(listApplies(expired, { currency: 'CNY', on: '2025-01-01' })).toBeNull();
    expect(listApplies(general, { currency: 'CNY', on: '1999-01-01' })).toBe('general');
  });
});
