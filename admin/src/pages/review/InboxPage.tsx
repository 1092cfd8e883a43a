// 我的待办: requests waiting for my decision, and my own submissions returned to me (不同意).
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import type { Inbox, InboxRow } from '../../../../src/modules/review/review.schema.ts';
import { TYPE_NAMES } from '../content/labels';
import { STATE_COLORS } from './labels';
import { refreshReviewCounts } from './reviewCounts';
import '../content/content.css';

export default function InboxPage() {
  usePageTitle('我的待办');
  const { can } = useAuth();
  const inbox = useLoad(() => api.get<Inbox>('/api/review/inbox'), []);
  const [params, setParams] = useSearchParams();
  const waiting = inbox.data?.waiting ?? [];
  const returned = inbox.data?.returned ?? [];
  const reviewer = can('content.review') || can('content.approve') || can('content.secrecy');
  const tab = params.get('tab') ?? (reviewer || returned.length === 0 ? 'waiting' : 'returned');

  // Opening the inbox is a good moment to bring the menu badge up to date.
  useEffect(() => {
    if (inbox.data) void refreshReviewCounts();
  }, [inbox.data]);

  const common: TableColumnsType<InboxRow> = [
    { title: '部门', dataIndex: 'department', width: 110 },
    { title: '网站发布栏目', dataIndex: 'column', width: 120 },
    { title: '承办人', dataIndex: 'submitter', width: 90 },
    { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '是否涉密 / 发布形式',
      key: 'form',
      width: 150,
      render: (_, r) => (
        <span>
          {r.secret === '不明确' ? <Tag color="purple">不明确</Tag> : r.secret} · {r.releaseForm}
        </span>
      ),
    },
  ];

  const titleCell = (r: InboxRow, to: string) => (
    <Space orientation="vertical" size={0}>
      <Link to={to}>{r.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {TYPE_NAMES[r.contentType] ?? r.contentType}
      </Typography.Text>
    </Space>
  );

  const waitingColumns: TableColumnsType<InboxRow> = [
    { title: '登记序号', dataIndex: 'serial', width: 100 },
    { title: '信息名称', dataIndex: 'title', render: (_, r) => titleCell(r, `/inbox/${r.id}?content=${r.contentId}`) },
    ...common,
    {
      title: '待办环节',
      dataIndex: 'stateName',
      width: 130,
      render: (_, r) => <Tag color={STATE_COLORS[r.state]}>{r.stateName}</Tag>,
    },
    {
      title: '操作',
      key: 'go',
      width: 90,
      render: (_, r) => (
        <Link to={`/inbox/${r.id}?content=${r.contentId}`} aria-label={`审查“${r.title}”`}>
          去审查
        </Link>
      ),
    },
  ];

  const returnedColumns: TableColumnsType<InboxRow> = [
    { title: '登记序号', dataIndex: 'serial', width: 100 },
    { title: '信息名称', dataIndex: 'title', render: (_, r) => titleCell(r, `/content/${r.contentId}`) },
    ...common,
    { title: '结果', key: 'state', width: 100, render: () => <Tag color="warning">已退回</Tag> },
    {
      title: '操作',
      key: 'go',
      width: 130,
      render: (_, r) => (
        <Link to={`/content/${r.contentId}`} aria-label={`修改“${r.title}”后重新提交`}>
          修改后重新提交
        </Link>
      ),
    },
  ];

  const table = (rows: InboxRow[], columns: TableColumnsType<InboxRow>, empty: string, testId: string) => (
    <Table<InboxRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={inbox.loading}
      scroll={{ x: 1150 }}
      pagination={rows.length > 20 ? { pageSize: 20, showTotal: (n) => `共 ${n} 条` } : false}
      locale={{ emptyText: <Empty description={empty} /> }}
      data-testid={testId}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title="我的待办"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void inbox.reload()} loading={inbox.loading}>
            刷新
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        信息发布审查按《信息发布审查登记表》（附件3）进行：承办人提交 → 工作机构（审核人）审查 →
        分管领导审批；是否涉密不明确的，先经保密审查。不能审查自己提交的信息。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: 'waiting',
            label: (
              <Space size={6}>
                待我审查
                <Badge count={waiting.length} showZero={false} size="small" />
              </Space>
            ),
            children: table(waiting, waitingColumns, '没有等待您审查的信息', 'inbox-waiting'),
          },
          {
            key: 'returned',
            label: (
              <Space size={6}>
                被退回
                <Badge count={returned.length} showZero={false} size="small" color="orange" />
              </Space>
            ),
            children: table(returned, returnedColumns, '没有被退回的信息', 'inbox-returned'),
          },
        ]}
      />
    </Space>
  );
}
