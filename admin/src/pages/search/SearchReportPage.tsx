// 搜索报表: what the public searched for over a period — the hot searches, and the searches that found nothing
// (content to write, synonyms or service cards to add). The search log keeps no IP address or session.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { api, queryString } from '../../api';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { SiteReport } from '../../components/SiteReport';
import { Chart } from '../../components/chart/Chart';
import type { ChartOption } from '../../components/chart/echarts';
import type { SearchReport } from '../../../../src/modules/search/search.schema.ts';

const HOT_COLOR = '#1d4ea8';
const ZERO_COLOR = '#c9252c';
const CHART_ROWS = 10;

const PERIODS = [
  { value: 7, label: '最近 7 天' },
  { value: 30, label: '最近 30 天' },
  { value: 90, label: '最近 90 天' },
  { value: 365, label: '最近一年' },
];

const number = formatNumber;

/** The first `CHART_ROWS` queries as horizontal bars, the most frequent on top. */
function barOption(rows: { query: string; count: number }[], name: string, color: string): ChartOption {
  const shown = rows.slice(0, CHART_ROWS).reverse();
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.query), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      { name, type: 'bar', data: shown.map((r) => r.count), barMaxWidth: 22, label: { show: true, position: 'right' } },
    ],
  };
}

const chartHeight = (n: number) => Math.max(160, Math.min(CHART_ROWS, n) * 34 + 40);
const summary = (rows: { query: string; count: number }[]) =>
  rows
    .slice(0, CHART_ROWS)
    .map((r, i) => `第 ${i + 1} 名“${r.query}”，${number(r.count)} 次`)
    .join('；');

const heading = (text: string) => (
  <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
    {text}
  </Typography.Title>
);

export default function SearchReportPage() {
  usePageTitle('搜索报表');
  const scope = useSiteScope();
  const [days, setDays] = useState(30);
  const { siteId } = scope;
  const report = useLoad(
    siteId ? () => api.get<SearchReport>(`/api/sites/${siteId}/search/report${queryString({ days })}`) : null,
    [siteId, days],
  );
  const data = report.data;
  const hotChart = useMemo(() => (data ? barOption(data.top, '搜索次数', HOT_COLOR) : null), [data]);
  const zeroChart = useMemo(() => (data ? barOption(data.zeroResults, '无结果次数', ZERO_COLOR) : null), [data]);
  const zeroShare =
    data && data.searches > 0 ? Math.round((data.zeroResultSearches / data.searches) * 1000) / 10 : null;

  return (
    <SiteReport
      title="搜索报表"
      scope={scope}
      loading={report.loading}
      intro={
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          统计公开网站站内搜索的搜索词。热门搜索只计有结果的搜索；没有结果的搜索词提示群众在找而网站没有的信息，可据此补充内容、添加同义词或服务卡片。搜索日志只记录搜索词、时间和结果数，不记录访问者的
          IP 地址。
        </Typography.Paragraph>
      }
      controls={
        <Space wrap>
          <Typography.Text>统计时间</Typography.Text>
          <Segmented<number>
            aria-label="统计时间"
            value={days}
            onChange={setDays}
            options={PERIODS}
            data-testid="search-report-period"
          />
          {data && (
            <Typography.Text type="secondary">
              {formatDateTime(data.from)} 至 {formatDateTime(data.to)}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card size="small" data-testid="search-report-total" style={{ height: '100%' }}>
            <Statistic title="搜索次数" value={data ? data.searches : '…'} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small" data-testid="search-report-zero" style={{ height: '100%' }}>
            <Statistic title="无结果的搜索次数" value={data ? data.zeroResultSearches : '…'} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title="无结果比例"
              value={zeroShare === null ? (data ? '—' : '…') : zeroShare}
              suffix={zeroShare === null ? undefined : '%'}
            />
          </Card>
        </Col>
      </Row>

      {data && data.searches === 0 && <Alert type="info" showIcon title="所选时间内还没有人使用站内搜索" />}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={heading('热门搜索')} style={{ height: '100%' }} data-testid="search-report-hot">
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {data && hotChart && data.top.length > 0 ? (
                <Chart
                  option={hotChart}
                  label="搜索次数最多的搜索词条形图"
                  summary={summary(data.top)}
                  height={chartHeight(data.top.length)}
                  testId="search-report-hot-chart"
                />
              ) : null}
              <Table<SearchReport['top'][number]>
                size="small"
                rowKey="query"
                dataSource={data?.top ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所选时间内没有有结果的搜索" />,
                }}
                columns={[
                  { title: '排名', key: 'rank', width: 64, render: (_v, _r, i) => i + 1 },
                  { title: '搜索词', dataIndex: 'query' },
                  { title: '搜索次数', dataIndex: 'count', align: 'right', width: 96, render: number },
                ]}
                data-testid="search-report-hot-table"
              />
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={heading('没有结果的搜索词')} style={{ height: '100%' }} data-testid="search-report-zero-results">
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {data && zeroChart && data.zeroResults.length > 0 ? (
                <Chart
                  option={zeroChart}
                  label="没有结果的搜索词条形图"
                  summary={summary(data.zeroResults)}
                  height={chartHeight(data.zeroResults.length)}
                  testId="search-report-zero-chart"
                />
              ) : null}
              <Table<SearchReport['zeroResults'][number]>
                size="small"
                rowKey="query"
                dataSource={data?.zeroResults ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所选时间内没有无结果的搜索" />,
                }}
                columns={[
                  { title: '搜索词', dataIndex: 'query' },
                  { title: '次数', dataIndex: 'count', align: 'right', width: 72, render: number },
                  { title: '最近一天', dataIndex: 'lastAt', width: 120, render: formatDate },
                ]}
                data-testid="search-report-zero-table"
              />
            </Space>
          </Card>
        </Col>
      </Row>
    </SiteReport>
  );
}
