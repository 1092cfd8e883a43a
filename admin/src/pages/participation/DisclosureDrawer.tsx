// One 依申请公开 application as the office handles it: the applicant's request, the statutory clock, the timeline of
// every step, and the steps the procedure still allows — 补正 notice (once, within 7 working days), registering a
// 补正 received by letter, extension (with the approver), third-party consultation and its reply, the fee notice and
// payment, and the answer with its disposition (drafted from the disposition, then edited).
import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad } from '../../hooks';
import type {
  AnswerBody,
  ApplicationDetail,
  ExtensionBody,
  FeeNoticeBody,
  RulesView,
} from '../../../../src/modules/disclosure/disclosure.schema';
import { ClockTag } from './ClockTag';

type Step = 'correction' | 'supplement' | 'extension' | 'consultation' | 'reply' | 'fee' | 'answer';

const STEP_TITLES: Record<Step, string> = {
  correction: '发出补正通知',
  supplement: '登记申请人提交的补正',
  extension: '延长答复期限',
  consultation: '书面征求第三方意见',
  reply: '登记第三方意见',
  fee: '发出信息处理费收费通知',
  answer: '答复',
};

interface StepValues {
  items?: string;
  deadline?: Dayjs;
  text?: string;
  description?: string;
  days?: number;
  approver?: string;
  reason?: string;
  party?: string;
  reply?: string;
  method?: FeeNoticeBody['method'];
  quantity?: number;
  disposition?: AnswerBody['disposition'];
  replyText?: string;
}

