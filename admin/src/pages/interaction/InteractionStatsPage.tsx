// 受理反馈情况统计: messages received, valid, replied, replied on time and satisfaction by month, by department and
// by category, as charts with the same figures in tables (the public statistics page shows the same report).
import { useState } from 'react';
import { Card, DatePicker, Segmented, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, queryString } from '../../api';
import { SitePageHeader } from '../../components/PageHeader';
import { Chart } from '../../components/chart/Chart';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { StatsReport, StatsRow } from '../../../../src/modules/interaction/interaction.schema';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

const COLUMNS = (first: string): TableColumnsType<StatsRow> => [
  { title: first, dataIndex: 'label' },
  { title: '收到', dataIndex: 'received', width: 80 },
  { title: '有效', dataIndex: 'valid', width: 80 },
  { title: '已答复', dataIndex: 'replied', width: 80 },
  { title: '按时答复', dataIndex: 'onTime', width: 90 },
  { title: '按时率', dataIndex: 'onTimeRate', width: 90, render: percent },
  {
    title: '平均用时（工作日）',
    dataIndex: 'averageDays',
    width: 140,
    render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
  },
  { title: '未办结', dataIndex: 'open', width: 80 },
  { title: '满意/评价', key: 'sat', width: 100, render: (_, r) => `${r.satisfied}/${r.rated}` },
];

export default function InteractionStatsPage() {
  usePageTitle('留言统计');
  const scope = useSiteScope();
  const { siteId } = scope;
  const [channel, setChannel] = useState<'board' | 'error'>('board');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = {
    channel,
    from: range?.[0]?.format('YYYY-MM'),
    to: range?.[1]?.format('YYYY-MM'),
  };
  const report = useLoad(
    siteId ? () => api.get<StatsReport>(`/api/sites/${siteId}/interaction/stats${queryString(query)}`) : null,
    [siteId, channel, query.from, query.to],
  );
  const r = report.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="留言统计"
        scope={scope}
        extra={
          <Space wrap>
            <Segmented
              value={channel}
              onChange={(v) => setChannel(v as 'board' | 'error')}
              options={[
                { value: 'board', label: '网上留言' },
                { value: 'error', label: '找错' },
              ]}
            />
            <DatePicker.RangePicker picker="month" value={range} onChange={(v) => setRange(v)} aria-label="统计月份" />
          </Space>
        }
      />
      {r ? (
        <>
          <Card size="small" title={`按月统计（${r.from} 至 ${r.to}）`}>
            <Chart
              label="每月收到与答复的留言数"
              summary={r.byMonth.map((m) => `${m.label} 收到 ${m.received}、答复 ${m.replied}`).join('；')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: ['收到', '已答复', '按时答复'] },
                xAxis: { type: 'category', data: r.byMonth.map((m) => m.label) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { name: '收到', type: 'bar', data: r.byMonth.map((m) => m.received) },
                  { name: '已答复', type: 'bar', data: r.byMonth.map((m) => m.replied) },
                  { name: '按时答复', type: 'line', data: r.byMonth.map((m) => m.onTime) },
                ],
              }}
            />
            <Table<StatsRow>
              size="small"
              rowKey="key"
              columns={COLUMNS('月份')}
              dataSource={[...r.byMonth, { ...r.total, key: 'total', label: '合计' }]}
              pagination={false}
            />
          </Card>
          <Card size="small" title="按部门统计">
            <Chart
              label="各部门答复的留言数"
              summary={r.byDepartment.map((d) => `${d.label} ${d.replied}`).join('；')}
              height={Math.max(200, r.byDepartment.length * 32 + 60)}
              option={{
                grid: { left: 140, right: 30, top: 20, bottom: 30 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', data: r.byDepartment.map((d) => d.label), inverse: true },
                series: [{ type: 'bar', name: '已答复', data: r.byDepartment.map((d) => d.replied) }],
              }}
            />
            <Table<StatsRow>
              size="small"
              rowKey="key"
              columns={COLUMNS('部门')}
              dataSource={r.byDepartment}
              pagination={false}
            />
          </Card>
          <Card size="small" title="按类别统计">
            <Table<StatsRow>
              size="small"
              rowKey="key"
              columns={COLUMNS('类别')}
              dataSource={r.byCategory}
              pagination={false}
            />
          </Card>
        </>
      ) : null}
    </Space>
  );
}
