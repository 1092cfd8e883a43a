// 审查流转 (site administrator): every item waiting in a review step — stuck ones first (nobody can take it, or
// it has waited past the escalation time) — with who may take it; reassigning a step to a named reviewer, and
// the reviewers designated per department for when the submitter is the department's only one. All audited.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api';
import type { Items } from '../../api-types';
import type {
  Candidate,
  Designate,
  ReassignResult,
  WaitingItem,
  WaitingList,
} from '../../../../src/modules/review/routing.schema.ts';
import { showIn, useBusy } from '../../components/busy';
import { SitePageHeader } from '../../components/PageHeader';
import { DepartmentSelect } from '../../components/FilterBar';
import { toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { useDepartments } from '../content/data';

const ROUTE_LABELS: Record<WaitingItem['route'], string> = {
  group: '部门审查组',
  designate: '指定审查人',
  assigned: '已改派',
  none: '无人可办理',
};

function ReassignDialog({
  item,
  candidates,
  onClose,
  onDone,
}: {
  item: WaitingItem | null;
  candidates: Candidate[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ userId: number; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const busy = useBusy();
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const r = await busy.run(() => api.post<ReassignResult>(`/api/review/${item!.id}/reassign`, v), {
      onError: showIn(setError),
    });
    if (r) {
      toastSuccess(r.routedTo);
      onDone();
    }
  };
  return (
    <Modal
      title={item ? `改派：${item.title}（${item.stateName}）` : ''}
      open={!!item}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="改派"
      confirmLoading={busy.busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item label="改派给" name="userId" rules={[{ required: true, message: '请选择人员' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={candidates.map((c) => ({
              value: c.id,
              label: `${c.name}（${c.department ?? '无部门'}，${c.roles.join('、')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label="改派原因" name="reason" rules={[{ required: true, min: 2, message: '请填写改派原因' }]}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

function Designates({ siteId, candidates }: { siteId: number; candidates: Candidate[] }) {
  const list = useLoad(() => api.get<Items<Designate>>(`/api/sites/${siteId}/review/designates`), [siteId]);
  const departments = useDepartments(siteId);
  const [form] = Form.useForm<{ departmentId: number; step: 'dept' | 'leader'; userId: number | null }>();
  const busy = useBusy();
  const save = async () => {
    const v = await form.validateFields();
    const r = await busy.run(() =>
      api.put<Items<Designate>>(`/api/sites/${siteId}/review/designates`, { ...v, userId: v.userId ?? null }),
    );
    if (r) {
      list.setData(r);
      toastSuccess('已保存（已记录审计日志）');
    }
  };
  return (
    <Card size="small" title="各部门指定审查人员（本部门没有提交人以外的审核人或分管领导时使用）">
      <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="departmentId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
          <DepartmentSelect departments={departments.data ?? []} width={200} />
        </Form.Item>
        <Form.Item name="step" label="环节" initialValue="dept">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'dept', label: '审核人审查' },
              { value: 'leader', label: '分管领导审批' },
            ]}
          />
        </Form.Item>
        <Form.Item name="userId" label="指定人员">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder="不选则取消指定"
            options={candidates.map((c) => ({ value: c.id, label: `${c.name}（${c.roles.join('、')}）` }))}
          />
        </Form.Item>
        <Button type="primary" onClick={() => void save()} loading={busy.busy}>
          保存
        </Button>
      </Form>
      <Table<Designate>
        size="small"
        rowKey={(d) => `${d.departmentId}-${d.step}`}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '部门', dataIndex: 'department' },
          { title: '环节', dataIndex: 'step', render: (s: string) => (s === 'dept' ? '审核人审查' : '分管领导审批') },
          { title: '指定人员', dataIndex: 'name' },
          { title: '指定时间', dataIndex: 'designatedAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}

export default function WaitingPage() {
  usePageTitle('审查流转');
  const scope = useSiteScope();
  const siteId = scope.siteId;
  const waiting = useLoad(siteId ? () => api.get<WaitingList>(`/api/sites/${siteId}/review/waiting`) : null, [siteId]);
  const candidates = useLoad(
    siteId ? () => api.get<Items<Candidate>>(`/api/sites/${siteId}/review/candidates`).then((r) => r.items) : null,
    [siteId],
  );
  const [reassigning, setReassigning] = useState<WaitingItem | null>(null);
  const stuck = waiting.data?.items.filter((i) => i.stuck).length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="审查流转" scope={scope} />
      {waiting.data && (
        <Typography.Paragraph>
          等待审查 {waiting.data.items.length} 项，其中卡住 {stuck} 项（无人可办理，或等待超过{' '}
          {waiting.data.escalateHours} 小时，系统已催办）。改派和指定均记录审计日志。
        </Typography.Paragraph>
      )}
      <Table<WaitingItem>
        size="small"
        rowKey="id"
        loading={waiting.loading}
        dataSource={waiting.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '登记序号', dataIndex: 'serial' },
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) => <Link to={`/inbox/${r.id}?content=${r.contentId}`}>{t}</Link>,
          },
          { title: '部门', dataIndex: 'department' },
          { title: '环节', dataIndex: 'stateName' },
          { title: '等待', dataIndex: 'waitingHours', render: (h: number) => `${h} 小时` },
          {
            title: '可办理',
            render: (_: unknown, r) => (
              <Space wrap size={4}>
                <Tag color={r.route === 'none' ? 'error' : r.route === 'group' ? 'default' : 'processing'}>
                  {ROUTE_LABELS[r.route]}
                </Tag>
                {r.deciders.join('、')}
              </Space>
            ),
          },
          {
            title: '状态',
            render: (_: unknown, r) =>
              r.stuck ? <Tag color="error">卡住{r.escalatedAt ? '·已催办' : ''}</Tag> : <Tag color="success">正常</Tag>,
          },
          {
            title: '操作',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setReassigning(r)}>
                改派
              </Button>
            ),
          },
        ]}
      />
      {siteId && <Designates siteId={siteId} candidates={candidates.data ?? []} />}
      <ReassignDialog
        item={reassigning}
        candidates={candidates.data ?? []}
        onClose={() => setReassigning(null)}
        onDone={() => {
          setReassigning(null);
          void waiting.reload();
        }}
      />
    </Space>
  );
}
