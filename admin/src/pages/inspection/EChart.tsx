// A chart drawn by ECharts, loaded on first use. The chart is a picture for screen readers (role="img" with a
// description); every chart also has the same numbers in text or a table next to it.
import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

export interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, read out instead of it. */
  description: string;
  height?: number;
  testId?: string;
}

export function EChart({ option, description, height = 320, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./echarts-setup').then(
      ({ echarts }) => {
        if (disposed || !ref.current) return;
        chart.current = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'ZH' });
        // A hidden container (0 wide) keeps the last drawing rather than collapsing the chart.
        observer = new ResizeObserver((entries) => {
          const box = entries[0]?.contentRect;
          if (box && box.width > 0 && box.height > 0) chart.current?.resize();
        });
        observer.observe(ref.current);
        setState('ready');
      },
      () => !disposed && setState('failed'),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, { notMerge: true });
  }, [option, state]);

  if (state === 'failed') return <Alert type="warning" showIcon title="图表组件加载失败，请刷新页面重试" />;
  return (
    <Spin spinning={state === 'loading'} description="正在加载图表…">
      <div ref={ref} role="img" aria-label={description} style={{ width: '100%', height }} data-testid={testId} />
    </Spin>
  );
}
