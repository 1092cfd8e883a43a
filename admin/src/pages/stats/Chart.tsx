import { useEffect, useRef, useState } from 'react';
import { Spin, Typography } from 'antd';
import type { ChartOption, ECharts } from './charts';

/**
 * A chart drawn by ECharts (loaded on first use). The drawing is hidden from assistive technology; the
 * figure's caption names it and `summary` gives its figures in words (the page also shows them as tables).
 */
export function Chart({ option, label, summary, height = 320, testId }: { option: ChartOption; label: string; summary: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./charts').then(
      ({ createChart }) => {
        if (disposed || !element.current) return;
        chart.current = createChart(element.current);
        observer = new ResizeObserver(() => chart.current?.resize());
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
      <figcaption className="sr-only">{`${label}。${summary}`}</figcaption>
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
