// One message as the office handles it: the citizen's words, the time limits, the trail of who did what, the
// replies (with their review state) and the steps this staff member may take now — 分办, 转办 (with reason),
// 无效留言 (with the reason the citizen sees), 签收, 退回, the reply draft with the published excerpt, submission into
// the release review (附件3), and 办结 of a 找错 ticket.
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { Items } from '../../api-types';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema';
import type { Deadline, DraftRequest, MessageDetail } from '../../../../src/modules/interaction/interaction.schema';

export function DeadlineTag({ d, label }: { d: Deadline; label: string }) {
  if (d.completed) return <Tag color="green">{label}已完成</Tag>;
  if (!d.due) return <Tag>{label}：—</Tag>;
  const color = d.overdue ? 'red' : d.daysLeft <= 1 ? 'orange' : 'blue';
  const text = d.overdue ? `已超期（${d.due}）` : `${d.due} 前（剩 ${d.daysLeft} 个工作日）`;
  return (
    <Tag color={color}>
      {label}：{text}
      {d.estimated ? '（估算）' : ''}
    </Tag>
  );
}

/** The fields of the draft the user has already filled in, so that a late template does not wipe them. */
function typedSoFar(values: Partial<DraftRequest>): Partial<DraftRequest> {
  const typed: Partial<DraftRequest> = { body: values.body ?? '' };
  if (values.excerptTitle) typed.excerptTitle = values.excerptTitle;
  if (values.excerptBody) typed.excerptBody = values.excerptBody;
  return typed;
}

type Ask = { action: 'assign' | 'transfer' | 'invalid' | 'return' | 'close'; title: string };

