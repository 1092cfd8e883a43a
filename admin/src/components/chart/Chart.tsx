import { useEffect, useRef, useState } from 'react';
import { Spin, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { ECharts } from './echarts';

export interface ChartProps {
  /** A ChartOption (./echarts) or any option built for the parts it registers. */
  option: EChartsCoreOption;
  /** What the chart shows, read out instead of it. */
  label: string;
  /** Its figures in words, when the page does not show them beside it. */
  summary?: string;
  height?: number;
  testId?: string;
}

/**
 * A chart drawn by ECharts (loaded on first use). The drawing is hidden from assistive technology; the
 * figure's caption names it and `summary` gives its figures in words (pages also show them as tables).
 */
export function Chart({ option, label, summary, height = 320, testId }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./echarts').then(
      ({ createChart }) => {
        if (disposed || !element.current) return;
        chart.current = createChart(element.current);
        // A hidden container (0 wide, e.g. in an inactive tab) keeps the last drawing rather than collapsing it.
        observer = new ResizeObserver((entries) => {
          const box = entries[0]?.contentRect;
          if (box && box.width > 0 && box.height > 0) chart.current?.resize();
        });
        observer.observe(element.current);
        setReady(true);
      },
      () => setFailed(true),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <figcaption className="sr-only">{summary ? `${label}。${summary}` : label}</figcaption>
      {failed ? (
        <Typography.Text type="danger">图表加载失败，请刷新页面后重试；下方表格中的数据不受影响。</Typography.Text>
      ) : (
        <Spin spinning={!ready} description="正在加载图表…">
          <div ref={element} aria-hidden style={{ width: '100%', height }} />
        </Spin>
      )}
    </figure>
  );
}
