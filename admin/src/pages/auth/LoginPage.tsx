import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useBusy } from '../../components/busy';
import { errorText } from '../../feedback';
import { APP_TITLE, usePageTitle } from '../../hooks';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage({ notice }: { notice: string | null }) {
  usePageTitle('登录');
  const { login } = useAuth();
  const [form] = Form.useForm<Values>();
  const submitting = useBusy();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    return submitting.run(() => login(values.username.trim(), values.password), {
      onError: (err) => {
        setError(errorText(err));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #1d4ea8 0%, #f0f2f5 55%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginTop: 0 }}>
          {APP_TITLE}
        </Typography.Title>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            role="alert"
            data-testid="login-error"
            style={{ marginBottom: 16 }}
          />
        ) : notice ? (
          <Alert
            type="warning"
            showIcon
            title={notice}
            role="status"
            data-testid="login-notice"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} aria-label="登录">
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={submitting.busy} block>
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </main>
  );
}
