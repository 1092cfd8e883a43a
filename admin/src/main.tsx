import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, useAuth } from './auth';
import { PageLoading } from './components/busy';
import { FeedbackBridge } from './feedback';
import { AppLayout } from './layout';
import { allowed, NAV } from './nav';
import LoginPage from './pages/auth/LoginPage';
import ForcePasswordPage from './pages/auth/ForcePasswordPage';
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
const SitePage = lazy(() => import('./pages/sites/SitePage'));
const ColumnsPage = lazy(() => import('./pages/columns/ColumnsPage'));
const DepartmentsPage = lazy(() => import('./pages/departments/DepartmentsPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const SecurityPolicyPage = lazy(() => import('./pages/security/SecurityPolicyPage'));
const LockedUsersPage = lazy(() => import('./pages/security/LockedUsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const StatsPage = lazy(() => import('./pages/stats/StatsPage'));
const InboxPage = lazy(() => import('./pages/review/InboxPage'));
const ReviewPage = lazy(() => import('./pages/review/ReviewPage'));
const ContentListPage = lazy(() => import('./pages/content/ContentListPage'));
const ContentEditorPage = lazy(() => import('./pages/content/ContentEditorPage'));
const RegisterPage = lazy(() => import('./pages/review/RegisterPage'));
const DutyPage = lazy(() => import('./pages/duty/DutyPage'));
const DictionariesPage = lazy(() => import('./pages/prepublish/DictionariesPage'));
const InspectionRunsPage = lazy(() => import('./pages/inspection/RunsPage'));
const InspectionReportPage = lazy(() => import('./pages/inspection/ReportPage'));
const InspectionTrendPage = lazy(() => import('./pages/inspection/TrendPage'));
const InspectionSchedulesPage = lazy(() => import('./pages/inspection/SchedulesPage'));
const SearchSynonymsPage = lazy(() => import('./pages/search/SynonymsPage'));
const SearchCardsPage = lazy(() => import('./pages/search/ServiceCardsPage'));
const SearchReportPage = lazy(() => import('./pages/search/SearchReportPage'));
const CalendarYearsPage = lazy(() => import('./pages/calendar/CalendarYearsPage'));
const CitizensPage = lazy(() => import('./pages/citizens/CitizensPage'));
const DatasetListPage = lazy(() => import('./pages/datasets/DatasetListPage'));
const DatasetEditorPage = lazy(() => import('./pages/datasets/DatasetEditorPage'));

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
  '/datasets': <DatasetListPage />,
};

function Guarded({ path, children }: { path: string; children: ReactNode }) {
  const { user } = useAuth();
  const item = NAV.flatMap((g) => g.items).find((i) => i.path === path);
  if (!user || !item || !allowed(item, user.capabilities)) {
    return <Result status="403" title="没有权限" subTitle="您的账号没有访问此页面的权限，如需开通请联系系统管理员。" />;
  }
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function Root() {
  const { state, refresh } = useAuth();
  switch (state.status) {
    case 'loading':
      return <PageLoading />;
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
              path="datasets/:id"
              element={
                <Guarded path="/datasets">
                  <DatasetEditorPage />
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
