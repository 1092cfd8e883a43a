import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../api';
import { showIn, useBusy } from './busy';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 当前密码 / 新密码 / 确认新密码, posted to /api/auth/password. Server messages are shown above the form. */
export function PasswordForm({ onDone, username }: { onDone: () => void | Promise<void>; username: string }) {
  const [form] = Form.useForm<Values>();
  const submitting = useBusy();
  const [error, setError] = useState<string | null>(null);

  /** The server's refusal under the password it is about, or above the form. */
  const refused = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'PASSWORD_WRONG') {
      form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
    } else if (err instanceof ApiError && (err.code === 'PASSWORD_POLICY' || err.code === 'PASSWORD_REUSED')) {
      form.setFields([{ name: 'newPassword', errors: [err.message] }]);
    } else {
      showIn(setError)(err);
    }
  };

  const submit = (values: Values) => {
    setError(null);
    return submitting.run(
      async () => {
        await api.post('/api/auth/password', {
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        });
        form.resetFields();
        await onDone();
      },
      { onError: refused },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
      <Typography.Paragraph type="secondary">
        新密码须符合本系统的密码策略：达到规定的最小长度；同时包含小写字母、大写字母、数字、符号中规定数量的类别；不能包含用户名“
        {username}”；不能与最近使用过的密码相同。若不符合，系统会列出具体原因。
      </Typography.Paragraph>
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        rules={[
          { required: true, message: '请输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error('新密码不能与当前密码相同'))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={submitting.busy} block>
          确认修改
        </Button>
      </Form.Item>
    </Form>
  );
}
