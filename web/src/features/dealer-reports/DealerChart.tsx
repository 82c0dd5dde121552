// Sell-in vs our shipments vs sell-out vs stock, month by month, for one product of one dealer.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { MonthMetrics } from './dealer-reports.api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function dealerChartOption(
  months: MonthMetrics[],
  names: { purchased: string; shipped: string; sold: string; closing: string },
) {
  const n = (s: string) => Number(s);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [names.purchased, names.shipped, names.sold, names.closing] },
    grid: { left: 48, right: 24, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: [
      { name: names.purchased, type: 'bar', data: months.map((m) => n(m.purchased)) },
      { name: names.shipped, type: 'bar', data: months.map((m) => n(m.shipped)) },
      { name: names.sold, type: 'line', smooth: true, data: months.map((m) => n(m.sold)) },
      {
        name: names.closing,
        type: 'line',
        smooth: true,
        lineStyle: { type: 'dashed' },
        data: months.map((m) => n(m.closingStock)),
      },
    ],
  };
}

export function DealerChart({ option }: { option: object }) {
  return (
    <div data-testid="dealer-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}
