// 办事统计: what the public statistics page shows — applications received, accepted, completed, on time and the
// average working days per month, department and item, and the monthly 好差评 results — with charts, when the
// snapshot was made (a job refreshes it daily), and a button to refresh it now.
import { Button, Card, Space, Table, Typography } from 'antd';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { Chart } from '../../components/chart/Chart';
import type { StatsView } from './types';

const month = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
type Row = StatsView['total'];
const COLUMNS = [
  { title: '收件', dataIndex: 'received' },
  { title: '受理', dataIndex: 'accepted' },
  { title: '不予受理', dataIndex: 'rejected' },
  { title: '办结', dataIndex: 'completed' },
  { title: '按时办结率', dataIndex: 'onTimeRate', render: rate },
  { title: '平均工作日', dataIndex: 'averageDays', render: (v: number | null) => v ?? '—' },
];

export default function ServiceStatsPage() {
  usePageTitle('办事统计');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const stats = useLoad(siteId ? () => api.get<StatsView>(`/api/sites/${siteId}/services/stats`) : null, [siteId]);
  const refresh = async () => {
    try {
      stats.setData(await api.post<StatsView>(`/api/sites/${siteId}/services/stats/refresh`));
      toastSuccess('公开的办事统计已更新');
    } catch (err) {
      showError(err);
    }
  };
  const s = stats.data;
  const months = (s?.byMonth ?? []).map((m) => month(m.month));
  return (
    <div data-testid="services-stats">
      <Space style={{ marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          办事统计
        </Typography.Title>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
        <Typography.Text type="secondary">公开数据更新于 {formatDateTime(s?.refreshedAt ?? null)}</Typography.Text>
        <Button onClick={() => void refresh()}>立即更新</Button>
        <a href="/bsfw/tongji/" target="_blank" rel="noreferrer">
          查看公开页面
        </a>
      </Space>
      <Card title="各月收件与办结" style={{ marginBottom: 16 }}>
        <Chart
          label="各月收件数、办结数和按时办结率"
          summary={(s?.byMonth ?? [])
            .map((m) => `${month(m.month)}收件${m.received}件、办结${m.completed}件、按时办结率${rate(m.onTimeRate)}`)
            .join('；')}
          option={{
            tooltip: { trigger: 'axis' },
            legend: {},
            xAxis: { type: 'category', data: months },
            yAxis: [
              { type: 'value', name: '件' },
              { type: 'value', name: '%', max: 100 },
            ],
            series: [
              { type: 'bar', name: '收件数', data: (s?.byMonth ?? []).map((m) => m.received) },
              { type: 'bar', name: '办结数', data: (s?.byMonth ?? []).map((m) => m.completed) },
              { type: 'line', name: '按时办结率', yAxisIndex: 1, data: (s?.byMonth ?? []).map((m) => m.onTimeRate) },
            ],
          }}
        />
        <Table<Row & { month: string }>
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={s?.byMonth ?? []}
          columns={[{ title: '月份', dataIndex: 'month', render: month }, ...COLUMNS]}
        />
      </Card>
      <Card title="按部门" style={{ marginBottom: 16 }}>
        <Table
          rowKey="departmentId"
          size="small"
          pagination={false}
          dataSource={s?.byDepartment ?? []}
          columns={[{ title: '部门', dataIndex: 'departmentName' }, ...COLUMNS]}
        />
      </Card>
      <Card title="按事项" style={{ marginBottom: 16 }}>
        <Table
          rowKey="itemId"
          size="small"
          pagination={{ pageSize: 15 }}
          dataSource={s?.byItem ?? []}
          columns={[
            { title: '事项', dataIndex: 'itemName' },
            { title: '部门', dataIndex: 'departmentName' },
            ...COLUMNS,
          ]}
        />
      </Card>
      <Card title="好差评结果">
        <Chart
          label="各月满意率"
          summary={(s?.ratings ?? []).map((m) => `${month(m.month)}满意率${rate(m.satisfaction)}`).join('；')}
          option={{
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: (s?.ratings ?? []).map((m) => month(m.month)) },
            yAxis: { type: 'value', name: '%', max: 100 },
            series: [{ type: 'line', name: '满意率', data: (s?.ratings ?? []).map((m) => m.satisfaction) }],
          }}
          height={240}
        />
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={s?.ratings ?? []}
          columns={[
            { title: '月份', dataIndex: 'month', render: month },
            { title: '评价数', dataIndex: 'total' },
            { title: '满意率', dataIndex: 'satisfaction', render: rate },
            { title: '差评', dataIndex: 'bad' },
            { title: '已整改', dataIndex: 'rectified' },
            { title: '已回访', dataIndex: 'revisited' },
          ]}
        />
      </Card>
    </div>
  );
}
