// The editor page's dialogs: 提交审查 (the 附件3 form), 定时发布/定时撤稿, 撤稿.
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError, isSessionError } from '../../api';
import { errorText, showError, toastSuccess } from '../../feedback';
import { formatDateTime, fromShanghaiPicker, shanghaiNowPicker, shanghaiPickerValue } from '../../format';
import { FindingsList } from '../prepublish/Findings';
import {
  RELEASE_HELP,
  SECRET_HELP,
  type ContentDetail,
  type Finding,
  type ReleaseForm,
  type SecretAnswer,
  type SubmitResult,
} from './model';
import { refreshReviewCounts } from '../review/reviewCounts';

/** Findings from a 422 PREPUBLISH_BLOCKED answer, if that is what the error is. */
export function blockedFindings(err: unknown): Finding[] | null {
  if (err instanceof ApiError && err.code === 'PREPUBLISH_BLOCKED') {
    const d = err.details as { findings?: Finding[] } | undefined;
    return Array.isArray(d?.findings) ? d.findings : [];
  }
  return null;
}

interface SubmitValues {
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
}

export function SubmitModal(props: {
  open: boolean;
  item: ContentDetail;
  department: string | null;
  column: string;
  onClose: () => void;
  onDone: (result: SubmitResult) => void;
}) {
  const { item } = props;
  const [form] = Form.useForm<SubmitValues>();
  const secret = Form.useWatch('secret', form);
  const releaseForm = Form.useWatch('releaseForm', form);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<{ message: string; findings: Finding[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: SubmitValues) => {
    setBusy(true);
    setBlocked(null);
    setError(null);
    try {
      const result = await api.post<SubmitResult>(`/api/content/${item.id}/submit`, values);
      void refreshReviewCounts();
      props.onDone(result);
    } catch (err) {
      const findings = blockedFindings(err);
      if (findings) setBlocked({ message: errorText(err), findings });
      else if (!isSessionError(err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="提交信息发布审查"
      open={props.open}
      onCancel={props.onClose}
      width={720}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={secret === '是'}
          loading={busy}
          onClick={() => form.submit()}
          data-testid="submit-review-confirm"
        >
          {secret === '是' ? '登记为涉密不发布' : '提交审查'}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        按《信息发布审查登记表》（附件3）填写。提交后由工作机构（审核人）审查、分管领导审批，同意后由系统发布，发布时间由系统在发布时确定。
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="部门">
          {props.department ?? <Typography.Text type="danger">您的账号未设置所属部门，不能提交审查</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="信息名称">{item.title}</Descriptions.Item>
        <Descriptions.Item label="网站发布栏目">{props.column}</Descriptions.Item>
        <Descriptions.Item label="提交的版本">第 {item.version} 版</Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {blocked && (
        <Alert
          type="error"
          role="alert"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${blocked.message}。请按下列提示修改后再提交：`}
          description={<FindingsList findings={blocked.findings} />}
          data-testid="prepublish-blocked"
        />
      )}
      <Form<SubmitValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ releaseForm: '网站公开' }}
        requiredMark
      >
        <Form.Item
          label="是否涉密"
          name="secret"
          rules={[{ required: true, message: '请选择是否涉密' }]}
          extra={secret ? SECRET_HELP[secret] : '请按保密规定如实判断。'}
        >
          <Radio.Group
            options={[
              { value: '否', label: '否' },
              { value: '是', label: '是' },
              { value: '不明确', label: '不明确' },
            ]}
          />
        </Form.Item>
        {secret === '是' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="选择“是”：此信息将登记为涉密不发布"
            description="涉密信息一律不得在网站发布。提交后该信息永远不能在网站发布，也不能再编辑；登记记录保留。"
          />
        )}
        <Form.Item
          label="发布形式"
          name="releaseForm"
          rules={[{ required: true, message: '请选择发布形式' }]}
          extra={releaseForm ? RELEASE_HELP[releaseForm] : undefined}
        >
          <Radio.Group
            options={[
              { value: '网站公开', label: '网站公开' },
              { value: '依申请提供', label: '依申请提供' },
              { value: '其他', label: '其他' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ScheduleValues {
  publishAt: Dayjs | null;
  withdrawAt: Dayjs | null;
}

// The pickers hold Asia/Shanghai wall-clock times (see format.ts), whatever the browser's zone.
const notPast = (d: Dayjs) => d.endOf('day').isBefore(shanghaiNowPicker());

export function ScheduleModal(props: {
  open: boolean;
  item: ContentDetail;
  onClose: () => void;
  onDone: (detail: ContentDetail) => void;
}) {
  const { item } = props;
  const [form] = Form.useForm<ScheduleValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canPublishAt = item.status !== 'published';

  const submit = async (v: ScheduleValues) => {
    setBusy(true);
    setError(null);
    try {
      const body: { publishAt?: string | null; withdrawAt?: string | null } = {
        withdrawAt: v.withdrawAt ? fromShanghaiPicker(v.withdrawAt) : null,
      };
      if (canPublishAt) body.publishAt = v.publishAt ? fromShanghaiPicker(v.publishAt) : null;
      const detail = await api.post<ContentDetail>(`/api/content/${item.id}/schedule`, body);
      toastSuccess('定时设置已保存');
      props.onDone(detail);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'BACKDATING')
        setError(`${err.message}。发布时间由系统在发布时确定，不能倒填：只能选择晚于现在的时间。`);
      else if (!isSessionError(err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
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
      confirmLoading={busy}
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
            disabledDate={notPast}
            disabled={!canPublishAt}
            style={{ width: 240 }}
            data-testid="schedule-publish-at"
          />
        </Form.Item>
        <Form.Item label="定时撤稿时间（北京时间）" name="withdrawAt" rules={[{ validator: future }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={notPast}
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
  const [busy, setBusy] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await api.post(`/api/content/${props.item.id}/withdraw`, { reason: reason.trim() });
      toastSuccess('已撤稿，信息已从网站撤下');
      props.onDone();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`撤稿：${props.item.title}`}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="确认撤稿"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
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

export function SubmitResultText({ result }: { result: SubmitResult }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>登记序号：{result.serial}</span>
      <span>当前状态：{result.stateName}</span>
    </Space>
  );
}
