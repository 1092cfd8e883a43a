// The charts of 访问统计: views and visitors over time, the most viewed columns, and the text that says the same
// for readers who do not see the chart.
import type { Granularity, StatsPoint, StatsReport } from '../../../../src/modules/stats/stats.schema.ts';
import type { ChartOption } from '../../components/chart/echarts';
import { formatNumber as number } from '../../format';

const VIEWS_COLOR = '#1d4ea8';
const VISITORS_COLOR = '#ad6800';

/** Days as lines; months (a few points) as bars side by side. */
export function seriesOption(series: StatsPoint[], granularity: Granularity): ChartOption {
  if (granularity === 'month') {
    return {
      color: [VIEWS_COLOR, VISITORS_COLOR],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['浏览量', '独立访客'], top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: series.map((p) => p.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '浏览量', type: 'bar', data: series.map((p) => p.views), barMaxWidth: 40 },
        {
          name: '独立访客',
          type: 'bar',
          data: series.map((p) => p.visitors),
          barMaxWidth: 40,
          itemStyle: {
            decal: {
              symbol: 'rect',
              dashArrayX: [1, 0],
              dashArrayY: [3, 3],
              rotation: -Math.PI / 4,
              color: 'rgba(255,255,255,0.6)',
            },
          },
        },
      ],
    };
  }
  return {
    color: [VIEWS_COLOR, VISITORS_COLOR],
    tooltip: { trigger: 'axis' },
    legend: { data: ['浏览量', '独立访客'], top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: series.map((p) => p.date), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '浏览量',
        type: 'line',
        data: series.map((p) => p.views),
        symbol: 'circle',
        showSymbol: series.length <= 62,
      },
      {
        name: '独立访客',
        type: 'line',
        data: series.map((p) => p.visitors),
        symbol: 'diamond',
        lineStyle: { type: 'dashed' },
        showSymbol: series.length <= 62,
      },
    ],
  };
}

export function barOption(columns: StatsReport['topColumns']): ChartOption {
  const shown = [...columns].slice(0, 10).reverse();
  return {
    color: [VIEWS_COLOR],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((c) => c.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      {
        name: '浏览量',
        type: 'bar',
        data: shown.map((c) => c.views),
        barMaxWidth: 24,
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function seriesSummary(report: StatsReport): string {
  const unit = report.granularity === 'month' ? '月' : '日';
  const peak = report.series.reduce<StatsPoint | null>((best, p) => (!best || p.views > best.views ? p : best), null);
  const parts = [
    `${report.from} 至 ${report.to}，共 ${report.series.length} ${unit === '月' ? '个月' : '天'}，浏览量合计 ${number(report.totals.views)}，独立访客合计 ${number(report.totals.visitors)}`,
  ];
  if (peak && peak.views > 0) parts.push(`浏览量最高的${unit}是 ${peak.date}（${number(peak.views)}）`);
  return `${parts.join('；')}。逐${unit}数据见下方“逐${unit}数据”表格。`;
}
