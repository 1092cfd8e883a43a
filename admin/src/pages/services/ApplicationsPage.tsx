// 办件管理: the applications of the staff member's department (all of the site for its administrator), newest
// first, each with the deadline that matters now — 受理 within 5 working days, then 承诺 (or 法定) 时限 — counted on
// the statutory calendar; how many are open, due within two working days, overdue.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, queryString } from '../../api';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { STATE_NAMES, type ApplicationSummary, type DeadlineView } from './types';

interface ListView {
  total: number;
  page: number;
  pageSize: number;
  applications: ApplicationSummary[];
  counts: { open: number; dueSoon: number; overdue: number };
}

export function DeadlineTag({ d }: { d: DeadlineView | null }) {
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  if (d.paused) return <Tag>补正中，暂停计时</Tag>;
  const label = `${d.kind}期限 ${d.due ?? ''}`;
  if (d.overdue) return <Tag color="red">{label}（已超期）</Tag>;
  return (
    <Tag color={d.daysLeft <= 2 ? 'orange' : 'blue'}>
      {label}（剩 {d.daysLeft} 个工作日{d.estimated ? '，估算' : ''}）
    </Tag>
  );
}

export const STATE_COLORS: Record<string, string> = {
  submitted: 'gold',
  correction: 'orange',
  accepted: 'blue',
  processing: 'cyan',
  completed: 'green',
  rejected: 'default',
};

export default function ApplicationsPage() {
  usePageTitle('办件管理');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const [state, setState] = useState('open');
  const [receiptNo, setReceiptNo] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad(
    siteId
      ? () =>
          api.get<ListView>(
            `/api/sites/${siteId}/services/applications${queryString({ state, receiptNo, page, pageSize: 20 })}`,
          )
      : null,
    [siteId, state, receiptNo, page],
  );
  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '受理编号',
      dataIndex: 'receiptNo',
      width: 160,
      render: (v: string, a) => <Link to={`/services/applications/${a.id}`}>{v}</Link>,
    },
    { title: '事项', dataIndex: 'itemName' },
    { title: '申请人', dataIndex: 'applicantName', width: 200 },
    { title: '部门', dataIndex: 'departmentName', width: 130 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 100,
      render: (s: string, a) => <Tag color={STATE_COLORS[s]}>{a.stateName}</Tag>,
    },
    { title: '期限', key: 'deadline', width: 270, render: (_, a) => <DeadlineTag d={a.deadline} /> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: formatDateTime },
    {
      title: '督办',
      dataIndex: 'escalated',
      width: 70,
      render: (v: boolean) => (v ? <Tag color="red">督办</Tag> : null),
    },
  ];
  const c = list.data?.counts;
  return (
    <div data-testid="services-applications">
      <Space style={{ marginBottom: 16 }} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          办件管理
        </Typography.Title>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
      </Space>
      <Space size="large" style={{ marginBottom: 16 }}>
        <Statistic title="在办" value={c?.open ?? 0} />
        <Statistic title="两个工作日内到期" value={c?.dueSoon ?? 0} valueStyle={{ color: '#ad6800' }} />
        <Statistic title="已超期" value={c?.overdue ?? 0} valueStyle={{ color: '#c9252c' }} />
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="app-state">状态</label>
        <Select
          id="app-state"
          style={{ width: 160 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={[
            { value: 'open', label: '未办结' },
            { value: '', label: '全部' },
            ...Object.entries(STATE_NAMES).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Input.Search
          placeholder="按受理编号查找"
          allowClear
          aria-label="受理编号"
          onSearch={(v) => setReceiptNo(v.trim())}
          style={{ width: 240 }}
        />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.applications ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
    </div>
  );
}
