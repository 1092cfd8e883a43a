// The donut of the four duty statuses. ECharts is modular: only the pie chart, tooltip, legend, title and the
// canvas renderer are bundled, and this file is loaded lazily by the duty page.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { DutyStatus } from '../../../../src/modules/duty/duty.schema.ts';
import { DUTY_HEX, DUTY_ORDER } from './labels';

echarts.use([PieChart, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export default function DutyChart({
  summary,
  onSelect,
}: {
  summary: Record<DutyStatus, number>;
  onSelect?: (status: DutyStatus) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => select.current?.(p.name as DutyStatus));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const total = DUTY_ORDER.reduce((n, s) => n + (summary[s] ?? 0), 0);
    chart.current?.setOption({
      title: {
        text: String(total),
        subtext: '个栏目',
        left: 'center',
        top: '36%',
        textStyle: { fontSize: 24, fontWeight: 600, color: '#262626' },
        subtextStyle: { fontSize: 12, color: '#595959' },
      },
      tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
      legend: { bottom: 0, icon: 'circle', textStyle: { color: '#262626' } },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          label: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: DUTY_ORDER.map((s) => ({ name: s, value: summary[s] ?? 0, itemStyle: { color: DUTY_HEX[s] } })),
        },
      ],
    });
  }, [summary]);

  return <div ref={el} style={{ width: '100%', height: 220 }} aria-hidden data-testid="duty-chart" />;
}
