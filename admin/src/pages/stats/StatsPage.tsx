// 访问统计: the site's page views and visitors, counted by the platform itself, per day or month, with the most
// viewed columns and pages, and the figures of the annual report (年度报表).
import { useMemo, useState } from 'react';
import {
  Alert,
  Card,
  Col,
  Collapse,
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
import type { Dayjs } from 'dayjs';
import { api, queryString } from '../../api';
import type { AnnualReport, Granularity, StatsPoint, StatsReport } from '../../../../src/modules/stats/stats.schema.ts';
import { Chart } from '../../components/chart/Chart';
import { ReportDayRange, todayPicker } from '../../components/DayRange';
import { SiteReport } from '../../components/SiteReport';
import { formatNumber as number } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { dayRange, daysInclusive } from '../../time';
import { barOption, seriesOption, seriesSummary } from './charts';

export default function StatsPage() {
  usePageTitle('访问统计');
  const scope = useSiteScope();
  // Today in Asia/Shanghai (the server's statistics day), whatever the browser's zone.
  const today = useMemo(todayPicker, []);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(29, 'day'), today]);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [year, setYear] = useState(today.year());
  const { siteId } = scope;
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
    <SiteReport
      title="访问统计"
      scope={scope}
      loading={report.loading}
      intro={
        <Alert
          type="info"
          showIcon
          title="由本平台自行统计，不使用第三方统计服务，不保存访问者的 IP 地址。"
          description="浏览量为公开页面被浏览的次数（不含搜索引擎爬虫等程序访问）。独立访客按“IP 地址 + 浏览器”每日去重，访客标识每日更换、跨日无法关联，因此多日的独立访客为每日独立访客之和。数据约每 10 秒写入一次，当日独立访客在次日凌晨定稿。"
        />
      }
      controls={
        <Space wrap size="middle">
          <Space>
            <label htmlFor="stats-range">统计时间</label>
            <ReportDayRange
              id="stats-range"
              label="统计时间"
              today={today}
              value={range}
              onChange={setRange}
              testId="stats-range"
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
      }
    >
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
    </SiteReport>
  );
}
