import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Button, Layout, Menu, Modal, Space, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useMe } from './auth';
import { toastSuccess } from './feedback';
import { APP_TITLE } from './hooks';
import { CONTENT_STAFF, visibleNav } from './nav';
import { PasswordForm } from './components/PasswordForm';
import { NotificationBell } from './pages/duty/NotificationBell';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useMe();
  const { logout, refresh } = useAuth();
  const location = useLocation();
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
          <Button ghost icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
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
