import { describe, expect, it } from 'vitest';
import { COUNTRIES, parseRegion, regionName } from './countries.ts';
import { assemblePotential } from './potential.ts';

describe('regions', () => {
  it.each([
    ['DE', 'DE'],
    ['de', 'DE'],
    ['德国', 'DE'],
    ['Germany', 'DE'],
    ['美国', 'US'],
    ['U.S.A.', 'US'],
    ['united kingdom', 'GB'],
    ['阿联酋', 'AE'],
    ['越南', 'VN'],
    ['Viet Nam', 'VN'],
    ['广东省', '440000'],
    ['广东', '440000'],
    ['440000', '440000'],
    ['44', '440000'],
    ['IS', 'IS'], // Iceland: not in the table, known to Intl
    ['Atlantis', null],
    ['440300', null], // Shenzhen is a city, not a province
    ['', null],
  ])('%s → %s', (text, region) => {
    expect(parseRegion(text)).toBe(region);
  });

  it('has about sixty countries with unique codes, and names them', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(regionName('DE', 'zh-CN')).toBe('德国');
    expect(regionName('DE', 'en')).toBe('Germany');
    expect(regionName('440000', 'en')).toBe('广东省');
  });
});

describe('potential', () => {
  it('computes 3-year values, growth and CAGR, sorted by the latest value', () => {
    const p = assemblePotential({
      toYear: 2025,
      stats: [
        { region: 'DE', year: 2023, importValue: '1000.00', currency: 'USD' },
        { region: 'DE', year: 2024, importValue: '1100.00', currency: 'USD' },
        { region: 'DE', year: 2025, importValue: '1210.00', currency: 'USD' },
        { region: 'US', year: 2024, importValue: '5000.00', currency: 'USD' },
        { region: 'US', year: 2025, importValue: '4000.00', currency: 'USD' },
        { region: 'VN', year: 2023, importValue: '200.00', currency: 'USD' },
      ],
      customers: new Map([['DE', 3]]),
      leads: new Map([
        ['DE', 5],
        ['VN', 1],
      ]),
      locale: 'en',
    });
    expect(p.years).toEqual([2023, 2024, 2025]);
    expect(p.regions.map((r) => r.region)).toEqual(['US', 'DE', 'VN']);
    const de = p.regions[1]!;
    expect(de).toMatchObject({
      name: 'Germany',
      values: ['1000.00', '1100.00', '1210.00'],
      latest: '1210.00',
      change: '210.00',
      changePct: 0.21,
      cagr: 0.1,
      customers: 3,
      leads: 5,
    });
    expect(p.regions[0]).toMatchObject({
      values: [null, '5000.00', '4000.00'],
      change: '-1000.00',
      changePct: -0.2,
      cagr: -0.2,
    });
    expect(p.regions[2]).toMatchObject({
      values: ['200.00', null, null],
      latest: null,
      change: null,
      cagr: null,
      leads: 1,
    });
  });
});
