// 建议提案办理: 人大代表建议 and 政协委员提案 the department handles in a year, with their reply deadline (overdue in red),
// registration, the reply with the proposer's satisfaction, submission of the reply for publication (the proposer's
// name withheld), and the yearly summary.
import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import type { Items } from '../../api-types';
import { useAuth } from '../../auth';
import { useBusy } from '../../components/busy';
import { DepartmentSelect } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { showFormError, toastSuccess } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { dayText, shanghaiToday, shanghaiYear } from '../../time';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema';
import type {
  ProposalInput,
  ProposalList,
  ProposalSummary,
  ProposalView,
  ReplyBody,
} from '../../../../src/modules/proposals/proposals.schema';

const STATUS: Record<ProposalView['status'], { label: string; color: string }> = {
  handling: { label: '办理中', color: 'blue' },
  replied: { label: '已答复', color: 'cyan' },
  in_review: { label: '公开审查中', color: 'gold' },
  published: { label: '已公开', color: 'green' },
};

type RegisterValues = Omit<ProposalInput, 'receivedOn' | 'dueOn'> & { receivedOn: Dayjs; dueOn?: Dayjs };
type ReplyValues = Omit<ReplyBody, 'repliedOn'> & { repliedOn: Dayjs };

function SummaryCard({ summary }: { summary: ProposalSummary }) {
  return (
    <Card size="small" title={`${summary.year} 年办理汇总`}>
      <Table
        size="small"
        pagination={false}
        rowKey="kind"
        dataSource={summary.kinds}
        columns={[
          { title: '类别', dataIndex: 'kindName' },
          { title: '总数', dataIndex: 'total' },
          { title: '主办', dataIndex: 'lead' },
          { title: '协办', dataIndex: 'assist' },
          { title: '已答复', dataIndex: 'replied' },
          { title: '按期答复', dataIndex: 'repliedOnTime' },
          { title: '已公开', dataIndex: 'published' },
          { title: '满意', dataIndex: 'satisfied' },
          { title: '基本满意', dataIndex: 'basicallySatisfied' },
          { title: '不满意', dataIndex: 'dissatisfied' },
        ]}
      />
    </Card>
  );
}