/** The request body of each step, from the form's values. */
function bodyOf(step: Step, v: StepValues): unknown {
  switch (step) {
    case 'correction':
      return {
        items: (v.items ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
      };
    case 'supplement':
      return { text: v.text ?? '', ...(v.description ? { description: v.description } : {}) };
    case 'extension':
      return { days: v.days ?? 0, approver: v.approver ?? '', reason: v.reason ?? '' } satisfies ExtensionBody;
    case 'consultation':
      return { party: v.party ?? '' };
    case 'reply':
      return { reply: v.reply ?? '' };
    case 'fee':
      return { method: v.method ?? 'per_item', quantity: v.quantity ?? 1 } satisfies FeeNoticeBody;
    case 'answer':
      return {
        disposition: v.disposition,
        ...(v.reason ? { reason: v.reason } : {}),
        replyText: v.replyText ?? '',
      } satisfies AnswerBody;
  }
}

function pathOf(step: Step, id: number, consultationId: number | null): string {
  const base = `/api/disclosure/applications/${id}`;
  if (step === 'reply') return `${base}/consultations/${consultationId}/reply`;
  if (step === 'consultation') return `${base}/consultations`;
  return `${base}/${step}`;
}

function Applicant({ a }: { a: ApplicationDetail }) {
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="编号">{a.serial}</Descriptions.Item>
      <Descriptions.Item label="状态">{a.statusName}</Descriptions.Item>
      <Descriptions.Item label="申请人">
        {a.applicantName}（{a.applicantTypeLabel}）
      </Descriptions.Item>
      <Descriptions.Item label="证件号码">{a.idNumber}</Descriptions.Item>
      {a.contactPerson ? <Descriptions.Item label="联系人">{a.contactPerson}</Descriptions.Item> : null}
      <Descriptions.Item label="联系电话">{a.phone}</Descriptions.Item>
      {a.email ? <Descriptions.Item label="电子邮箱">{a.email}</Descriptions.Item> : null}
      {a.address ? <Descriptions.Item label="通信地址">{a.address}</Descriptions.Item> : null}
      <Descriptions.Item label="收到时间">{formatMinute(a.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label="法定期限">
        <ClockTag clock={a.clock} />
      </Descriptions.Item>
      <Descriptions.Item label="所需信息" span={2}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.description}</Typography.Paragraph>
      </Descriptions.Item>
      {a.docNumber ? <Descriptions.Item label="文号">{a.docNumber}</Descriptions.Item> : null}
      {a.purpose ? <Descriptions.Item label="用途">{a.purpose}</Descriptions.Item> : null}
      {a.dispositionName ? (
        <Descriptions.Item label="办理结果" span={2}>
          {a.dispositionName}
          {a.dispositionReason ? `（${a.dispositionReason}）` : ''}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function Progress({ a }: { a: ApplicationDetail }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {a.correction ? (
        <Alert
          type={a.correction.correctedAt ? 'success' : 'warning'}
          title={`补正通知（${formatMinute(a.correction.sentAt)}，补正期限 ${a.correction.deadline}）`}
          description={
            <>
              <ol style={{ margin: 0 }}>
                {a.correction.items.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ol>
              {a.correction.correctedAt
                ? `已于 ${formatMinute(a.correction.correctedAt)} 补正：${a.correction.text ?? ''}`
                : null}
            </>
          }
        />
      ) : null}
      {a.extension ? (
        <Alert
          type="info"
          title={`已延期 ${a.extension.days} 个工作日（批准人：${a.extension.approver}）`}
          description={a.extension.reason}
        />
      ) : null}
      {a.consultations.map((c) => (
        <Alert
          key={c.id}
          type={c.repliedAt ? 'success' : 'warning'}
          title={`征求 ${c.party} 意见（${formatMinute(c.sentAt)}，应于 ${c.dueOn} 前答复）`}
          description={c.repliedAt ? `${formatMinute(c.repliedAt)} 答复：${c.reply ?? ''}` : '尚未答复'}
        />
      ))}
      {a.fee ? (
        <Alert
          type={a.fee.paidAt ? 'success' : 'warning'}
          title={`信息处理费 ${a.fee.amount} 元（${a.fee.method === 'per_item' ? '按件计收' : '按量计收'}，${a.fee.quantity}）`}
          description={a.fee.paidAt ? `已于 ${formatMinute(a.fee.paidAt)} 缴费` : `应于 ${a.fee.deadline} 前缴费`}
        />
      ) : null}
      {a.replyText ? (
        <Alert
          type="success"
          title={`答复书（${formatMinute(a.answeredAt)}）`}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{a.replyText}</div>}
        />
      ) : null}
    </Space>
  );
}

export function DisclosureDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useLoad(id ? () => api.get<ApplicationDetail>(`/api/disclosure/applications/${id}`) : null, [id]);
  const rules = useLoad(() => api.get<RulesView>('/api/disclosure/rules'), []);
  const [step, setStep] = useState<Step | null>(null);
  const [consultationId, setConsultationId] = useState<number | null>(null);
  const [form] = Form.useForm<StepValues>();
  const busy = useBusy<string>();
  const a = detail.data;
  const answered = a?.status === 'answered';

  const begin = (s: Step, cid: number | null = null) => {
    form.resetFields();
    setConsultationId(cid);
    setStep(s);
  };

  const submit = async () => {
    if (!a || !step) return;
    const values = await form.validateFields();
    const done = await busy.run(() => api.post(pathOf(step, a.id, consultationId), bodyOf(step, values)), {
      onError: (err) => showFormError(form, err),
    });
    if (done === undefined) return;
    toastSuccess(`${STEP_TITLES[step]}：已完成`);
    setStep(null);
    void detail.reload();
    onChanged();
  };

  const draft = async () => {
    if (!a) return;
    const { disposition, reason } = form.getFieldsValue();
    if (!disposition) {
      form.setFields([{ name: 'disposition', errors: ['请先选择办理结果'] }]);
      return;
    }
    const q = new URLSearchParams({ disposition, ...(reason ? { reason } : {}) });
    const got = await busy.run(() =>
      api.get<{ replyText: string }>(`/api/disclosure/applications/${a.id}/draft?${q.toString()}`),
    );
    if (got) form.setFieldValue('replyText', got.replyText);
  };

  const disposition = Form.useWatch('disposition', form);
  const needsReason = rules.data?.dispositions.find((d) => d.code === disposition)?.needsReason ?? false;
  const groups = [...new Set(rules.data?.dispositions.map((d) => d.groupLabel) ?? [])];
  const openConsultations = a?.consultations.filter((c) => !c.repliedAt) ?? [];

  const actions = a && !answered && (
    <Space wrap>
      {a.correctionAllowedUntil && !a.correction ? (
        <Button onClick={() => begin('correction')}>补正通知（{a.correctionAllowedUntil} 前）</Button>
      ) : null}
      {a.status === 'correction' ? <Button onClick={() => begin('supplement')}>登记补正</Button> : null}
      {!a.extension ? <Button onClick={() => begin('extension')}>延期答复</Button> : null}
      <Button onClick={() => begin('consultation')}>征求第三方意见</Button>
      {openConsultations.map((c) => (
        <Button key={c.id} onClick={() => begin('reply', c.id)}>
          登记 {c.party} 的意见
        </Button>
      ))}
      {!a.fee ? <Button onClick={() => begin('fee')}>收费通知</Button> : null}
      {a.fee && !a.fee.paidAt ? (
        <Button
          loading={busy.key === 'paid'}
          onClick={() =>
            void busy
              .run(() => api.post(`/api/disclosure/applications/${a.id}/fee-paid`), { key: 'paid' })
              .then((r) => {
                if (r === undefined) return;
                toastSuccess('已登记缴费');
                void detail.reload();
                onChanged();
              })
          }
        >
          登记已缴费
        </Button>
      ) : null}
      <Button type="primary" onClick={() => begin('answer')}>
        答复
      </Button>
    </Space>
  );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={900}
      title={a ? `${a.serial} 依申请公开` : '依申请公开'}
      loading={detail.loading && !a}
      extra={a ? <Tag>{a.statusName}</Tag> : null}
    >
      {a ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {!answered ? <Alert type={a.clock.overdue ? 'error' : 'info'} title={`下一步：${a.next}`} showIcon /> : null}
          {actions}
          <Applicant a={a} />
          <Progress a={a} />
          <Typography.Title level={4}>办理过程</Typography.Title>
          <Timeline
            items={a.events.map((e) => ({
              content: (
                <>
                  <Typography.Text strong>{e.label}</Typography.Text>　{formatMinute(e.at)}　{e.actorName}
                  {e.detail ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.detail}</div> : null}
                </>
              ),
            }))}
          />
          {a.deliveries.length > 0 ? (
            <>
              <Typography.Title level={4}>通知送达</Typography.Title>
              <ul>
                {a.deliveries.map((d) => (
                  <li key={`${d.createdAt}-${d.kind}-${d.target}`}>
                    {d.subject}（{d.channel} → {d.target}，{d.status}
                    {d.sentAt ? `，${formatMinute(d.sentAt)}` : ''}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Space>
      ) : null}
      <Modal
        open={step !== null}
        title={step ? STEP_TITLES[step] : ''}
        onCancel={() => setStep(null)}
        onOk={() => void submit()}
        okText="确定"
        confirmLoading={busy.busy}
        width={step === 'answer' ? 760 : 520}
        destroyOnHidden
      >
        <Form<StepValues> form={form} layout="vertical" preserve={false}>
          {step === 'correction' ? (
            <>
              <Form.Item
                name="items"
                label="需要补正的事项（每行一项）"
                rules={[{ required: true, message: '请填写补正事项' }]}
              >
                <Input.TextArea rows={4} maxLength={3000} />
              </Form.Item>
              <Form.Item name="deadline" label="补正期限（不填为合理期限）">
                <DatePicker />
              </Form.Item>
            </>
          ) : null}
          {step === 'supplement' ? (
            <>
              <Form.Item name="text" label="补正内容" rules={[{ required: true, message: '请填写补正内容' }]}>
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
              <Form.Item name="description" label="补正后的所需信息描述（选填）">
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            </>
          ) : null}
          {step === 'extension' ? (
            <>
              <Form.Item
                name="days"
                label={`延长的工作日数（最长 ${rules.data?.limits.maxExtension ?? 20} 个）`}
                rules={[{ required: true, message: '请填写延长天数' }]}
              >
                <InputNumber min={1} max={rules.data?.limits.maxExtension ?? 20} />
              </Form.Item>
              <Form.Item
                name="approver"
                label="批准人（政府信息公开工作机构负责人）"
                rules={[{ required: true, message: '请填写批准人' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
          {step === 'consultation' ? (
            <Form.Item
              name="party"
              label="征求意见的第三方或其他机关"
              extra={`第三方应在 ${rules.data?.limits.consultationDays ?? 15} 个工作日内提出意见，期间不计入答复期限。`}
              rules={[{ required: true, message: '请填写第三方' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          ) : null}
          {step === 'reply' ? (
            <Form.Item
              name="reply"
              label="第三方意见（逾期未答复的请注明）"
              rules={[{ required: true, message: '请填写第三方意见' }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : null}
          {step === 'fee' ? (
            <>
              <Form.Item name="method" label="计费方式" initialValue="per_item" rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: 'per_item', label: '按件计收' },
                    { value: 'per_volume', label: '按量计收' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="quantity"
                label="当月第几件申请，或页数"
                initialValue={a?.nthThisMonth ?? 1}
                rules={[{ required: true, message: '请填写数量' }]}
              >
                <InputNumber min={1} max={100000} />
              </Form.Item>
            </>
          ) : null}
          {step === 'answer' ? (
            <>
              <Form.Item name="disposition" label="办理结果" rules={[{ required: true, message: '请选择办理结果' }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={groups.map((g) => ({
                    label: g,
                    options: (rules.data?.dispositions ?? [])
                      .filter((d) => d.groupLabel === g)
                      .map((d) => ({ value: d.code, label: d.label })),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label="理由或依据"
                rules={[{ required: needsReason, message: '这一办理结果须写明理由' }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Button onClick={() => void draft()} loading={busy.busy} style={{ marginBottom: 12 }}>
                按办理结果生成答复书草稿
              </Button>
              <Form.Item name="replyText" label="答复书正文" rules={[{ required: true, message: '请填写答复书' }]}>
                <Input.TextArea rows={12} maxLength={20000} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Drawer>
  );
}
