// 意见征集: the site's consultations on draft policy documents with their phase, comments waiting for moderation and
// the one-month feedback deadline; create one from a draft policy, submit its notice into the release review, and
// open one to moderate comments, decide their adoption and send the feedback report.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useBusy } from '../../components/busy';
import { SitePageHeader } from '../../components/PageHeader';
import { showFormError, toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { fromShanghaiPicker } from '../../time';
import type {
  DraftPolicyList,
  SolicitationInput,
  SolicitationList,
  SolicitationSummary,
} from '../../../../src/modules/solicitations/solicitations.schema';
import { SolicitationDrawer } from './SolicitationDrawer';

type NewValues = Omit<SolicitationInput, 'opensAt'> & { opensAt: Dayjs };

function NewSolicitation({
  siteId,
  open,
  onClose,
  onSaved,
}: {
  siteId: number;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const policies = useLoad(
    open ? () => api.get<DraftPolicyList>(`/api/solicitations/draft-policies?siteId=${siteId}`) : null,
    [open, siteId],
  );
  const [form] = Form.useForm<NewValues>();
  const busy = useBusy();
  const save = async () => {
    const v = await form.validateFields();
    const body: SolicitationInput = {
      policyContentId: v.policyContentId,
      ...(v.title ? { title: v.title } : {}),
      intro: v.intro ?? '',
      opensAt: fromShanghaiPicker(v.opensAt),
      days: v.days ?? 30,
    };
    const done = await busy.run(() => api.post(`/api/solicitations?siteId=${siteId}`, body), {
      onError: (err) => showFormError(form, err),
    });
    if (done === undefined) return;
    toastSuccess('意见征集已创建（草稿）');
    onSaved();
  };
  return (
    <Modal
      open={open}
      title="新建意见征集"
      onCancel={onClose}
      onOk={() => void save()}
      okText="创建"
      confirmLoading={busy.busy}
      destroyOnHidden
      width={640}
    >
      <Form<NewValues> form={form} layout="vertical" preserve={false} initialValues={{ days: 30 }}>
        <Form.Item
          name="policyContentId"
          label="征求意见的政策文件（草稿）"
          rules={[{ required: true, message: '请选择政策文件' }]}
        >
          <Select
            loading={policies.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            notFoundContent="没有可征求意见的政策文件草稿"
          />
        </Form.Item>
        <Form.Item name="title" label="公告标题（不填则按文件名生成）">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label="征求意见说明">
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Space>
          <Form.Item
            name="opensAt"
            label="开始时间（北京时间）"
            rules={[{ required: true, message: '请选择开始时间' }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="days" label="征求意见天数（7–90，一般不少于 30 天）">
            <InputNumber min={7} max={90} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function SolicitationsPage() {
  usePageTitle('意见征集');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { user } = useAuth();
  const canManage = user?.capabilities.includes('participation.manage') ?? false;
  const list = useLoad(siteId ? () => api.get<SolicitationList>(`/api/solicitations?siteId=${siteId}`) : null, [
    siteId,
  ]);
  const [opened, setOpened] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const busy = useBusy<number>();

  const submit = async (s: SolicitationSummary) => {
    const done = await busy.run(() => api.post(`/api/solicitations/${s.id}/submit`), { key: s.id });
    if (done === undefined) return;
    toastSuccess('征求意见公告已提交信息发布审查');
    void list.reload();
  };

  const columns: TableColumnsType<SolicitationSummary> = [
    {
      title: '征集',
      dataIndex: 'title',
      render: (v: string, s) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpened(s.id)}
        >
          {v}
        </Button>
      ),
    },
    { title: '阶段', dataIndex: 'phaseName', width: 120, render: (v: string) => <Tag>{v}</Tag> },
    {
      title: '征集时间',
      key: 'period',
      width: 270,
      render: (_, s) => `${formatMinute(s.opensAt)} 至 ${formatMinute(s.closesAt)}`,
    },
    { title: '意见', dataIndex: 'comments', width: 70 },
    {
      title: '待审核',
      dataIndex: 'pending',
      width: 80,
      render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
    },
    {
      title: '反馈',
      key: 'feedback',
      width: 200,
      render: (_, s) =>
        s.feedbackPublishedAt ? (
          <Tag color="green">已于 {formatMinute(s.feedbackPublishedAt).slice(0, 10)} 发布</Tag>
        ) : s.phase !== 'closed' ? (
          '—'
        ) : (
          <Tag color={s.feedbackOverdue ? 'red' : 'blue'}>
            {s.feedbackOverdue ? '已超期' : '应'}于 {s.feedbackDue} 前发布
          </Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, s) => (
        <Space>
          <Button size="small" onClick={() => setOpened(s.id)}>
            意见
          </Button>
          {canManage && (s.status === 'draft' || s.status === 'in_review') ? (
            <Popconfirm title="将征求意见公告提交信息发布审查？" onConfirm={() => void submit(s)}>
              <Button size="small" type="primary" loading={busy.key === s.id}>
                提交审查
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="意见征集"
        scope={scope}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建意见征集
            </Button>
          ) : undefined
        }
      />
      <Table<SolicitationSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 项` }}
      />
      {siteId ? (
        <NewSolicitation
          siteId={siteId}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void list.reload();
          }}
        />
      ) : null}
      <SolicitationDrawer
        id={opened}
        canManage={canManage}
        onClose={() => setOpened(null)}
        onChanged={() => void list.reload()}
      />
    </Space>
  );
}
