import { useMemo, useState } from 'react';
import {
  Alert,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TimeRangePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, queryString } from '../../api';
import { formatNumber } from '../../format';
import { dayRange, daysInclusive, shanghaiToday } from '../../time';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { Chart } from '../../components/chart/Chart';
import type { ChartOption } from '../../components/chart/echarts';
import type { AnnualReport, Granularity, StatsPoint, StatsReport } from '../../api-types';

const VIEWS_COLOR = '#1d4ea8';
const VISITORS_COLOR = '#ad6800';
const number = formatNumber;

function presets(today: Dayjs): TimeRangePickerProps['presets'] {
  return [
    { label: '最近 7 天', value: [today.subtract(6, 'day'), today] },
    { label: '最近 30 天', value: [today.subtract(29, 'day'), today] },
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')] },
    { label: '今年', value: [today.startOf('year'), today] },
    { label: '去年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
  ];
}

/** Days as lines; months (a few points) as bars side by side. */
function seriesOption(series: StatsPoint[], granularity: Granularity): ChartOption {
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

function barOption(columns: StatsReport['topColumns']): ChartOption {
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

function seriesSummary(report: StatsReport): string {
  const unit = report.granularity === 'month' ? '月' : '日';
  const peak = report.series.reduce<StatsPoint | null>((best, p) => (!best || p.views > best.views ? p : best), null);
  const parts = [
    `${report.from} 至 ${report.to}，共 ${report.series.length} ${unit === '月' ? '个月' : '天'}，浏览量合计 ${number(report.totals.views)}，独立访客合计 ${number(report.totals.visitors)}`,
  ];
  if (peak && peak.views > 0) parts.push(`浏览量最高的${unit}是 ${peak.date}（${number(peak.views)}）`);
  return `${parts.join('；')}。逐${unit}数据见下方“逐${unit}数据”表格。`;
}

export default function StatsPage() {
  usePageTitle('访问统计');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  // Today in Asia/Shanghai (the server's statistics day), whatever the browser's zone.
  const today = useMemo(() => dayjs(shanghaiToday()), []);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(29, 'day'), today]);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [year, setYear] = useState(today.year());
  const siteId = site?.id;
  const { from, to } = dayRange(range);

  const report = useLoad(
    siteId ? () => api.get<StatsReport>(`/api/sites/${siteId}/stats${queryString({ from, to, granularity })}`) : null,
    [siteId, from, to, granularity],
  );
  const annual = useLoad(
    siteId ? () => api.get<AnnualReport>(`/api/sites/${siteId}/stats/annual${queryString({ year })}`) : null,
    [siteId, year],
  );

  const data = report.data;
  const line = useMemo(() => (data ? seriesOption(data.series, data.granularity) : null), [data]);
  const bar = useMemo(() => (data ? barOption(data.topColumns) : null), [data]);
  const shown = data?.granularity ?? granularity;
  const unit = shown === 'month' ? '月' : '日';
  const years = Array.from({ length: 6 }, (_, i) => today.year() - i);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          访问统计
        </Typography.Title>
        {sites.data && <SiteSelect sites={sites.data} value={site} onChange={chooseSite} />}
      </Space>

      <Alert
        type="info"
        showIcon
        title="由本平台自行统计，不使用第三方统计服务，不保存访问者的 IP 地址。"
        description="浏览量为公开页面被浏览的次数（不含搜索引擎爬虫等程序访问）。独立访客按“IP 地址 + 浏览器”每日去重，访客标识每日更换、跨日无法关联，因此多日的独立访客为每日独立访客之和。数据约每 10 秒写入一次，当日独立访客在次日凌晨定稿。"
      />

      <Card>
        <Space wrap size="middle">
          <Space>
            <label htmlFor="stats-range">统计时间</label>
            <DatePicker.RangePicker
              id={{ start: 'stats-range' }}
              aria-label="统计时间"
              value={range}
              allowClear={false}
              presets={presets(today)}
              disabledDate={(d) => d.isAfter(today, 'day')}
              onChange={(value) => {
                if (value && value[0] && value[1]) setRange([value[0], value[1]]);
              }}
              data-testid="stats-range"
            />
          </Space>
          <Segmented<Granularity>
            aria-label="统计粒度"
            value={granularity}
            onChange={setGranularity}
            options={[
              { label: '按日', value: 'day' },
              { label: '按月', value: 'month' },
            ]}
          />
        </Space>
      </Card>

      {!siteId && !sites.loading ? (
        <Empty description="暂无可查看的站点" />
      ) : (
        <Spin spinning={report.loading}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} lg={6}>
                <Card size="small" data-testid="stats-views" style={{ height: '100%' }}>
                  <Statistic title="浏览量" value={data ? data.totals.views : '…'} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    所选时间内页面被浏览的次数
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Card size="small" data-testid="stats-visitors" style={{ height: '100%' }}>
                  <Statistic title="独立访客" value={data ? data.totals.visitors : '…'} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    每日独立访客之和
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic
                    title="日均浏览量"
                    value={data ? Math.round(data.totals.views / daysInclusive(data.from, data.to)) : '…'}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {data ? `${data.from} 至 ${data.to}` : '\u00a0'}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Card
                  size="small"
                  data-testid="stats-annual"
                  style={{ height: '100%' }}
                  title="年度报表数据"
                  extra={
                    <Select
                      size="small"
                      aria-label="报表年度"
                      value={year}
                      onChange={setYear}
                      options={years.map((y) => ({ value: y, label: `${y} 年` }))}
                      style={{ width: 100 }}
                    />
                  }
                >
                  <Spin spinning={annual.loading}>
                    <Row gutter={8}>
                      <Col span={12}>
                        <Statistic
                          title="网站总访问量"
                          value={annual.data ? annual.data.totalViews : '…'}
                          styles={{ content: { fontSize: 20 } }}
                        />
                      </Col>
                      <Col span={12}>
                        <Statistic
                          title="独立用户访问总量"
                          value={annual.data ? annual.data.uniqueVisitors : '…'}
                          styles={{ content: { fontSize: 20 } }}
                        />
                      </Col>
                    </Row>
                  </Spin>
                </Card>
              </Col>
            </Row>

            <Card
              title={
                <Typography.Title
                  level={3}
                  style={{ margin: 0, fontSize: 16 }}
                >{`浏览量与独立访客（按${unit}）`}</Typography.Title>
              }
            >
              {data && line ? (
                <>
                  <Chart
                    option={line}
                    label={`浏览量与独立访客按${unit}变化的${shown === 'month' ? '柱状图' : '折线图'}`}
                    summary={seriesSummary(data)}
                    testId="stats-line"
                  />
                  <Collapse
                    ghost
                    items={[
                      {
                        key: 'table',
                        label: `逐${unit}数据`,
                        children: (
                          <Table<StatsPoint>
                            size="small"
                            rowKey="date"
                            dataSource={data.series}
                            pagination={{ pageSize: 31, hideOnSinglePage: true }}
                            columns={[
                              { title: shown === 'month' ? '月份' : '日期', dataIndex: 'date' },
                              { title: '浏览量', dataIndex: 'views', align: 'right', render: number },
                              { title: '独立访客', dataIndex: 'visitors', align: 'right', render: number },
                            ]}
                          />
                        ),
                      },
                    ]}
                  />
                </>
              ) : (
                <div style={{ height: 320 }} />
              )}
            </Card>

            <Row gutter={[16, 16]}>
              <Col xs={24} xl={10}>
                <Card
                  title={
                    <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                      栏目浏览量排行
                    </Typography.Title>
                  }
                  style={{ height: '100%' }}
                >
                  {data && bar && data.topColumns.length > 0 ? (
                    <Chart
                      option={bar}
                      label="浏览量最高的栏目条形图"
                      summary={data.topColumns
                        .slice(0, 10)
                        .map((c, i) => `第 ${i + 1} 名 ${c.name}，浏览量 ${number(c.views)}`)
                        .join('；')}
                      height={Math.max(200, Math.min(10, data.topColumns.length) * 40 + 40)}
                      testId="stats-columns"
                    />
                  ) : (
                    <Empty description="所选时间内栏目页面暂无浏览" />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card
                  title={
                    <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                      受访页面排行
                    </Typography.Title>
                  }
                  style={{ height: '100%' }}
                >
                  <Table<StatsReport['topPages'][number]>
                    size="small"
                    rowKey="path"
                    data-testid="stats-pages"
                    dataSource={data?.topPages ?? []}
                    pagination={false}
                    locale={{
                      emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所选时间内暂无浏览记录" />,
                    }}
                    columns={[
                      { title: '排名', key: 'rank', width: 64, render: (_v, _r, i) => i + 1 },
                      {
                        title: '页面',
                        key: 'page',
                        render: (_v, p) => (
                          <Space orientation="vertical" size={0}>
                            <Typography.Text>{p.title ?? '（无标题）'}</Typography.Text>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
                              {p.path}
                            </Typography.Text>
                          </Space>
                        ),
                      },
                      { title: '浏览量', dataIndex: 'views', align: 'right', width: 96, render: number },
                      { title: '独立访客', dataIndex: 'visitors', align: 'right', width: 96, render: number },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </Space>
        </Spin>
      )}
    </Space>
  );
}
