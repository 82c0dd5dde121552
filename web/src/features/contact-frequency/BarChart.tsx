// ECharts with only what a bar chart needs (the full build would add a megabyte to the page).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CSSProperties } from 'react';

echarts.use([Bars, GridComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  option: object;
  style?: CSSProperties;
  onClick?: (dataIndex: number) => void;
}

export function BarChart({ option, style, onClick }: Props) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={style}
      notMerge
      onEvents={onClick ? { click: (e: { dataIndex: number }) => onClick(e.dataIndex) } : undefined}
    />
  );
}
