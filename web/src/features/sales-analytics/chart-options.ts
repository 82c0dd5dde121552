// Pure: ECharts options of the analytics pages (unit-tested without a browser).

export interface Bar {
  name: string;
  value: number;
}

const axisLabel = { interval: 0, overflow: 'truncate', width: 90 } as const;

/** Funnel of reached counts, widest stage first. */
export function funnelOption(stages: Bar[]): object {
  const max = Math.max(1, ...stages.map((s) => s.value));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '8%',
        gap: 2,
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
        data: stages,
      },
    ],
  };
}

/** Vertical bars; `percent` shows the values (ratios 0…1) as percentages. */
export function barsOption(
  bars: Bar[],
  opts: { percent?: boolean; color?: string; horizontal?: boolean } = {},
): object {
  const values = bars.map((b) => (opts.percent ? Math.round(b.value * 1000) / 10 : b.value));
  const category = { type: 'category', data: bars.map((b) => b.name), axisLabel };
  const value = {
    type: 'value',
    axisLabel: opts.percent ? { formatter: '{value}%' } : {},
    max: opts.percent ? 100 : undefined,
  };
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (opts.percent ? `${v}%` : String(v)) },
    grid: { left: opts.horizontal ? 110 : 40, right: 20, top: 20, bottom: 40 },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, itemStyle: { color: opts.color ?? '#1677ff' }, barMaxWidth: 36 }],
  };
}

/** Two series of bars side by side (leads and converted per source), plus a conversion line. */
export function sourcesOption(
  rows: { name: string; leads: number; converted: number; rate: number | null }[],
  names: { leads: string; converted: string; rate: string },
): object {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 50, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel },
    yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: names.leads, type: 'bar', data: rows.map((r) => r.leads), barMaxWidth: 28 },
      { name: names.converted, type: 'bar', data: rows.map((r) => r.converted), barMaxWidth: 28 },
      {
        name: names.rate,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)),
      },
    ],
  };
}

/** Lines over categories (months or years); one series each. */
export function linesOption(
  categories: string[],
  series: { name: string; data: (number | null)[]; yAxisIndex?: number; type?: 'line' | 'bar' }[],
  opts: { percentAxis?: boolean } = {},
): object {
  // A series on the second axis needs one: a percentage, or a count beside an amount.
  const second = opts.percentAxis || series.some((s) => s.yAxisIndex === 1);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: second ? 50 : 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: categories },
    yAxis: opts.percentAxis
      ? [{ type: 'value' }, { type: 'value', axisLabel: { formatter: '{value}%' } }]
      : second
        ? [{ type: 'value' }, { type: 'value', minInterval: 1 }]
        : [{ type: 'value' }],
    series: series.map((s) => ({ type: s.type ?? 'line', connectNulls: false, ...s })),
  };
}
