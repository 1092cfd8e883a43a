// 得分趋势: the scores of one URL's finished runs over time, with the 60 (合格) and 80 (加分) lines.
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Empty, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { FileTextOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { formatDateTime } from '../../format';
import { shanghaiWallClockMs } from '../../time';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import { distinctUrls, fmt, ScoreTag, VerdictTag } from './common';
import { Chart } from '../../components/chart/Chart';
import type { Items } from '../../api-types';
import type { RunRow, TrendPoint } from '../../../../src/modules/inspection/inspection.schema.ts';

function trendOption(points: TrendPoint[]): EChartsCoreOption {
  // The time axis is drawn in UTC from the Asia/Shanghai wall-clock times, so its labels read as Shanghai time
  // whatever the browser's zone.
  const at = (p: TrendPoint) => shanghaiWallClockMs(p.finishedAt ?? new Date(0));
  const values = points.flatMap((p) => [p.totalScore, p.deductionScore]).filter((v): v is number => v !== null);
  const low = Math.min(50, ...values);
  return {
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 48, right: 80, top: 48, bottom: 40 },
    legend: { top: 0, data: ['总分', '扣分指标得分'] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${fmt(Number(v))} 分`),
    },
    xAxis: {
      type: 'time',
      axisLabel: {
        color: 'rgba(0,0,0,0.68)',
        hideOverlap: true,
        formatter: {
          year: '{yyyy}',
          month: '{MM}-{dd}',
          day: '{MM}-{dd}',
          hour: '{HH}:{mm}',
          minute: '{HH}:{mm}',
          second: '{HH}:{mm}:{ss}',
        },
      },
    },
    yAxis: {
      type: 'value',
      name: '分',
      min: Math.floor(low / 10) * 10,
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { color: 'rgba(0,0,0,0.68)' },
    },
    series: [
      {
        name: '总分',
        type: 'line',
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 2 },
        itemStyle: { color: '#1d4ea8' },
        data: points.map((p) => [at(p), p.totalScore]),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { position: 'end', formatter: '{b}', color: 'rgba(0,0,0,0.78)' },
          data: [
            { name: '合格线 60', yAxis: 60, lineStyle: { color: '#c9252c', type: 'dashed' } },
            { name: '加分线 80', yAxis: 80, lineStyle: { color: '#2f7d0b', type: 'dashed' } },
          ],
        },
      },
      {
        name: '扣分指标得分',
        type: 'line',
        symbol: 'triangle',
        symbolSize: 9,
        lineStyle: { width: 2, type: 'dotted' },
        itemStyle: { color: '#ad4e00' },
        data: points.map((p) => [at(p), p.deductionScore]),
      },
    ],
  };
}

export default function InspectionTrendPage() {
  usePageTitle('得分趋势');
  const [params, setParams] = useSearchParams();
  const runs = useLoad(() => api.get<Items<RunRow>>('/api/inspection/runs').then((r) => r.items), []);
  const urls = useMemo(() => distinctUrls((runs.data ?? []).filter((r) => r.status === 'done')), [runs.data]);
  const url = params.get('url') ?? undefined;
  const trend = useLoad(
    url ? () => api.get<Items<TrendPoint>>(`/api/inspection/trend${queryString({ url })}`).then((r) => r.items) : null,
    [url],
  );

  // Default to the most recently inspected URL.
  useEffect(() => {
    if (!url && urls.length) setParams({ url: urls[0] }, { replace: true });
  }, [url, urls, setParams]);

  const points = useMemo(() => (trend.data ?? []).filter((p) => p.finishedAt), [trend.data]);
  const option = useMemo(() => trendOption(points), [points]);
  const description = points.length
    ? `${url} 的得分趋势，共 ${points.length} 次检查：${points.map((p) => `${formatDateTime(p.finishedAt)} 总分 ${fmt(p.totalScore)}、扣分指标得分 ${fmt(p.deductionScore)}`).join('；')}。合格线 60 分，加分线 80 分。`
    : '暂无数据';

  const columns: TableColumnsType<TrendPoint> = [
    { title: '编号', dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
    { title: '完成时间', dataIndex: 'finishedAt', width: 180, render: (v: string | null) => formatDateTime(v) },
    {
      title: '结论',
      dataIndex: 'verdict',
      width: 100,
      render: (v: TrendPoint['verdict']) => <VerdictTag verdict={v} />,
    },
    {
      title: '总分',
      dataIndex: 'totalScore',
      width: 120,
      render: (v: number | null) => <ScoreTag score={v} label="" />,
    },
    { title: '扣分指标得分', dataIndex: 'deductionScore', width: 120, render: (v: number | null) => fmt(v) },
    { title: '加分', dataIndex: 'bonusScore', width: 80, render: (v: number | null) => fmt(v) },
    { title: '未检测分值', dataIndex: 'untestedPoints', width: 110, render: (v: number | null) => fmt(v) },
    {
      title: '报告',
      key: 'report',
      width: 110,
      render: (_, p) => (
        <Link to={`/inspection/runs/${p.id}`} aria-label={`查看检查 #${p.id} 的报告`}>
          <FileTextOutlined aria-hidden /> 查看报告
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="得分趋势" />
      <Space wrap>
        <label htmlFor="trend-url">网址</label>
        <Select
          id="trend-url"
          style={{ minWidth: 360 }}
          placeholder={runs.loading ? '正在加载…' : '选择检查过的网址'}
          value={url}
          onChange={(v: string) => setParams({ url: v })}
          options={[...new Set([...(url ? [url] : []), ...urls])].map((u) => ({ value: u, label: u }))}
          notFoundContent="还没有已完成的检查"
          data-testid="trend-url"
        />
      </Space>
      {!url ? (
        !runs.loading && <Empty description="还没有已完成的检查，请先在“检查任务”中检查网站" />
      ) : (
        <>
          <Card title="总分与扣分指标得分" size="small">
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              扣分指标得分低于 60 分为不合格；高于 80
              分时加分指标计入总分。未检测的指标不计分，也不视为通过，请结合“未检测分值”看待得分。
            </Typography.Paragraph>
            {points.length ? (
              <Chart option={option} label={description} height={340} testId="trend-chart" />
            ) : (
              !trend.loading && <Empty description="该网址还没有已完成的检查" />
            )}
          </Card>
          <Card title="检查记录" size="small">
            <Table<TrendPoint>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={[...(trend.data ?? [])].reverse()}
              loading={trend.loading}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
              locale={{ emptyText: <Empty description="该网址还没有已完成的检查" /> }}
              data-testid="trend-table"
            />
          </Card>
        </>
      )}
    </Space>
  );
}
