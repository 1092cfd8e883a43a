import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, useAuth } from './auth';
import { PageLoading } from './components/busy';
import { NoAccess } from './components/NoAccess';
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
    colorWarning: '#8f5600',
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
    // 'processing' tags (定时发布) take the info colour: antd's #1677ff on its light blue is only 3.66:1.
    colorInfo: '#1d4ea8',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
  },
  components: {
    // Tags of the preset colours write in shade 7 on shade 1: darker shades where antd's fall below 4.5:1.
    // A table's “no data” text is written in the disabled colour (1.83:1 on white): the tertiary text colour instead.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
    Tag: {
      orange7: '#8f4700',
      green7: '#2b6e0a',
      cyan7: '#006d75',
      gold7: '#8a5a00',
      volcano7: '#a8300a',
      lime7: '#4f7300',
    },
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
const PreviewPage = lazy(() => import('./pages/content/PreviewPage'));
const WaitingPage = lazy(() => import('./pages/review/WaitingPage'));
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
const ServiceItemsPage = lazy(() => import('./pages/services/ServiceItemsPage'));
const GuideEditorPage = lazy(() => import('./pages/services/GuideEditorPage'));
const GuideDashboardPage = lazy(() => import('./pages/services/GuideDashboardPage'));
const ApplicationsPage = lazy(() => import('./pages/services/ApplicationsPage'));
const ApplicationPage = lazy(() => import('./pages/services/ApplicationPage'));
const RatingsPage = lazy(() => import('./pages/services/RatingsPage'));
const ServiceStatsPage = lazy(() => import('./pages/services/ServiceStatsPage'));
const DatasetListPage = lazy(() => import('./pages/datasets/DatasetListPage'));
const DatasetEditorPage = lazy(() => import('./pages/datasets/DatasetEditorPage'));
const MessagesPage = lazy(() => import('./pages/interaction/MessagesPage'));
const ErrorReportsPage = lazy(() => import('./pages/interaction/ErrorReportsPage'));
const KnowledgePage = lazy(() => import('./pages/interaction/KnowledgePage'));
const InteractionStatsPage = lazy(() => import('./pages/interaction/InteractionStatsPage'));
const MessageSettingsPage = lazy(() => import('./pages/interaction/MessageSettingsPage'));
const DisclosurePage = lazy(() => import('./pages/participation/DisclosurePage'));
const SurveysPage = lazy(() => import('./pages/participation/SurveysPage'));
const SolicitationsPage = lazy(() => import('./pages/participation/SolicitationsPage'));
const ProposalsPage = lazy(() => import('./pages/participation/ProposalsPage'));
const AnnualReportsPage = lazy(() => import('./pages/participation/AnnualReportsPage'));
const SupervisionDashboardPage = lazy(() => import('./pages/supervision/SupervisionDashboardPage'));
const SupervisionRegistryPage = lazy(() => import('./pages/supervision/RegistryPage'));
const SupervisionPlansPage = lazy(() => import('./pages/supervision/PlansPage'));
const SupervisionRectificationsPage = lazy(() => import('./pages/supervision/RectificationsPage'));
const SupervisionAssessmentPage = lazy(() => import('./pages/supervision/AssessmentPage'));

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
  '/review/waiting': <WaitingPage />,
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
  '/datasets': <DatasetListPage />,
  '/messages': <MessagesPage />,
  '/error-reports': <ErrorReportsPage />,
  '/knowledge': <KnowledgePage />,
  '/messages/stats': <InteractionStatsPage />,
  '/messages/settings': <MessageSettingsPage />,
  '/participation/disclosure': <DisclosurePage />,
  '/participation/surveys': <SurveysPage />,
  '/participation/solicitations': <SolicitationsPage />,
  '/participation/proposals': <ProposalsPage />,
  '/participation/annual-reports': <AnnualReportsPage />,
  '/supervision': <SupervisionDashboardPage />,
  '/supervision/registry': <SupervisionRegistryPage />,
  '/supervision/plans': <SupervisionPlansPage />,
  '/supervision/rectifications': <SupervisionRectificationsPage />,
  '/supervision/assessment': <SupervisionAssessmentPage />,
};

function Guarded({ path, children }: { path: string; children: ReactNode }) {
  const { user } = useAuth();
  const item = NAV.flatMap((g) => g.items).find((i) => i.path === path);
  if (!user || !item || !allowed(item, user.capabilities)) return <NoAccess capabilities={item?.capabilities ?? []} />;
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
            <Route
              path="datasets/:id"
              element={
                <Guarded path="/datasets">
                  <DatasetEditorPage />
                </Guarded>
              }
            />
            {/* Any staff member may ask; the server decides who is entitled to the draft. */}
            <Route
              path="preview/:id"
              element={
                <Suspense fallback={<PageLoading />}>
                  <PreviewPage />
                </Suspense>
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
