// 留言办理: the dispatcher's inbox (待分办) and each department's messages with their working-day time limits, the
// open messages' ages against the 3-month 互动回应差 veto line (red), and one message at a time in a drawer.
// The same page lists 找错 tickets (channel=error) for the 找错工单 menu entry.
import { useState } from 'react';
import { Card, Col, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, queryString } from '../../api';
import { FilterBar } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { Chart } from '../../components/chart/Chart';
import { formatDateTime } from '../../format';
import { useAuth } from '../../auth';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { Dashboard, MessageList, MessageStaffView } from '../../../../src/modules/interaction/interaction.schema';
import { DeadlineTag, MessageDrawer } from './MessageDrawer';

interface Filters {
  category?: string;
  state?: string;
  q?: string;
}

const STATES = [
  ['pending_dispatch', '待分办'],
  ['assigned', '待签收'],
  ['handling', '办理中'],
  ['in_review', '答复审核中'],
  ['replied', '已答复'],
  ['closed', '已办结'],
  ['invalid', '无效留言'],
] as const;

function AgesChart({ dashboard }: { dashboard: Dashboard }) {
  const ages = dashboard.ages.slice(0, 20);
  if (ages.length === 0) return <Empty description="没有未答复的留言" />;
  return (
    <Chart
      label="未答复留言的天数（红线：3 个月否决线）"
      summary={ages.map((a) => `${a.trackingNo} ${a.days} 天`).join('；')}
      height={Math.max(160, ages.length * 26 + 60)}
      option={{
        grid: { left: 150, right: 40, top: 20, bottom: 30 },
        xAxis: { type: 'value', name: '天', max: Math.max(100, ...ages.map((a) => a.days + 5)) },
        yAxis: { type: 'category', data: ages.map((a) => a.trackingNo), inverse: true },
        series: [
          {
            type: 'bar',
            data: ages.map((a) => ({
              value: a.days,
              itemStyle: { color: a.days >= 90 ? '#c9252c' : a.days >= 60 ? '#ad6800' : '#1d4ea8' },
            })),
            markLine: {
              symbol: 'none',
              lineStyle: { color: '#c9252c', width: 2 },
              label: { formatter: '3 个月否决线', color: '#c9252c' },
              data: [{ xAxis: 90 }],
            },
          },
        ],
      }}
    />
  );
}

export default function MessagesPage({ channel = 'board' }: { channel?: 'board' | 'error' }) {
  const title = channel === 'board' ? '留言办理' : '找错工单';
  usePageTitle(title);
  const scope = useSiteScope();
  const { siteId } = scope;
  const { user } = useAuth();
  const dispatcher = user?.capabilities.includes('message.dispatch') ?? false;
  const [box, setBox] = useState<'dispatch' | 'department' | 'all'>(dispatcher ? 'dispatch' : 'department');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [form] = Form.useForm<Filters>();
  const list = useLoad(
    siteId
      ? () =>
          api.get<MessageList>(
            `/api/sites/${siteId}/messages${queryString({ box, channel, ...filters, page, pageSize: 20 })}`,
          )
      : null,
    [siteId, box, filters, page, channel],
  );
  const dashboard = useLoad(siteId ? () => api.get<Dashboard>(`/api/sites/${siteId}/messages/dashboard`) : null, [
    siteId,
  ]);
  const reload = () => {
    void list.reload();
    void dashboard.reload();
  };

  const columns: TableColumnsType<MessageStaffView> = [
    { title: '编号', dataIndex: 'trackingNo', width: 170 },
    {
      title: '标题',
      dataIndex: 'title',
      render: (v: string, m) => (
        <Typography.Link onClick={() => setOpen(m.id)}>
          {channel === 'board' ? `【${m.category}】` : ''}
          {v}
        </Typography.Link>
      ),
    },
    { title: '承办部门', dataIndex: 'departmentName', width: 140, render: (v: string | null) => v ?? '待分办' },
    { title: '状态', dataIndex: 'stateName', width: 110, render: (v: string) => <Tag>{v}</Tag> },
    { title: '留言时间', dataIndex: 'receivedAt', width: 160, render: (v: string) => formatDateTime(v).slice(0, 16) },
    {
      title: '时限',
      key: 'deadline',
      width: 260,
      render: (_, m) =>
        ['replied', 'closed', 'invalid'].includes(m.state) ? (
          m.repliedAt ? (
            `答复于 ${formatDateTime(m.repliedAt).slice(0, 16)}`
          ) : (
            '—'
          )
        ) : m.state === 'assigned' ? (
          <DeadlineTag d={m.deadlines.sign} label="签收" />
        ) : (
          <DeadlineTag d={m.deadlines.reply} label="答复" />
        ),
    },
  ];

  const tabs = [
    ...(dispatcher ? [{ key: 'dispatch', label: '待分办' }] : []),
    ...(user?.capabilities.includes('message.handle') || !dispatcher ? [{ key: 'department', label: '本部门' }] : []),
    { key: 'all', label: '全部' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title={title} scope={scope} onSiteChange={() => setPage(1)} />
      {dashboard.data ? (
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Card size="small">
              <Statistic title="未办结" value={dashboard.data.open} />
            </Card>
          </Col>
          <Col xs={12} md={5}>
            <Card size="small">
              <Statistic title="待分办" value={dashboard.data.pendingDispatch} />
            </Card>
          </Col>
          <Col xs={12} md={5}>
            <Card size="small">
              <Statistic
                title="签收超期"
                value={dashboard.data.overdueSign}
                styles={{ content: { color: dashboard.data.overdueSign ? '#c9252c' : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={5}>
            <Card size="small">
              <Statistic
                title="答复超期"
                value={dashboard.data.overdueReply}
                styles={{ content: { color: dashboard.data.overdueReply ? '#c9252c' : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={5}>
            <Card size="small">
              <Statistic title="即将到期" value={dashboard.data.dueSoon} />
            </Card>
          </Col>
        </Row>
      ) : null}
      {dashboard.data && channel === 'board' ? (
        <Card size="small" title="未答复留言的时长">
          <AgesChart dashboard={dashboard.data} />
        </Card>
      ) : null}
      <Tabs
        activeKey={box}
        items={tabs}
        onChange={(k) => {
          setBox(k as typeof box);
          setPage(1);
        }}
      />
      <FilterBar<Filters>
        form={form}
        onSearch={(v) => {
          setPage(1);
          setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Filters);
        }}
        onReset={() => {
          setPage(1);
          setFilters({});
        }}
      >
        {channel === 'board' ? (
          <Form.Item name="category" label="类别">
            <Select
              allowClear
              style={{ width: 100 }}
              options={['咨询', '建议', '投诉'].map((v) => ({ value: v, label: v }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="state" label="状态">
          <Select allowClear style={{ width: 130 }} options={STATES.map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="q" label="关键词">
          <Input allowClear maxLength={100} style={{ width: 200 }} placeholder="标题、内容或编号" />
        </Form.Item>
      </FilterBar>
      <Table<MessageStaffView>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        locale={{ emptyText: <Empty description="没有留言" /> }}
        data-testid="messages-table"
      />
      <MessageDrawer id={open} onClose={() => setOpen(null)} onChanged={reload} />
    </Space>
  );
}
