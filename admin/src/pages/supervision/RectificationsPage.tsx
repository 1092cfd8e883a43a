// 整改任务: every problem of a published result, due two calendar weeks after publication. Departments answer
// their sites' tasks with evidence; supervisors have the engine check again, which closes or reopens the task.
// Overdue tasks are highlighted.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, queryString } from '../../api';
import { useMe } from '../../auth';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { TaskStatusTag, type TaskView } from './common';

const STATUS_OPTIONS = [
  { value: 'open', label: '待整改' },
  { value: 'responded', label: '已反馈待复查' },
  { value: 'reopened', label: '复查未通过' },
  { value: 'closed', label: '已整改' },
];

export default function RectificationsPage() {
  usePageTitle('整改任务');
  const me = useMe();
  const supervisor = me.capabilities.includes('supervision.manage');
  const [params] = useSearchParams();
  const planId = Number(params.get('plan')) || undefined;
  const [status, setStatus] = useState<string | undefined>(undefined);
  const tasks = useLoad(
    () => api.get<{ items: TaskView[] }>(`/api/supervision/rectifications${queryString({ status, planId })}`),
    [status, planId],
  );
  const [answering, setAnswering] = useState<TaskView | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const recheck = async (task: TaskView) => {
    setBusy(task.id);
    try {
      await api.post(`/api/supervision/rectifications/${task.id}/recheck`);
      toastSuccess('已开始复查，检查完成后自动关闭或退回整改');
      await tasks.reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<TaskView> = [
    {
      title: '网站',
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <a href={t.siteUrl} target="_blank" rel="noreferrer">
            {t.site}
          </a>
          <Typography.Text type="secondary">{t.department}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '问题',
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t.indicatorName}</Typography.Text>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {t.evidence.slice(0, 5).map((e) => (
              <li key={`${e.url ?? ''}:${e.message}`}>
                {e.message}
                {e.url ? (
                  <>
                    {' '}
                    <a href={e.url} target="_blank" rel="noreferrer">
                      页面
                    </a>
                  </>
                ) : null}
              </li>
            ))}
            {t.evidence.length > 5 ? <li>另有 {t.evidence.length - 5} 处</li> : null}
          </ul>
        </Space>
      ),
    },
    { title: '整改期限', render: (_, t) => formatDateTime(t.dueAt) },
    {
      title: '状态',
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <span>
            <TaskStatusTag status={t.status} name={t.statusName} overdue={t.overdue} />
          </span>
          {t.recheckPending ? <Typography.Text type="secondary">复查中…</Typography.Text> : null}
          {t.recheckNote ? <Typography.Text type="secondary">{t.recheckNote}</Typography.Text> : null}
          {t.response ? <Typography.Text>反馈：{t.response}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '操作',
      render: (_, t) => (
        <Space wrap>
          {['open', 'reopened'].includes(t.status) ? (
            <Button size="small" onClick={() => setAnswering(t)}>
              反馈整改情况
            </Button>
          ) : null}
          {supervisor && t.status !== 'closed' ? (
            <Button size="small" loading={busy === t.id || t.recheckPending} onClick={() => void recheck(t)}>
              复查
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        整改任务
      </Typography.Title>
      <Card
        extra={
          <Space>
            <label htmlFor="task-status">状态</label>
            <Select
              id="task-status"
              allowClear
              style={{ width: 160 }}
              value={status}
              onChange={setStatus}
              options={STATUS_OPTIONS}
              placeholder="全部"
            />
            <Button onClick={() => void tasks.reload()}>刷新</Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          通报公开之日起2周内（不含公开当日，按日历日计算）未整改或整改不到位的，年度考核“通报整改”扣10分。已逾期的任务以红色标出。
        </Typography.Paragraph>
        <Table
          rowKey="id"
          size="middle"
          loading={tasks.loading}
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          rowClassName={(t) => (t.overdue ? 'supervision-overdue' : '')}
          onRow={(t) =>
            ({ style: t.overdue ? { background: '#fff2f0' } : undefined, 'data-testid': `task-${t.id}` }) as never
          }
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      {answering ? (
        <AnswerModal
          task={answering}
          onClose={() => setAnswering(null)}
          onSaved={async () => {
            setAnswering(null);
            await tasks.reload();
          }}
        />
      ) : null}
    </Space>
  );
}

function AnswerModal({
  task,
  onClose,
  onSaved,
}: {
  task: TaskView;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/api/supervision/rectifications/${task.id}/respond`, {
        response: v.response,
        evidence: v.evidenceUrl ? [{ name: v.evidenceName || '佐证材料', url: v.evidenceUrl }] : [],
      });
      toastSuccess('整改情况已反馈，等待复查');
      await onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`反馈整改情况：${task.site}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText="提交反馈"
      confirmLoading={saving}
    >
      <Typography.Paragraph>
        {task.indicatorName}：{task.problem}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="response"
          label="整改情况"
          rules={[{ required: true, min: 4, message: '请说明整改情况（至少4个字）' }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="evidenceName" label="佐证材料名称">
          <Input placeholder="如：整改后页面" />
        </Form.Item>
        <Form.Item
          name="evidenceUrl"
          label="佐证材料链接"
          rules={[{ pattern: /^https?:\/\//, message: '请填写以 http:// 或 https:// 开头的网址' }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
