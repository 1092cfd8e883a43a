// 安全策略: the password, lockout and session rules of 等保 2.0 (security administrator).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { api, ApiError } from '../../api';
import { showFormError, toastSuccess } from '../../feedback';
import { useBusy } from '../../components/busy';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import type { SecurityPolicyView as SecurityPolicy } from '../../../../src/modules/security/security.schema.ts';

interface Field {
  name: keyof SecurityPolicy;
  label: string;
  min: number;
  max: number;
  unit?: string;
  help?: string;
}

// Bounds as enforced by the server (POLICY_LIMITS); the inputs stop obviously invalid values early.
const SECTIONS: { title: string; fields: Field[] }[] = [
  {
    title: '密码策略',
    fields: [
      { name: 'passwordMinLength', label: '密码最小长度', min: 8, max: 64, unit: '位' },
      { name: 'passwordClasses', label: '字符类别数（小写/大写/数字/符号中至少几类）', min: 2, max: 4, unit: '类' },
      {
        name: 'passwordHistory',
        label: '不得重复最近几次密码',
        min: 0,
        max: 24,
        unit: '次',
        help: '0 表示只要求与当前密码不同',
      },
      {
        name: 'passwordMaxAgeDays',
        label: '密码有效期（天，0 为不限）',
        min: 0,
        max: 365,
        unit: '天',
        help: '到期后用户登录时必须先修改密码',
      },
    ],
  },
  {
    title: '登录失败处理',
    fields: [
      { name: 'maxFailedLogins', label: '连续失败锁定次数', min: 3, max: 10, unit: '次' },
      { name: 'lockMinutes', label: '锁定时长（分钟）', min: 5, max: 1440, unit: '分钟' },
      {
        name: 'maxFailuresPerIp',
        label: '单个 IP 失败上限',
        min: 10,
        max: 1000,
        unit: '次',
        help: '在锁定时长内，同一 IP 地址登录失败达到此数后暂停其登录',
      },
    ],
  },
  {
    title: '会话',
    fields: [
      {
        name: 'sessionIdleMinutes',
        label: '空闲超时（分钟）',
        min: 5,
        max: 120,
        unit: '分钟',
        help: '无操作超过此时长须重新登录',
      },
      {
        name: 'sessionAbsoluteHours',
        label: '会话最长时长（小时）',
        min: 1,
        max: 24,
        unit: '小时',
        help: '登录后无论是否操作，超过此时长须重新登录',
      },
    ],
  },
];

export default function SecurityPolicyPage() {
  usePageTitle('安全策略');
  const policy = useLoad(() => api.get<SecurityPolicy>('/api/security/policy'), []);
  const [form] = Form.useForm<SecurityPolicy>();
  const saving = useBusy();
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = (values: SecurityPolicy) => {
    setProblems([]);
    return saving.run(
      async () => {
        const saved = await api.put<SecurityPolicy | { ok: boolean }>('/api/security/policy', values);
        if (saved && 'passwordMinLength' in saved) policy.setData(saved);
        else await policy.reload();
        toastSuccess('安全策略已保存');
      },
      {
        onError: (err) => {
          const listed =
            err instanceof ApiError ? (err.details as { problems?: unknown } | undefined)?.problems : undefined;
          if (Array.isArray(listed)) setProblems(listed.map(String));
          showFormError(form, err);
        },
      },
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="安全策略" />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        修改后立即生效：密码规则在用户下次设置密码时检查，锁定与会话规则对之后的登录和访问生效。
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="策略未保存"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Spin spinning={policy.loading}>
        <Form<SecurityPolicy>
          form={form}
          layout="vertical"
          onFinish={save}
          disabled={!policy.data}
          data-testid="policy-form"
        >
          <Row gutter={[16, 16]}>
            {SECTIONS.map((section) => (
              <Col key={section.title} xs={24} xl={8}>
                <Card title={section.title} size="small" style={{ height: '100%' }}>
                  {section.fields.map((f) => (
                    <Form.Item
                      key={f.name}
                      label={f.label}
                      name={f.name}
                      extra={`${f.help ? `${f.help}；` : ''}允许范围 ${f.min}–${f.max}`}
                      rules={[
                        { required: true, message: '请填写' },
                        { type: 'integer', min: f.min, max: f.max, message: `应为 ${f.min}–${f.max} 之间的整数` },
                      ]}
                    >
                      <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 200 }} />
                    </Form.Item>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={saving.busy}>
              保存
            </Button>
            <Button onClick={() => policy.data && form.setFieldsValue(policy.data)}>撤销修改</Button>
          </Space>
        </Form>
      </Spin>
    </Space>
  );
}
