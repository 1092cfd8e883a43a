import { Alert, Button, Card, Typography } from 'antd';
import { useAuth, useMe } from '../../auth';
import { toastSuccess } from '../../feedback';
import { APP_TITLE, usePageTitle } from '../../hooks';
import { PasswordForm } from '../../components/PasswordForm';

/** Shown instead of the whole console while the password must be changed (first login, or expired). */
export default function ForcePasswordPage() {
  usePageTitle('修改密码');
  const me = useMe();
  const { refresh, logout } = useAuth();
  const reason = me.mustChangePassword
    ? '这是您首次登录或密码已被管理员重置，请先设置新的登录密码。'
    : '您的密码已超过有效期，请设置新的登录密码后继续使用。';

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <Card style={{ width: 460, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {APP_TITLE} · {me.displayName}（{me.username}）
        </Typography.Paragraph>
        <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} />
        <PasswordForm
          username={me.username}
          onDone={async () => {
            toastSuccess('密码已修改');
            await refresh();
          }}
        />
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button type="link" onClick={() => void logout()}>
            退出登录
          </Button>
        </div>
      </Card>
    </main>
  );
}
