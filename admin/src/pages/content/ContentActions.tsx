// The editor page's dialogs: 定时发布/定时撤稿 and 撤稿 (提交审查 is the review module's SubmitModal).
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api';
import { showIn, useBusy } from '../../components/busy';
import type { ContentDetail } from '../../../../src/modules/content/content.schema.ts';
import { toastSuccess } from '../../feedback';
import { formatDateTime, sentence } from '../../format';
import { fromShanghaiPicker, shanghaiNowPicker, shanghaiPickerValue } from '../../time';

interface ScheduleValues {
  publishAt: Dayjs | null;
  withdrawAt: Dayjs | null;
}

// The pickers hold Asia/Shanghai wall-clock times (see time.ts), whatever the browser's zone. A past time is
// refused by the form's validator with a message, not by disabling dates: a disabled date typed into the
// field was silently dropped, and 保存 then cleared the schedule with a success message.

export function ScheduleModal(props: {
  open: boolean;
  item: ContentDetail;
  onClose: () => void;
  onDone: (detail: ContentDetail) => void;
}) {
  const { item } = props;
  const [form] = Form.useForm<ScheduleValues>();
  const busy = useBusy();
  const [error, setError] = useState<string | null>(null);
  const canPublishAt = item.status !== 'published';

  const submit = (v: ScheduleValues) => {
    setError(null);
    return busy.run(
      async () => {
        const body: { publishAt?: string | null; withdrawAt?: string | null } = {
          withdrawAt: v.withdrawAt ? fromShanghaiPicker(v.withdrawAt) : null,
        };
        if (canPublishAt) body.publishAt = v.publishAt ? fromShanghaiPicker(v.publishAt) : null;
        const detail = await api.post<ContentDetail>(`/api/content/${item.id}/schedule`, body);
        toastSuccess('定时设置已保存');
        props.onDone(detail);
      },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'BACKDATING')
            setError(`${sentence(err.message)}发布时间由系统在发布时确定，不能倒填：只能选择晚于现在的时间。`);
          else showIn(setError)(err);
        },
      },
    );
  };

  const future = (_: unknown, v: Dayjs | null) =>
    v && !v.isAfter(shanghaiNowPicker())
      ? Promise.reject(new Error('只能选择晚于现在的时间（发布时间不能倒填）'))
      : Promise.resolve();

  return (
    <Modal
      title="定时发布 / 定时撤稿"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy.busy}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="发布时间由系统在发布时确定，不能倒填"
        description="定时发布只能选择将来的时间：信息须先经审查同意，到时由系统自动发布，网站上的发布时间（PubDate）即实际发布的时刻；若审批同意时已过设定时间，则立即发布。定时撤稿到时自动从网站撤下。留空表示取消定时。"
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          publishAt: shanghaiPickerValue(item.publishAt),
          withdrawAt: shanghaiPickerValue(item.withdrawAt),
        }}
      >
        <Form.Item
          label="定时发布时间（北京时间）"
          name="publishAt"
          rules={[{ validator: future }]}
          extra={canPublishAt ? undefined : `已于 ${formatDateTime(item.firstPublishedAt)} 发布，不能再设定发布时间。`}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            needConfirm={false}
            disabled={!canPublishAt}
            style={{ width: 240 }}
            data-testid="schedule-publish-at"
          />
        </Form.Item>
        <Form.Item label="定时撤稿时间（北京时间）" name="withdrawAt" rules={[{ validator: future }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            needConfirm={false}
            style={{ width: 240 }}
            data-testid="schedule-withdraw-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WithdrawModal(props: { open: boolean; item: ContentDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const busy = useBusy();
  const submit = ({ reason }: { reason: string }) =>
    busy.run(async () => {
      await api.post(`/api/content/${props.item.id}/withdraw`, { reason: reason.trim() });
      toastSuccess('已撤稿，信息已从网站撤下');
      props.onDone();
    });
  return (
    <Modal
      title={`撤稿：${props.item.title}`}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="确认撤稿"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy.busy}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="撤稿后该信息将立即从网站撤下"
        description="信息本身、版本记录、审查登记和审计记录都会保留；如需重新发布，须修改后再次提交审查。"
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label="撤稿理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写撤稿理由' },
            { min: 2, message: '撤稿理由至少 2 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
