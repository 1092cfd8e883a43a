// The console's pages: route path, menu group and the capability that shows them.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  GlobalOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Capability } from './types';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Any of these capabilities shows the page; none: every logged-in user. */
  capabilities: Capability[];
}

export interface NavGroup {
  label: string | null;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  { label: null, items: [{ path: '/', label: '工作台', icon: <DashboardOutlined aria-hidden />, capabilities: [] }] },
  {
    label: '站点管理',
    items: [
      { path: '/site', label: '站点信息', icon: <GlobalOutlined aria-hidden />, capabilities: ['site.manage'] },
      { path: '/columns', label: '栏目管理', icon: <ClusterOutlined aria-hidden />, capabilities: ['column.manage'] },
      { path: '/departments', label: '部门管理', icon: <ApartmentOutlined aria-hidden />, capabilities: ['department.manage'] },
    ],
  },
  {
    label: '用户与权限',
    items: [{ path: '/users', label: '用户管理', icon: <TeamOutlined aria-hidden />, capabilities: ['user.manage'] }],
  },
  {
    label: '安全',
    items: [
      { path: '/security/policy', label: '安全策略', icon: <SafetyCertificateOutlined aria-hidden />, capabilities: ['security.policy'] },
      { path: '/security/locked', label: '账号锁定', icon: <LockOutlined aria-hidden />, capabilities: ['user.unlock'] },
    ],
  },
  {
    label: '审计',
    items: [{ path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, capabilities: ['audit.read'] }],
  },
];

export const allowed = (item: NavItem, capabilities: readonly Capability[]): boolean =>
  item.capabilities.length === 0 || item.capabilities.some((c) => capabilities.includes(c));

/** The groups and items the staff member may see; empty groups are dropped. */
export function visibleNav(capabilities: readonly Capability[]): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => allowed(i, capabilities)) })).filter((g) => g.items.length > 0);
}
