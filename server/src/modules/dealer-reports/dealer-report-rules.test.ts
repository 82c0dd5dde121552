import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkReport,
  daysInMonth,
  diagnose,
  parseMonth,
  quantityErrors,
  seriesMetrics,
  type MonthFigures,
} from './dealer-report-rules.ts';

describe('consistency checks', () => {
  it('passes a balanced report whose opening is the previous closing and whose sell-in we shipped', () => {
    const r = checkReport(
      { openingStock: '100', purchased: '50.5', sold: '30.25', closingStock: '120.250' },
      { previousClosing: '100.000', shipped: '50.500' },
    );
    expect(r.flags).toEqual([]);
    expect(r.detail).toEqual({ previousClosing: '100.000', expectedClosing: '120.250', shipped: '50.500' });
  });

  it.each([
    // opening, purchased, sold, closing, previous closing, shipped → flags
    ['100', '50', '30', '120', '90', '50', ['openingMismatch']],
    ['100', '50', '30', '121', '100', '50', ['balanceMismatch']],
    ['100', '50', '30', '120', '100', '40', ['sellInMismatch']],
    ['100', '50', '30', '119.999', '100.001', '0', ['openingMismatch', 'balanceMismatch', 'sellInMismatch']],
    ['0', '0', '0', '0', null, null, []],
    ['10', '0', '0', '10', null, '0', []],
  ])('%s + %s − %s vs %s (previous %s, shipped %s) → %j', (o, p, s, c, prev, shipped, flags) => {
    expect(
      checkReport(
        { openingStock: o, purchased: p, sold: s, closingStock: c },
        { previousClosing: prev, shipped },
      ).flags,
    ).toEqual(flags);
  });

  it('names negative and malformed quantities', () => {
    expect(quantityErrors({ sold: '-1', purchased: '1.2345', closingStock: 'abc' }, 'rows[2].')).toEqual([
      { field: 'rows[2].purchased', code: 'number' },
      { field: 'rows[2].sold', code: 'minimum', params: { limit: 0 } },
      { field: 'rows[2].closingStock', code: 'number' },
    ]);
    expect(quantityErrors({ openingStock: '0', purchased: '12.5', categorySales: null })).toEqual([]);
  });
});

describe('months', () => {
  it.each([
    ['2026-03', '2026-03-01'],
    ['2026/3', '2026-03-01'],
    ['2026年3月', '2026-03-01'],
    ['2026.12', '2026-12-01'],
    ['202603', '2026-03-01'],
    ['2026-03-15', '2026-03-01'],
    ['2026-13', null],
    ['March', null],
  ])('%s → %s', (s, m) => expect(parseMonth(s)).toBe(m));

  it('shifts and counts days', () => {
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(daysInMonth('2024-02-01')).toBe(29);
    expect(daysInMonth('2026-02-01')).toBe(28);
    expect(daysInMonth('2026-04-01')).toBe(30);
  });
});

// A hand-computed dealer × product: April 30 days, May 31, June 30.
const SERIES: MonthFigures[] = [
  {
    month: '2026-04-01',
    openingStock: '100',
    purchased: '200',
    sold: '150',
    closingStock: '150',
    categorySales: '600',
  },
  { month: '2026-05-01', openingStock: '150', purchased: '100', sold: '124', closingStock: '126' },
  {
    month: '2026-06-01',
    openingStock: '126',
    purchased: '300',
    sold: '90',
    closingStock: '336',
    categorySales: '450',
  },
];

describe('derived metrics against a hand-computed table', () => {
  const m = seriesMetrics([...SERIES].reverse());
  it('orders by month and computes sell-through, cover, turnover and share', () => {
    expect(m.map((x) => x.month)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
    // April: 150 / (100 + 200) = 0.5; cover 150 / (150 / 30) = 30; turnover ((100+150)/2) / 5 = 25; share 150/600
    expect(m[0]).toMatchObject({ sellThrough: 0.5, coverDays: 30, turnoverDays: 25, share: 0.25 });
    // May: 124 / 250 = 0.496; cover 126 / (124 / 31) = 31.5; turnover 138 / 4 = 34.5; no category sales
    expect(m[1]).toMatchObject({ sellThrough: 0.496, coverDays: 31.5, turnoverDays: 34.5, share: null });
    // June: 90 / 426 = 0.2113; cover 336 / 3 = 112; turnover 231 / 3 = 77; share 90/450 = 0.2
    expect(m[2]).toMatchObject({ sellThrough: 0.2113, coverDays: 112, turnoverDays: 77, share: 0.2 });
  });
  it('trends over three calendar months', () => {
    expect(m[0]!.soldTrend).toBeNull();
    expect(m[1]!.soldTrend).toBeNull();
    expect(m[2]).toMatchObject({ soldTrend: 'down', coverTrend: 'up', sold3mAvg: '121.333' });
  });
  it('breaks a trend on a missing month and gives nothing for nothing sold', () => {
    const gap = seriesMetrics([SERIES[0]!, SERIES[2]!, { ...SERIES[2]!, month: '2026-07-01', sold: '0' }]);
    expect(gap[1]!.soldTrend).toBeNull();
    expect(gap[2]).toMatchObject({ coverDays: null, turnoverDays: null, sellThrough: 0 });
  });
});

describe('diagnosis', () => {
  it('finds stock building up and sales falling in June', () => {
    const m = seriesMetrics(SERIES);
    expect(diagnose(m, '2026-06-01')).toEqual(['stockBuildUp', 'salesFalling']);
    // Cover 112 is not above 120 days.
    expect(diagnose(m, '2026-06-01', { coverDays: 120 })).toEqual(['salesFalling']);
    expect(diagnose(m, '2026-05-01')).toEqual([]);
  });
  it('finds stock-out risk below seven days of cover', () => {
    // 30 days, sold 300 → 10 a day; closing 60 → 6 days.
    const m = seriesMetrics([
      { month: '2026-06-01', openingStock: '60', purchased: '300', sold: '300', closingStock: '60' },
    ]);
    expect(m[0]!.coverDays).toBe(6);
    expect(diagnose(m, '2026-06-01')).toEqual(['stockOutRisk']);
  });
  it('counts stock that does not sell as cover rising beyond any limit', () => {
    const m = seriesMetrics([
      { month: '2026-04-01', openingStock: '0', purchased: '100', sold: '50', closingStock: '50' },
      { month: '2026-05-01', openingStock: '50', purchased: '100', sold: '10', closingStock: '140' },
      { month: '2026-06-01', openingStock: '140', purchased: '0', sold: '0', closingStock: '140' },
    ]);
    expect(diagnose(m, '2026-06-01')).toEqual(['stockBuildUp', 'salesFalling']);
  });
});
