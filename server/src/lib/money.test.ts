import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  compareDecimals,
  divRound,
  fromUnits,
  isDecimal,
  lineGross,
  lineNet,
  percentOf,
  subtractDecimals,
  toUnits,
} from './money.ts';

describe('money on decimal strings', () => {
  it.each([
    ['12', 2, 1200n],
    ['12.5', 2, 1250n],
    ['-0.01', 2, -1n],
    ['0.005', 2, 1n],
    ['0.004', 2, 0n],
    ['-0.005', 2, -1n],
    ['1.2345', 3, 1235n],
    ['abc', 2, 0n],
  ])('%s at scale %i is %s units', (s, scale, units) => expect(toUnits(s, scale)).toBe(units));

  it('formats units back, without a negative zero', () => {
    expect(fromUnits(123450n, 2)).toBe('1234.50');
    expect(fromUnits(-5n, 2)).toBe('-0.05');
    expect(fromUnits(0n, 3)).toBe('0.000');
  });

  it('rounds division half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
  });

  it.each([
    // quantity, unit price, discount %, net
    ['1', '100.00', '0', '100.00'],
    ['3', '33.33', '0', '99.99'],
    ['3', '19.99', '10', '53.97'], // 59.97 × 0.9 = 53.973
    ['2.5', '12.34', '0', '30.85'], // 30.85
    ['1', '0.05', '50', '0.03'], // 0.025 → half up
    ['1000', '1.11', '12.5', '971.25'],
    ['0.333', '3.00', '0', '1.00'], // 0.999
    ['10', '199.00', '100', '0.00'],
  ])('%s × %s less %s%% = %s', (q, p, d, net) => expect(lineNet(q, p, d)).toBe(net));

  it('computes gross, tax and sums exactly where floats would not', () => {
    expect(lineGross('3', '0.10')).toBe('0.30');
    expect(addDecimals('0.10', '0.20')).toBe('0.30');
    expect(percentOf('53.97', '13')).toBe('7.02'); // 7.0161
    expect(percentOf('100.00', '30')).toBe('30.00');
    expect(subtractDecimals('100.00', '100.01')).toBe('-0.01');
    expect(compareDecimals('10.00', '9.99')).toBe(1);
  });

  it('recognises plain decimals with their places', () => {
    expect(isDecimal('12.50')).toBe(true);
    expect(isDecimal('12.505')).toBe(false);
    expect(isDecimal('1.234', 3)).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('-3')).toBe(true);
  });
});
