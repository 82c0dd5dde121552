// ECharts with only what the analytics pages draw: funnel, bars, lines.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CSSProperties } from 'react';

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export function Chart({ option, style, testId }: { option: object; style?: CSSProperties; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300, ...style }} notMerge />
    </div>
  );
}
