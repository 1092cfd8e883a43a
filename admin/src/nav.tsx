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
import { FileSearchOutlined, FieldTimeOutlined, LineChartOutlined } from '@ant-design/icons';
import type { Capability } from '../../src/platform/auth/roles.ts';
import { AreaChartOutlined } from '@ant-design/icons';
import { BookOutlined, FileTextOutlined, InboxOutlined, ProfileOutlined, ScheduleOutlined } from '@ant-design/icons';
import { ReviewCountBadge } from './pages/review/reviewCounts';
import { BarChartOutlined, SearchOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { CalendarOutlined, IdcardOutlined } from '@ant-design/icons';
import { NodeIndexOutlined } from '@ant-design/icons';
import { AuditOutlined as CheckListIcon, LikeOutlined } from '@ant-design/icons';

/** Anyone who writes or reviews content: the 信息发布 menu group. */
export const CONTENT_STAFF: Capability[] = ['content.write', 'content.review', 'content.approve', 'content.secrecy'];
import { DatabaseOutlined } from '@ant-design/icons';
import { BugOutlined, MessageOutlined, PieChartOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { SettingOutlined } from '@ant-design/icons';
import { CommentOutlined, FileDoneOutlined, FormOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { AimOutlined, ContainerOutlined, FundOutlined, SolutionOutlined, ToolOutlined } from '@ant-design/icons';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Any of these capabilities shows the page; none: every logged-in user. */
  capabilities: Capability[];
  /** Shown after the label (e.g. the 我的待办 count). */
  badge?: ReactNode;
}

export interface NavGroup {
  label: string | null;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  { label: null, items: [{ path: '/', label: '工作台', icon: <DashboardOutlined aria-hidden />, capabilities: [] }] },
  {
    label: '信息发布',
    items: [
      {
        path: '/inbox',
        label: '我的待办',
        icon: <InboxOutlined aria-hidden />,
        capabilities: CONTENT_STAFF,
        badge: <ReviewCountBadge />,
      },
      { path: '/content', label: '信息发布', icon: <FileTextOutlined aria-hidden />, capabilities: CONTENT_STAFF },
      { path: '/datasets', label: '数据发布', icon: <DatabaseOutlined aria-hidden />, capabilities: CONTENT_STAFF },
      { path: '/register', label: '审查登记', icon: <ProfileOutlined aria-hidden />, capabilities: CONTENT_STAFF },
      {
        path: '/review/waiting',
        label: '审查流转',
        icon: <NodeIndexOutlined aria-hidden />,
        capabilities: ['site.manage'],
      },
      {
        path: '/duty',
        label: '栏目更新',
        icon: <ScheduleOutlined aria-hidden />,
        capabilities: [...CONTENT_STAFF, 'site.manage'],
      },
      {
        path: '/dictionaries',
        label: '错敏词库',
        icon: <BookOutlined aria-hidden />,
        capabilities: [...CONTENT_STAFF, 'site.manage'],
      },
    ],
  },
  {
    label: '互动交流',
    items: [
      {
        path: '/messages',
        label: '留言办理',
        icon: <MessageOutlined aria-hidden />,
        capabilities: ['message.read', 'message.dispatch'],
      },
      {
        path: '/error-reports',
        label: '找错工单',
        icon: <BugOutlined aria-hidden />,
        capabilities: ['message.read', 'message.dispatch'],
      },
      {
        path: '/knowledge',
        label: '问答知识库',
        icon: <QuestionCircleOutlined aria-hidden />,
        capabilities: ['knowledge.write', 'knowledge.publish'],
      },
      {
        path: '/messages/stats',
        label: '留言统计',
        icon: <PieChartOutlined aria-hidden />,
        capabilities: ['message.read', 'message.dispatch'],
      },
      {
        path: '/messages/settings',
        label: '留言办理设置',
        icon: <SettingOutlined aria-hidden />,
        capabilities: ['message.settings'],
      },
    ],
  },
  {
    label: '办事服务',
    items: [
      {
        path: '/services/items',
        label: '事项目录',
        icon: <ContainerOutlined aria-hidden />,
        capabilities: ['service.manage', 'service.view'],
      },
      {
        path: '/services/dashboard',
        label: '指南检查',
        icon: <CheckListIcon aria-hidden />,
        capabilities: ['service.manage', 'service.view'],
      },
      {
        path: '/services/applications',
        label: '办件管理',
        icon: <SolutionOutlined aria-hidden />,
        capabilities: ['service.handle'],
      },
      {
        path: '/services/ratings',
        label: '好差评',
        icon: <LikeOutlined aria-hidden />,
        capabilities: ['service.handle'],
      },
      {
        path: '/services/stats',
        label: '办事统计',
        icon: <FundOutlined aria-hidden />,
        capabilities: ['service.view'],
      },
    ],
  },
  {
    label: '参与与公开',
    items: [
      {
        path: '/participation/disclosure',
        label: '依申请公开',
        icon: <AuditOutlined aria-hidden />,
        capabilities: ['disclosure.handle'],
      },
      {
        path: '/participation/surveys',
        label: '公众调查',
        icon: <FormOutlined aria-hidden />,
        capabilities: ['participation.read', 'participation.manage'],
      },
      {
        path: '/participation/solicitations',
        label: '意见征集',
        icon: <CommentOutlined aria-hidden />,
        capabilities: ['participation.read', 'participation.manage'],
      },
      {
        path: '/participation/annual-reports',
        label: '年度报表',
        icon: <ReconciliationOutlined aria-hidden />,
        capabilities: ['participation.read', 'participation.manage'],
      },
      {
        path: '/participation/proposals',
        label: '建议提案',
        icon: <FileDoneOutlined aria-hidden />,
        capabilities: ['participation.read', 'participation.manage'],
      },
    ],
  },
  {
    label: '站点管理',
    items: [
      { path: '/site', label: '站点信息', icon: <GlobalOutlined aria-hidden />, capabilities: ['site.manage'] },
      { path: '/columns', label: '栏目管理', icon: <ClusterOutlined aria-hidden />, capabilities: ['column.manage'] },
      {
        path: '/departments',
        label: '部门管理',
        icon: <ApartmentOutlined aria-hidden />,
        capabilities: ['department.manage'],
      },
      { path: '/stats', label: '访问统计', icon: <AreaChartOutlined aria-hidden />, capabilities: ['site.manage'] },
      {
        path: '/calendar',
        label: '法定工作日',
        icon: <CalendarOutlined aria-hidden />,
        capabilities: ['calendar.manage'],
      },
    ],
  },
  {
    label: '站内搜索',
    items: [
      {
        path: '/search/synonyms',
        label: '同义词',
        icon: <SearchOutlined aria-hidden />,
        capabilities: ['site.manage'],
      },
      {
        path: '/search/cards',
        label: '搜索即服务',
        icon: <ThunderboltOutlined aria-hidden />,
        capabilities: ['site.manage'],
      },
      {
        path: '/search/report',
        label: '搜索报表',
        icon: <BarChartOutlined aria-hidden />,
        capabilities: ['site.manage'],
      },
    ],
  },
  {
    label: '用户与权限',
    items: [
      { path: '/users', label: '用户管理', icon: <TeamOutlined aria-hidden />, capabilities: ['user.manage'] },
      {
        path: '/citizens',
        label: '公众账号',
        icon: <IdcardOutlined aria-hidden />,
        capabilities: ['citizen.manage'],
      },
    ],
  },
  {
    label: '安全',
    items: [
      {
        path: '/security/policy',
        label: '安全策略',
        icon: <SafetyCertificateOutlined aria-hidden />,
        capabilities: ['security.policy'],
      },
      {
        path: '/security/locked',
        label: '账号锁定',
        icon: <LockOutlined aria-hidden />,
        capabilities: ['user.unlock'],
      },
    ],
  },
  {
    label: '网站检查',
    items: [
      {
        path: '/inspection/runs',
        label: '检查任务',
        icon: <FileSearchOutlined aria-hidden />,
        capabilities: ['inspection.run'],
      },
      {
        path: '/inspection/trend',
        label: '得分趋势',
        icon: <LineChartOutlined aria-hidden />,
        capabilities: ['inspection.run'],
      },
      {
        path: '/inspection/schedules',
        label: '定期检查',
        icon: <FieldTimeOutlined aria-hidden />,
        capabilities: ['inspection.run'],
      },
    ],
  },
  {
    label: '网站监管',
    items: [
      {
        path: '/supervision',
        label: '监管概览',
        icon: <AimOutlined aria-hidden />,
        capabilities: ['supervision.manage'],
      },
      {
        path: '/supervision/registry',
        label: '监管对象',
        icon: <ContainerOutlined aria-hidden />,
        capabilities: ['supervision.manage'],
      },
      {
        path: '/supervision/plans',
        label: '抽查计划',
        icon: <SolutionOutlined aria-hidden />,
        capabilities: ['supervision.manage'],
      },
      {
        path: '/supervision/rectifications',
        label: '整改任务',
        icon: <ToolOutlined aria-hidden />,
        capabilities: ['supervision.respond'],
      },
      {
        path: '/supervision/assessment',
        label: '年度考核',
        icon: <FundOutlined aria-hidden />,
        capabilities: ['supervision.manage'],
      },
    ],
  },
  {
    label: '审计',
    items: [{ path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, capabilities: ['audit.read'] }],
  },
];

export const allowed = (item: NavItem, capabilities: readonly string[]): boolean =>
  item.capabilities.length === 0 || item.capabilities.some((c) => capabilities.includes(c));

/** The groups and items the staff member may see; empty groups are dropped. */
export function visibleNav(capabilities: readonly string[]): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => allowed(i, capabilities)) })).filter(
    (g) => g.items.length > 0,
  );
}
