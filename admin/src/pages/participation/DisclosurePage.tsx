// 依申请公开: every application of the site with its statutory clock (due day, working days left; paused and overdue
// highlighted), filtered by state, year and words; one application at a time in a drawer with its timeline and the
// steps of the procedure.
import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { FilterBar } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { formatMinute } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type {
  ApplicationList,
  ApplicationSummary,
  ListQuery,
} from '../../../../src/modules/disclosure/disclosure.schema';
import { ClockTag } from './ClockTag';
import { DisclosureDrawer } from './DisclosureDrawer';
import { DisclosureRegister } from './DisclosureRegister';

type Filters = Omit<ListQuery, 'siteId'>;

const STATUS_OPTIONS: { value: NonNullable<Filters['status']>; label: string }[] = [
  { value: 'open', label: '未办结（全部）' },
  { value: 'processing', label: '办理中' },
  { value: 'correction', label: '待补正' },
  { value: 'consultation', label: '征求第三方意见' },
  { value: 'fee', label: '待缴纳信息处理费' },
  { value: 'answered', label: '已答复' },
];

const STATUS_COLORS: Record<ApplicationSummary['status'], string> = {
  processing: 'blue',
  correction: 'gold',
  consultation: 'purple',
  fee: 'cyan',
  answered: 'green',
};

function Counts({ counts }: { counts: Record<string, number> }) {
  const cell = (title: string, value: number, danger = false) => (
    <Col xs={12} md={4}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          styles={{ content: { color: danger && value ? '#c9252c' : undefined } }}
        />
      </Card>
    </Col>
  );
  return (
    <Row gutter={16}>
      {cell('未办结', counts.open ?? 0)}
      {cell('已超期', counts.overdue ?? 0, true)}
      {cell('5 个工作日内到期', counts.dueSoon ?? 0)}
      {cell('待补正', counts.correction ?? 0)}
      {cell('征求意见中', counts.consultation ?? 0)}
      {cell('已答复', counts.answered ?? 0)}
    </Row>
  );
}

export default function DisclosurePage() {
  usePageTitle('依申请公开');
  const scope = useSiteScope();
  const { siteId } = scope;
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [open, setOpen] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [form] = Form.useForm<Filters>();
  const list = useLoad(
    siteId
      ? () => api.get<ApplicationList>(`/api/disclosure/applications${queryString({ siteId, ...filters })}`)
      : null,
    [siteId, filters],
  );

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '编号',
      dataIndex: 'serial',
      width: 170,
      render: (v: string, a) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpen(a.id)}
        >
          {v}
        </Button>
      ),
    },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      width: 160,
      render: (v: string, a) => `${v}（${a.applicantTypeLabel}）`,
    },
    { title: '所需信息', dataIndex: 'description', ellipsis: true, width: 260 },
    {
      title: '状态',
      dataIndex: 'statusName',
      width: 150,
      render: (v: string, a) => <Tag color={STATUS_COLORS[a.status]}>{v}</Tag>,
    },
    { title: '收到日期', dataIndex: 'receivedAt', width: 150, render: (v: string) => formatMinute(v) },
    { title: '法定期限', key: 'clock', width: 260, render: (_, a) => <ClockTag clock={a.clock} /> },
    { title: '下一步', dataIndex: 'next', width: 200, ellipsis: true },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="依申请公开"
        scope={scope}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRegistering(true)}>
            登记申请
          </Button>
        }
      />
      {list.data ? <Counts counts={list.data.counts} /> : null}
      <FilterBar<Filters>
        form={form}
        initialValues={{ status: 'open' }}
        onSearch={(v) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Filters)}
        onReset={() => {
          form.resetFields();
          setFilters({ status: 'open' });
        }}
      >
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 180 }} options={STATUS_OPTIONS} />
        </Form.Item>
        <Form.Item name="year" label="年度">
          <InputNumber min={2000} max={2100} placeholder="如 2026" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="q" label="关键词">
          <Input allowClear placeholder="编号、申请人或所需信息" maxLength={100} />
        </Form.Item>
      </FilterBar>
      <Table<ApplicationSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
        scroll={{ x: 1250 }}
        rowClassName={(a) => (a.clock.overdue && !a.clock.completed ? 'row-overdue' : '')}
        onRow={(a) => ({ onDoubleClick: () => setOpen(a.id) })}
      />
      {siteId ? (
        <DisclosureRegister
          siteId={siteId}
          open={registering}
          onClose={() => setRegistering(false)}
          onSaved={(id) => {
            setRegistering(false);
            void list.reload();
            setOpen(id);
          }}
        />
      ) : null}
      <DisclosureDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void list.reload()} />
    </Space>
  );
}
