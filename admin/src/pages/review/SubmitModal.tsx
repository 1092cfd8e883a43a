// 提交审查: the 信息发布审查登记表 (附件3) an editor fills to submit an item — 是否涉密, 发布形式 — and what the
// pre-publish checks block.
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Modal, Radio, Typography } from 'antd';
import type { Finding } from '../../../../src/modules/prepublish/prepublish.schema.ts';
import { api, ApiError } from '../../api';
import { showIn, useBusy } from '../../components/busy';
import type { ContentDetail } from '../../../../src/modules/content/content.schema.ts';
import type { ReleaseForm, SecretAnswer, SubmitResult } from '../../../../src/modules/review/review.schema.ts';
import { errorText } from '../../feedback';
import { sentence } from '../../format';
import { FindingsList } from '../prepublish/Findings';
import { RELEASE_HELP, SECRET_HELP } from './labels';
import { refreshReviewCounts } from './reviewCounts';

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
  const busy = useBusy();
  const [blocked, setBlocked] = useState<{ message: string; findings: Finding[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (values: SubmitValues) => {
    setBlocked(null);
    setError(null);
    return busy.run(
      async () => {
        const result = await api.post<SubmitResult>(`/api/content/${item.id}/submit`, values);
        void refreshReviewCounts();
        props.onDone(result);
      },
      {
        onError: (err) => {
          const findings = blockedFindings(err);
          if (findings) setBlocked({ message: errorText(err), findings });
          else showIn(setError)(err);
        },
      },
    );
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
          loading={busy.busy}
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
          title={`${sentence(blocked.message)}请按下列提示修改后再提交：`}
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