export function MessageDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useLoad(id ? () => api.get<MessageDetail>(`/api/messages/${id}`) : null, [id]);
  const siteId = detail.data?.message.siteId;
  const departments = useLoad(
    siteId ? () => api.get<Items<DepartmentView>>(`/api/sites/${siteId}/departments`) : null,
    [siteId],
  );
  const [ask, setAsk] = useState<Ask | null>(null);
  const [askForm] = Form.useForm<{ departmentId?: number; reason?: string }>();
  const [draft] = Form.useForm<DraftRequest>();
  const [busy, setBusy] = useState(false);
  const d = detail.data;
  const actions = new Set(d?.actions ?? []);
  const current = d?.replies.filter((r) => r.round === d.message.round).at(-1);

  useEffect(() => {
    if (!d?.actions.includes('draft')) return;
    const open = d.replies.filter((r) => r.round === d.message.round).at(-1);
    if (open && (open.state === 'draft' || open.state === 'returned'))
      draft.setFieldsValue({
        body: open.body,
        excerptTitle: open.excerptTitle,
        excerptBody: open.excerptBody,
        publish: open.publish,
      });
    else
      void api
        .get<Omit<DraftRequest, 'body'>>(`/api/messages/${d.message.id}/draft-template`)
        // The template arrives after the form is shown; whatever the 承办人 has typed by then stays.
        .then((t) => draft.setFieldsValue({ ...t, ...typedSoFar(draft.getFieldsValue()) }))
        .catch(showError);
  }, [d, draft]);

  const run = async (path: string, body: unknown, done: string) => {
    if (!d) return;
    setBusy(true);
    try {
      await api.post(`/api/messages/${d.message.id}/${path}`, body);
      toastSuccess(done);
      setAsk(null);
      askForm.resetFields();
      await detail.reload();
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const saveDraft = async (submit: boolean) => {
    if (!d) return;
    const values = await draft.validateFields();
    setBusy(true);
    try {
      await api.put(`/api/messages/${d.message.id}/draft`, values);
      if (submit) await api.post(`/api/messages/${d.message.id}/submit-reply`, {});
      toastSuccess(submit ? '答复已提交审核（附件3 登记）' : '草稿已保存');
      await detail.reload();
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirmAsk = async () => {
    if (!ask) return;
    const v = await askForm.validateFields();
    const done = {
      assign: '已分办',
      transfer: '已转办',
      invalid: '已作为无效留言处理',
      return: '已退回分办',
      close: '已办结',
    };
    const body =
      ask.action === 'assign'
        ? { departmentId: v.departmentId }
        : ask.action === 'transfer'
          ? { departmentId: v.departmentId, reason: v.reason ?? '' }
          : ask.action === 'close'
            ? { note: v.reason ?? '' }
            : { reason: v.reason ?? '' };
    await run(ask.action, body, done[ask.action]);
  };

  const m = d?.message;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={m ? `${m.trackingNo} ${m.title}` : '留言'}
      destroyOnHidden
    >
      {m && d ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color="blue">{m.channelName}</Tag>
            <Tag>{m.category}</Tag>
            <Tag color={m.state === 'invalid' ? 'default' : 'geekblue'}>{m.stateName}</Tag>
            {m.state !== 'replied' && m.state !== 'closed' && m.state !== 'invalid' ? (
              <>
                <DeadlineTag d={m.deadlines.sign} label="签收" />
                <DeadlineTag d={m.deadlines.reply} label="答复" />
              </>
            ) : null}
          </Space>
          {m.unansweredDays !== null && m.unansweredDays >= 60 ? (
            <Alert
              type={m.unansweredDays >= 90 ? 'error' : 'warning'}
              showIcon
              title={`已 ${m.unansweredDays} 天未答复：超过 3 个月未答复即触发“互动回应差”单项否决（${formatDateTime(m.vetoLineAt).slice(0, 10)}）`}
            />
          ) : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="留言人">{m.submitter}</Descriptions.Item>
            <Descriptions.Item label="留言时间">{formatDateTime(m.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="承办部门">{m.departmentName ?? '待分办'}</Descriptions.Item>
            {m.pageUrl ? <Descriptions.Item label="出错页面">{m.pageUrl}</Descriptions.Item> : null}
            <Descriptions.Item label="留言内容">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="附件">
              {m.attachments.length
                ? m.attachments.map((a) => (
                    <a key={a.fileId} href={a.url}>
                      {a.name}{' '}
                    </a>
                  ))
                : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="同意公开">
              {m.publishConsent ? '同意（个人信息隐去）' : '不同意'}
            </Descriptions.Item>
            {m.invalidReason ? <Descriptions.Item label="无效理由">{m.invalidReason}</Descriptions.Item> : null}
            {m.rating ? (
              <Descriptions.Item label="评价">
                {m.rating}
                {m.ratingComment ? `：${m.ratingComment}` : ''}
              </Descriptions.Item>
            ) : null}
            {m.secondReason ? <Descriptions.Item label="二次办理理由">{m.secondReason}</Descriptions.Item> : null}
            {m.publicUrl ? (
              <Descriptions.Item label="公开页面">
                <a href={m.publicUrl} target="_blank" rel="noreferrer">
                  {m.publicUrl}
                </a>
              </Descriptions.Item>
            ) : null}
          </Descriptions>

          <Space wrap>
            {actions.has('assign') ? (
              <Button type="primary" onClick={() => setAsk({ action: 'assign', title: '分办' })}>
                分办
              </Button>
            ) : null}
            {actions.has('transfer') ? (
              <Button onClick={() => setAsk({ action: 'transfer', title: '转办' })}>转办</Button>
            ) : null}
            {actions.has('sign') ? (
              <Button type="primary" loading={busy} onClick={() => void run('sign', {}, '已签收')}>
                签收
              </Button>
            ) : null}
            {actions.has('return') ? (
              <Button onClick={() => setAsk({ action: 'return', title: '退回分办' })}>退回分办</Button>
            ) : null}
            {actions.has('release') ? (
              <Button onClick={() => void run('release', {}, '已放行')}>放行（非垃圾信息）</Button>
            ) : null}
            {actions.has('close') ? (
              <Button type="primary" onClick={() => setAsk({ action: 'close', title: '办结' })}>
                办结
              </Button>
            ) : null}
            {actions.has('invalid') ? (
              <Button danger onClick={() => setAsk({ action: 'invalid', title: '作为无效留言处理' })}>
                无效留言
              </Button>
            ) : null}
          </Space>

          {actions.has('draft') ? (
            <Form form={draft} layout="vertical" aria-label="拟写答复">
              {current?.state === 'returned' && current.returnOpinion ? (
                <Alert type="warning" showIcon title={`审核退回：${current.returnOpinion}`} />
              ) : null}
              <Form.Item
                name="body"
                label="答复内容"
                rules={[{ required: true, min: 15, message: '答复内容至少 15 个字' }]}
              >
                <Input.TextArea rows={6} maxLength={5000} showCount />
              </Form.Item>
              <Form.Item
                name="excerptTitle"
                label="公开的留言标题（个人信息已隐去，可修改；原文保留）"
                rules={[{ required: true }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="excerptBody" label="公开的留言内容" rules={[{ required: true }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item name="publish" label="答复后在网站公开" valuePropName="checked">
                <Switch disabled={!m.publishConsent} />
              </Form.Item>
              <Space>
                <Button loading={busy} onClick={() => void saveDraft(false)}>
                  保存草稿
                </Button>
                <Button type="primary" loading={busy} onClick={() => void saveDraft(true)}>
                  提交审核
                </Button>
              </Space>
            </Form>
          ) : null}

          {d.replies.length ? (
            <>
              <Typography.Title level={3}>答复</Typography.Title>
              {d.replies.map((r) => (
                <Alert
                  key={r.id}
                  type={r.state === 'approved' ? 'success' : 'info'}
                  title={`第 ${r.round} 次答复 · ${r.departmentName} · ${r.stateName}${r.approvedAt ? ` · ${formatDateTime(r.approvedAt)}` : ''}`}
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.body}</span>}
                />
              ))}
            </>
          ) : null}

          <Typography.Title level={3}>办理过程</Typography.Title>
          <Timeline
            items={d.events.map((e) => ({
              key: `${e.at}${e.action}`,
              content: (
                <span>
                  {formatDateTime(e.at)} {e.actorName} {e.actionName}
                  {e.toDepartment ? ` → ${e.toDepartment}` : ''}
                  {e.note ? `：${e.note}` : ''}
                </span>
              ),
            }))}
          />
        </Space>
      ) : null}
      <Modal
        open={ask !== null}
        title={ask?.title}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void confirmAsk()}
        onCancel={() => setAsk(null)}
        destroyOnHidden
      >
        <Form form={askForm} layout="vertical">
          {ask?.action === 'assign' || ask?.action === 'transfer' ? (
            <Form.Item name="departmentId" label="承办部门" rules={[{ required: true, message: '请选择承办部门' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(departments.data?.items ?? [])
                  .filter((x) => x.mergedIntoId === null)
                  .map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
          ) : null}
          {ask && ask.action !== 'assign' ? (
            <Form.Item
              name="reason"
              label={ask.action === 'invalid' ? '理由（留言人可见）' : ask.action === 'close' ? '办结说明' : '理由'}
              rules={ask.action === 'close' ? [] : [{ required: true, message: '请填写理由' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Drawer>
  );
}