export default function ProposalsPage() {
  usePageTitle('建议提案');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { user } = useAuth();
  const canManage = user?.capabilities.includes('participation.manage') ?? false;
  const [year, setYear] = useState(shanghaiYear());
  const list = useLoad(siteId ? () => api.get<ProposalList>(`/api/proposals?siteId=${siteId}&year=${year}`) : null, [
    siteId,
    year,
  ]);
  const summary = useLoad(
    siteId ? () => api.get<ProposalSummary>(`/api/proposals/summary?siteId=${siteId}&year=${year}`) : null,
    [siteId, year],
  );
  const departments = useLoad(
    siteId ? () => api.get<Items<DepartmentView>>(`/api/sites/${siteId}/departments`) : null,
    [siteId],
  );
  const [registering, setRegistering] = useState(false);
  const [replying, setReplying] = useState<ProposalView | null>(null);
  const [registerForm] = Form.useForm<RegisterValues>();
  const [replyForm] = Form.useForm<ReplyValues>();
  const busy = useBusy<number>();
  const reload = () => {
    void list.reload();
    void summary.reload();
  };

  const register = async () => {
    const v = await registerForm.validateFields();
    const body: ProposalInput = { ...v, receivedOn: dayText(v.receivedOn) ?? shanghaiToday(), dueOn: dayText(v.dueOn) };
    if (!body.dueOn) delete body.dueOn;
    const done = await busy.run(() => api.post(`/api/proposals?siteId=${siteId}`, body), {
      onError: (err) => showFormError(registerForm, err),
    });
    if (done === undefined) return;
    toastSuccess('建议提案已登记');
    setRegistering(false);
    reload();
  };

  const reply = async () => {
    if (!replying) return;
    const v = await replyForm.validateFields();
    const body: ReplyBody = { ...v, repliedOn: dayText(v.repliedOn) ?? shanghaiToday() };
    const done = await busy.run(() => api.put(`/api/proposals/${replying.id}/reply`, body), {
      onError: (err) => showFormError(replyForm, err),
    });
    if (done === undefined) return;
    toastSuccess('答复已保存');
    setReplying(null);
    reload();
  };

  const publish = async (p: ProposalView) => {
    const done = await busy.run(() => api.post(`/api/proposals/${p.id}/publish`), { key: p.id });
    if (done === undefined) return;
    toastSuccess('答复已提交信息发布审查');
    reload();
  };

  const departmentName = (id: number | null) => departments.data?.items.find((d) => d.id === id)?.name ?? '—';
  const columns: TableColumnsType<ProposalView> = [
    { title: '类别', dataIndex: 'kindName', width: 120 },
    { title: '编号', dataIndex: 'number', width: 90 },
    // The fixed columns take a laptop screen's width: the title keeps room to be read and the table scrolls.
    { title: '标题', dataIndex: 'title', minWidth: 240 },
    { title: '代表委员', dataIndex: 'proposer', width: 100 },
    {
      title: '承办',
      key: 'dept',
      width: 160,
      render: (_, p) => `${departmentName(p.departmentId)}（${p.role === 'lead' ? '主办' : '协办'}）`,
    },
    {
      title: '答复期限',
      dataIndex: 'dueOn',
      width: 130,
      render: (v: string, p) => (p.overdue ? <Tag color="red">{v} 已超期</Tag> : v),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (v: ProposalView['status']) => <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>,
    },
    { title: '满意度', dataIndex: 'satisfaction', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, p) =>
        canManage ? (
          <Space>
            {p.status === 'handling' || p.status === 'replied' ? (
              <Button
                size="small"
                onClick={() => {
                  replyForm.resetFields();
                  setReplying(p);
                }}
              >
                {p.status === 'handling' ? '答复' : '修改答复'}
              </Button>
            ) : null}
            {p.status === 'replied' ? (
              <Popconfirm title="答复提交信息发布审查后公开（代表委员姓名隐去）？" onConfirm={() => void publish(p)}>
                <Button size="small" type="primary" loading={busy.key === p.id}>
                  公开
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="建议提案"
        scope={scope}
        extra={
          <Space>
            <span>年度</span>
            <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => {
                  registerForm.resetFields();
                  setRegistering(true);
                }}
              >
                登记建议提案
              </Button>
            ) : null}
          </Space>
        }
      />
      {summary.data ? <SummaryCard summary={summary.data} /> : null}
      <Table<ProposalView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        expandable={{
          columnTitle: <span className="sr-only">展开答复</span>,
          rowExpandable: (p) => !!p.reply,
          expandedRowRender: (p) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              答复（{p.repliedOn}）：{p.reply}
            </Typography.Paragraph>
          ),
        }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
      />
      <Modal
        open={registering}
        title="登记建议提案"
        onCancel={() => setRegistering(false)}
        onOk={() => void register()}
        okText="登记"
        confirmLoading={busy.busy}
        width={640}
      >
        <Form<RegisterValues> form={registerForm} layout="vertical" initialValues={{ year, kind: 'npc', role: 'lead' }}>
          <Space wrap>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
              <Select
                style={{ width: 150 }}
                options={[
                  { value: 'npc', label: '人大代表建议' },
                  { value: 'cppcc', label: '政协委员提案' },
                ]}
              />
            </Form.Item>
            <Form.Item name="number" label="编号" rules={[{ required: true, message: '请填写编号' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="proposer" label="代表或委员姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="departmentId" label="承办部门">
              <DepartmentSelect departments={departments.data?.items ?? []} width={180} />
            </Form.Item>
            <Form.Item name="role" label="主办或协办" rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'lead', label: '主办' },
                  { value: 'assist', label: '协办' },
                ]}
              />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="receivedOn" label="交办日期" rules={[{ required: true, message: '请选择交办日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="dueOn" label="答复期限（不填为交办之日起 3 个月）">
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal
        open={replying !== null}
        title={replying ? `答复：${replying.title}` : '答复'}
        onCancel={() => setReplying(null)}
        onOk={() => void reply()}
        okText="保存答复"
        confirmLoading={busy.busy}
        width={720}
      >
        <Form<ReplyValues> form={replyForm} layout="vertical">
          <Form.Item name="reply" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }]}>
            <Input.TextArea rows={10} maxLength={20000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="repliedOn" label="答复日期" rules={[{ required: true, message: '请选择答复日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="satisfaction" label="代表委员满意度">
              <Select
                allowClear
                style={{ width: 140 }}
                options={['满意', '基本满意', '不满意'].map((s) => ({ value: s, label: s }))}
              />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
