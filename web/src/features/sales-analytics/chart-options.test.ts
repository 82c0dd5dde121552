import { describe, expect, it } from 'vitest';
import { barsOption, funnelOption, linesOption, sourcesOption } from './chart-options';

describe('analytics chart options', () => {
  it('keeps the stage order in the funnel and scales to the widest stage', () => {
    const o = funnelOption([
      { name: '目标市场', value: 6 },
      { name: '潜在客户', value: 4 },
    ]) as { series: { sort: string; max: number; data: unknown[] }[] };
    expect(o.series[0]!.sort).toBe('none');
    expect(o.series[0]!.max).toBe(6);
    expect(o.series[0]!.data).toHaveLength(2);
  });

  it('shows ratios as percentages', () => {
    const o = barsOption([{ name: 'a', value: 0.6667 }], { percent: true }) as {
      series: { data: number[] }[];
    };
    expect(o.series[0]!.data).toEqual([66.7]);
  });

  it('draws leads, converted and the conversion rate per source', () => {
    const o = sourcesOption([{ name: '广交会', leads: 4, converted: 2, rate: 0.5 }], {
      leads: 'Leads',
      converted: 'Converted',
      rate: 'Rate',
    }) as { series: { data: (number | null)[] }[] };
    expect(o.series.map((s) => s.data)).toEqual([[4], [2], [50]]);
    const l = linesOption(['2026-01'], [{ name: 'n', data: [1] }]) as { series: { type: string }[] };
    expect(l.series[0]!.type).toBe('line');
  });

  it('gives a series on the second axis an axis of its own', () => {
    const o = linesOption(
      ['US', 'DE'],
      [
        { name: 'value', type: 'bar', data: [5e10, 1.8e10] },
        { name: 'customers', type: 'bar', yAxisIndex: 1, data: [3, 1] },
      ],
    ) as { yAxis: unknown[] };
    expect(o.yAxis).toHaveLength(2);
    expect((linesOption(['x'], [{ name: 'n', data: [1] }]) as { yAxis: unknown[] }).yAxis).toHaveLength(1);
  });
});
