// The bar chart of customers below target: pure option builder (tested), rendered by ECharts.

export interface Bar {
  name: string;
  count: number;
}

export function barOption(bars: Bar[], seriesName: string) {
  const sorted = [...bars].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return {
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, inverse: true, data: sorted.map((b) => b.name) },
    series: [
      {
        name: seriesName,
        type: 'bar' as const,
        data: sorted.map((b) => b.count),
        itemStyle: { color: '#d4380d' },
        label: { show: true, position: 'right' as const },
      },
    ],
  };
}

/** Each group's label: its name, or the fallback for "none" (no team). */
export function barsOf<T extends { count: number }>(
  rows: T[],
  name: (row: T) => string | null,
  fallback: string,
) {
  return rows.map((r) => ({ name: name(r) ?? fallback, count: r.count }));
}
