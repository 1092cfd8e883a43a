import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Form, Input, Layout, Menu, Modal, Space, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useMe } from './auth';
import { toastSuccess } from './feedback';
import { APP_TITLE } from './hooks';
import { CONTENT_STAFF, visibleNav } from './nav';
import { PasswordForm } from './components/PasswordForm';
import { NotificationBell } from './pages/duty/NotificationBell';
import { confirmLeave, hasUnsaved } from './unsaved';
import { ApiError } from './api';

/** After a route change, focus goes to the page's heading, so a screen reader announces the new page. */
function useFocusHeadingOnRouteChange(pathname: string) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again on every route change, by design
  useEffect(() => {
    let tries = 0;
    const timer = window.setInterval(() => {
      const heading = document.querySelector<HTMLElement>('#main-content h1, #main-content h2');
      if (heading || ++tries > 40) window.clearInterval(timer);
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);
}

/** Links inside the console ask before leaving a page with unsaved changes (menu, back links, the title). */
function useLeaveGuard() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (!hasUnsaved() || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank' || a.origin !== window.location.origin) return;
      if (!a.pathname.startsWith('/admin')) return;
      e.preventDefault();
      e.stopPropagation();
      const to = `${a.pathname.slice('/admin'.length) || '/'}${a.search}`;
      void confirmLeave().then((ok) => ok && navigate(to));
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [navigate]);
}

/** Signing in again over the page after the session expired, so unsaved text is kept. */
function ReauthModal({ open, username }: { open: boolean; username: string }) {
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title="登录已超时，请重新登录"
      open={open}
      closable={false}
      maskClosable={false}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph>您正在编辑的内容仍保留在页面上；重新登录后即可继续保存。</Typography.Paragraph>
      <Form
        layout="vertical"
        initialValues={{ username }}
        onFinish={async (v: { username: string; password: string }) => {
          setError(null);
          try {
            await login(v.username, v.password);
          } catch (err) {
            setError(err instanceof ApiError ? err.message : '登录失败，请稍后再试');
          }
        }}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && (
          <Typography.Paragraph type="danger" role="alert">
            {error}
          </Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" block>
          重新登录
        </Button>
      </Form>
    </Modal>
  );
}

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useMe();
  const { logout, refresh, reauth } = useAuth();
  const location = useLocation();
  useFocusHeadingOnRouteChange(location.pathname);
  useLeaveGuard();
  const { token } = theme.useToken();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const groups = useMemo(() => visibleNav(me.capabilities), [me.capabilities]);
  type MenuItem = NonNullable<MenuProps['items']>[number];
  const items: MenuItem[] = groups.flatMap((g): MenuItem[] => {
    const entries = g.items.map((i) => ({
      key: i.path,
      icon: i.icon,
      label: (
        <Link to={i.path}>
          {i.label}
          {i.badge}
        </Link>
      ),
    }));
    return g.label ? [{ type: 'group' as const, key: `group:${g.label}`, label: g.label, children: entries }] : entries;
  });
  const selected = groups
    .flatMap((g) => g.items)
    .map((i) => i.path)
    .filter((p) =>
      p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(`${p}/`),
    )
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">
        跳到主要内容
      </a>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '0 24px',
          background: token.colorPrimary,
        }}
      >
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 18, whiteSpace: 'nowrap', flex: 1 }}>
          <Link to="/" style={{ color: 'inherit' }}>
            {APP_TITLE}
          </Link>
        </Typography.Title>
        <Space size="middle" wrap={false}>
          <NotificationBell showReview={CONTENT_STAFF.some((c) => me.capabilities.includes(c))} />
          <span style={{ color: '#fff' }} data-testid="current-user">
            <UserOutlined aria-hidden /> {me.displayName}
          </span>
          <Button ghost icon={<KeyOutlined aria-hidden />} onClick={() => setPasswordOpen(true)}>
            修改密码
          </Button>
          <Button
            ghost
            icon={<LogoutOutlined aria-hidden />}
            onClick={() =>
              void confirmLeave().then(async (ok) => {
                if (ok) await logout();
              })
            }
          >
            退出登录
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={208}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
        >
          <nav aria-label="主菜单">
            <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Sider>
        <Content id="main-content" tabIndex={-1} style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      <ReauthModal open={reauth} username={me.username} />
      <Modal title="修改密码" open={passwordOpen} onCancel={() => setPasswordOpen(false)} footer={null} destroyOnHidden>
        <PasswordForm
          username={me.username}
          onDone={async () => {
            setPasswordOpen(false);
            toastSuccess('密码已修改，本账号在其他地方的登录已失效');
            await refresh();
          }}
        />
      </Modal>
    </Layout>
  );
}
