import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Spin, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, useAuth } from './auth';
import { FeedbackBridge } from './feedback';
import { AppLayout } from './layout';
import { allowed, NAV } from './nav';
import LoginPage from './pages/LoginPage';
import ForcePasswordPage from './pages/ForcePasswordPage';
import DashboardPage from './pages/DashboardPage';
import NotFoundPage from './pages/NotFoundPage';
import './styles.css';

dayjs.locale('zh-cn');

// Secondary texts darker than antd's defaults so they meet WCAG AA contrast (4.5:1) on white.
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ea8',
    colorLink: '#1d4ea8',
    colorError: '#c9252c',
    colorSuccess: '#2f7d0b',
    colorWarning: '#ad6800',
    // Keep the light status backgrounds antd derives from its default colours (tags, alerts).
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    borderRadius: 4,
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

// One chunk per management page, loaded on first visit.
const SitePage = lazy(() => import('./pages/SitePage'));
const ColumnsPage = lazy(() => import('./pages/ColumnsPage'));
const DepartmentsPage = lazy(() => import('./pages/DepartmentsPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const SecurityPolicyPage = lazy(() => import('./pages/SecurityPolicyPage'));
const LockedUsersPage = lazy(() => import('./pages/LockedUsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const StatsPage = lazy(() => import('./pages/stats/StatsPage'));
const InboxPage = lazy(() => import('./pages/content/InboxPage'));
const ReviewPage = lazy(() => import('./pages/content/ReviewPage'));
const ContentListPage = lazy(() => import('./pages/content/ContentListPage'));
const ContentEditorPage = lazy(() => import('./pages/content/ContentEditorPage'));
const RegisterPage = lazy(() => import('./pages/content/RegisterPage'));
const DutyPage = lazy(() => import('./pages/content/DutyPage'));
const DictionariesPage = lazy(() => import('./pages/content/DictionariesPage'));
const InspectionRunsPage = lazy(() => import('./pages/inspection/RunsPage'));
const InspectionReportPage = lazy(() => import('./pages/inspection/ReportPage'));
const InspectionTrendPage = lazy(() => import('./pages/inspection/TrendPage'));
const InspectionSchedulesPage = lazy(() => import('./pages/inspection/SchedulesPage'));
const SearchSynonymsPage = lazy(() => import('./pages/search/SynonymsPage'));
const SearchCardsPage = lazy(() => import('./pages/search/ServiceCardsPage'));
const SearchReportPage = lazy(() => import('./pages/search/SearchReportPage'));
const CalendarYearsPage = lazy(() => import('./pages/calendar/CalendarYearsPage'));
const CitizensPage = lazy(() => import('./pages/citizens/CitizensPage'));
const ServiceItemsPage = lazy(() => import('./pages/services/ServiceItemsPage'));
const GuideEditorPage = lazy(() => import('./pages/services/GuideEditorPage'));
const GuideDashboardPage = lazy(() => import('./pages/services/GuideDashboardPage'));
const ApplicationsPage = lazy(() => import('./pages/services/ApplicationsPage'));
const ApplicationPage = lazy(() => import('./pages/services/ApplicationPage'));
const RatingsPage = lazy(() => import('./pages/services/RatingsPage'));
const ServiceStatsPage = lazy(() => import('./pages/services/ServiceStatsPage'));

const PAGES: Record<string, ReactNode> = {
  '/site': <SitePage />,
  '/columns': <ColumnsPage />,
  '/departments': <DepartmentsPage />,
  '/users': <UsersPage />,
  '/security/policy': <SecurityPolicyPage />,
  '/security/locked': <LockedUsersPage />,
  '/audit': <AuditPage />,
  '/stats': <StatsPage />,
  '/inbox': <InboxPage />,
  '/content': <ContentListPage />,
  '/register': <RegisterPage />,
  '/duty': <DutyPage />,
  '/dictionaries': <DictionariesPage />,
  '/inspection/runs': <InspectionRunsPage />,
  '/inspection/trend': <InspectionTrendPage />,
  '/inspection/schedules': <InspectionSchedulesPage />,
  '/search/synonyms': <SearchSynonymsPage />,
  '/search/cards': <SearchCardsPage />,
  '/search/report': <SearchReportPage />,
  '/calendar': <CalendarYearsPage />,
  '/citizens': <CitizensPage />,
  '/services/items': <ServiceItemsPage />,
  '/services/dashboard': <GuideDashboardPage />,
  '/services/applications': <ApplicationsPage />,
  '/services/ratings': <RatingsPage />,
  '/services/stats': <ServiceStatsPage />,
};

const Loading = () => (
  <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
    <Spin size="large" description="正在加载…" />
  </div>
);

function Guarded({ path, children }: { path: string; children: ReactNode }) {
  const { user } = useAuth();
  const item = NAV.flatMap((g) => g.items).find((i) => i.path === path);
  if (!user || !item || !allowed(item, user.capabilities)) {
    return <Result status="403" title="没有权限" subTitle="您的账号没有访问此页面的权限，如需开通请联系系统管理员。" />;
  }
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Root() {
  const { state, refresh } = useAuth();
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <Result
          status="error"
          title="无法连接管理后台"
          subTitle={state.message}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              重试
            </Button>
          }
        />
      );
    case 'anonymous':
      return <LoginPage notice={state.notice} />;
    case 'authenticated':
      if (state.user.mustChangePassword || state.user.passwordExpired) return <ForcePasswordPage />;
      return (
        <Routes>
          <Route element={<AppLayout />}>
            <Route index element={<DashboardPage />} />
            {Object.entries(PAGES).map(([path, element]) => (
              <Route key={path} path={path.slice(1)} element={<Guarded path={path}>{element}</Guarded>} />
            ))}
            <Route
              path="inspection/runs/:id"
              element={
                <Guarded path="/inspection/runs">
                  <InspectionReportPage />
                </Guarded>
              }
            />
            <Route
              path="inbox/:requestId"
              element={
                <Guarded path="/inbox">
                  <ReviewPage />
                </Guarded>
              }
            />
            <Route
              path="content/new"
              element={
                <Guarded path="/content">
                  <ContentEditorPage />
                </Guarded>
              }
            />
            <Route
              path="content/:id"
              element={
                <Guarded path="/content">
                  <ContentEditorPage />
                </Guarded>
              }
            />
            <Route
              path="services/items/:itemId"
              element={
                <Guarded path="/services/items">
                  <GuideEditorPage />
                </Guarded>
              }
            />
            <Route
              path="services/applications/:applicationId"
              element={
                <Guarded path="/services/applications">
                  <ApplicationPage />
                </Guarded>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      );
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* autoInsertSpace off: two-character labels stay “登录”, not “登 录” (also their accessible names). */}
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <FeedbackBridge />
        <BrowserRouter basename="/admin">
          <AuthProvider>
            <Root />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
