// One 意见征集 as the office handles it: the document's paragraphs, every comment with the paragraph it is about,
// moderation (公开 / 不予公开 with a note), the adoption decision with its reason once the period has closed, and
// the 意见采纳情况反馈 sent into the release review (published in the 意见反馈 column).
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad } from '../../hooks';
import type {
  AdoptBody,
  CommentView,
  ModerateBody,
  SolicitationDetail,
} from '../../../../src/modules/solicitations/solicitations.schema';

const STATUS: Record<CommentView['status'], { label: string; color: string }> = {
  pending: { label: '待审核', color: 'orange' },
  approved: { label: '已公开', color: 'green' },
  rejected: { label: '不予公开', color: 'default' },
};

type Ask = { kind: 'moderate'; comment: CommentView } | { kind: 'adopt'; comment: CommentView };

export function SolicitationDrawer({
  id,
  canManage,
  onClose,
  onChanged,
}: {
  id: number | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useLoad(id ? () => api.get<SolicitationDetail>(`/api/solicitations/${id}`) : null, [id]);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [form] = Form.useForm<{ decision?: ModerateBody['decision']; note?: string } & Partial<AdoptBody>>();
  const busy = useBusy<string>();
  const s = detail.data;
  const closed = s?.phase === 'closed';

  const changed = () => {
    void detail.reload();
    onChanged();
  };

  const open = (next: Ask) => {
    form.resetFields();
    if (next.kind === 'adopt' && next.comment.adoption)
      form.setFieldsValue({ adoption: next.comment.adoption, reason: next.comment.adoptionReason ?? '' });
    setAsk(next);
  };

  const submitAsk = async () => {
    if (!s || !ask) return;
    const v = await form.validateFields();
    const base = `/api/solicitations/${s.id}/comments/${ask.comment.id}`;
    const done = await busy.run(
      () =>
        ask.kind === 'moderate'
          ? api.post(`${base}/moderate`, { decision: v.decision, ...(v.note ? { note: v.note } : {}) })
          : api.post(`${base}/adopt`, { adoption: v.adoption, reason: v.reason ?? '' }),
      { onError: (err) => showFormError(form, err) },
    );
    if (done === undefined) return;
    toastSuccess(ask.kind === 'moderate' ? '审核结果已保存' : '采纳情况已保存');
    setAsk(null);
    changed();
  };

  const sendFeedback = async () => {
    if (!s) return;
    const done = await busy.run(() => api.post(`/api/solicitations/${s.id}/feedback`), { key: 'feedback' });
    if (done === undefined) return;
    toastSuccess('意见采纳情况反馈已提交信息发布审查');
    changed();
  };

  const paragraphs = new Map(s?.paragraphs.map((p) => [p.id, p.text]) ?? []);
  const columns: TableColumnsType<CommentView> = [
    { title: '针对', dataIndex: 'paragraphLabel', width: 110 },
    {
      title: '意见',
      dataIndex: 'text',
      render: (t: string, c) => (
        <>
          <div style={{ whiteSpace: 'pre-wrap' }}>{t}</div>
          {c.paragraphId && paragraphs.get(c.paragraphId) ? (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
              原文：{paragraphs.get(c.paragraphId)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: '提出人', dataIndex: 'authorName', width: 100 },
    { title: '时间', dataIndex: 'submittedAt', width: 140, render: (v: string) => formatMinute(v) },
    {
      title: '审核',
      dataIndex: 'status',
      width: 100,
      render: (v: CommentView['status'], c) => (
        <Tag color={STATUS[v].color} title={c.moderationNote || undefined}>
          {STATUS[v].label}
        </Tag>
      ),
    },
    {
      title: '采纳情况',
      dataIndex: 'adoption',
      width: 160,
      render: (v: string | null, c) => (v ? `${v}：${c.adoptionReason ?? ''}` : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, c) =>
        canManage ? (
          <Space>
            <Button size="small" onClick={() => open({ kind: 'moderate', comment: c })}>
              审核
            </Button>
            {closed && c.status !== 'rejected' ? (
              <Button size="small" onClick={() => open({ kind: 'adopt', comment: c })}>
                采纳
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];

  const undecided = s?.comments.filter((c) => c.status !== 'rejected' && !c.adoption).length ?? 0;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={1000}
      title={s ? `意见征集：${s.title}` : '意见征集'}
      loading={detail.loading && !s}
    >
      {s ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            {s.phaseName}；{formatMinute(s.opensAt)} 至 {formatMinute(s.closesAt)}（{s.days} 天）；共{' '}
            {s.comments.length} 条意见，{s.pending} 条待审核。
          </Typography.Text>
          {closed ? (
            <Alert
              type={s.feedbackOverdue && !s.feedbackPublishedAt ? 'error' : 'info'}
              title={
                s.feedbackPublishedAt
                  ? `意见采纳情况反馈已于 ${formatMinute(s.feedbackPublishedAt)} 发布`
                  : `意见采纳情况反馈应于 ${s.feedbackDue} 前发布${s.feedbackReviewState ? `（审查状态：${s.feedbackReviewState}）` : ''}`
              }
              description={undecided ? `还有 ${undecided} 条意见未填写采纳情况。` : undefined}
              action={
                canManage && !s.feedbackPublishedAt ? (
                  <Button
                    type="primary"
                    disabled={undecided > 0}
                    loading={busy.key === 'feedback'}
                    onClick={() => void sendFeedback()}
                  >
                    提交反馈审查
                  </Button>
                ) : null
              }
            />
          ) : null}
          <Table<CommentView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={s.comments}
            pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
          />
        </Space>
      ) : null}
      <Modal
        open={ask !== null}
        title={ask?.kind === 'moderate' ? '审核意见' : '填写采纳情况'}
        onCancel={() => setAsk(null)}
        onOk={() => void submitAsk()}
        okText="确定"
        confirmLoading={busy.busy}
        destroyOnHidden
      >
        {ask ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{ask.comment.text}</Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical" preserve={false}>
          {ask?.kind === 'moderate' ? (
            <>
              <Form.Item name="decision" label="审核结果" rules={[{ required: true, message: '请选择审核结果' }]}>
                <Radio.Group
                  options={[
                    { value: 'approve', label: '公开' },
                    { value: 'reject', label: '不予公开' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label="说明（选填）">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
          {ask?.kind === 'adopt' ? (
            <>
              <Form.Item name="adoption" label="采纳情况" rules={[{ required: true, message: '请选择采纳情况' }]}>
                <Radio.Group options={['采纳', '部分采纳', '未采纳']} />
              </Form.Item>
              <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Drawer>
  );
}
