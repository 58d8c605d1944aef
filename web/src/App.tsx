import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, theme as antTheme, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import {
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useEffect,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  createBrowserRouter,
  Navigate,
  Route,
  RouterProvider,
  Routes,
  useLocation,
  useNavigate,
} from 'react-router';
import { AppLayout } from './components/AppLayout';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorState, PageSkeleton } from './components/PageStates';
import { auditRoutes } from './features/audit/routes';
import { notificationRoutes } from './features/notifications/routes';
import { reportingRoutes } from './features/reporting/routes';
import { usersRoutes } from './features/users/routes';
import { ApiError, setUnauthorizedHandler } from './lib/api';
import { useLang, useMe } from './lib/hooks';
import { UnsavedGuard } from './lib/unsavedGuard';

const LoginPage = lazy(() => import('./features/login/LoginPage'));
const OverviewPage = lazy(() => import('./features/overview/OverviewPage'));
const IndicatorListPage = lazy(() => import('./features/indicators/IndicatorListPage'));
const IndicatorPage = lazy(() => import('./features/indicators/IndicatorPage'));
const UnitsPage = lazy(() => import('./features/units/UnitsPage'));
const OpenDataPage = lazy(() => import('./features/open/OpenDataPage'));
const OpenIndicatorPage = lazy(() => import('./features/open/OpenIndicatorPage'));
const AdminUnitsPage = lazy(() => import('./features/admin/AdminUnitsPage'));
const AdminIndicatorsPage = lazy(() => import('./features/admin/AdminIndicatorsPage'));
const PlansPage = lazy(() => import('./features/plans/PlansPage'));
const PlanPage = lazy(() => import('./features/plans/PlanPage'));
const TargetsPage = lazy(() => import('./features/plans/TargetsPage'));
const TargetPage = lazy(() => import('./features/plans/TargetPage'));
const TaskBoardPage = lazy(() => import('./features/plans/TaskBoardPage'));
const MyWorkPage = lazy(() => import('./features/plans/MyWorkPage'));
const RankingsPage = lazy(() => import('./features/rankings/RankingsPage'));
const ReviewsPage = lazy(() => import('./features/rankings/ReviewsPage'));
const NotFoundPage = lazy(() => import('./components/NotFoundPage'));
const WallPage = lazy(() => import('./features/overview/WallPage'));

/** Pages behind login, by path (lazy-loaded). */
const PROTECTED: Array<[string, LazyExoticComponent<ComponentType>]> = [
  ['/indicators', IndicatorListPage],
  ['/indicators/:code', IndicatorPage],
  ['/units', UnitsPage],
  ['/plans', PlansPage],
  ['/plans/:code', PlanPage],
  ['/targets', TargetsPage],
  ['/targets/:id', TargetPage],
  ['/tasks', TaskBoardPage],
  ['/my-work', MyWorkPage],
  ['/rankings', RankingsPage],
  ['/reviews', ReviewsPage],
];

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, err) => {
        if (err instanceof ApiError && err.status > 0 && err.status < 500) return false;
        return count < 2;
      },
    },
  },
});

/**
 * A data router (so pages can block leaving with unsaved edits, `useBlocker`) around the app's
 * `<Routes>` tree.
 */
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <>
        <UnauthorizedRedirect />
        <UnsavedGuard />
        <ErrorBoundary>
          <AppRoutes />
        </ErrorBoundary>
      </>
    ),
  },
]);

export const PRIMARY = '#1f5f7a';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed>
        <RouterProvider router={router} />
      </Themed>
    </QueryClientProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const lang = useLang();
  const { t } = useTranslation();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'vi');
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : viVN}
      theme={{
        algorithm: antTheme.defaultAlgorithm,
        token: {
          colorPrimary: PRIMARY,
          colorInfo: PRIMARY,
          colorSuccess: '#25774b',
          // secondary text, placeholders and labels at ≥ 4.5:1 on white (antd's defaults are 0.45 / 0.25 black)
          colorTextDescription: '#5a6672',
          colorTextTertiary: '#5a6672',
          colorTextPlaceholder: '#67717c',
          colorError: '#c2423a',
          colorWarning: '#c98a1b',
          // clear, light info banners and selected rows (derived from the primary they came out grey)
          colorInfoBg: '#eaf5fa',
          colorInfoBorder: '#a9d3e5',
          controlItemBgActive: '#e2f1f7',
          controlItemBgActiveHover: '#d2e9f3',
          borderRadius: 8,
          fontFamily: "'Be Vietnam Pro', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
          fontSize: 14,
        },
        components: {
          Layout: { siderBg: '#163f52', headerBg: '#ffffff', bodyBg: '#f3f6f8' },
          Menu: { darkItemBg: '#163f52', darkSubMenuItemBg: '#12364a', darkItemSelectedBg: '#2f7f8f' },
          Card: { headerFontSize: 15 },
          Table: { rowSelectedBg: '#e8f4f9', rowSelectedHoverBg: '#d9edf5' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** 401 from any API call: go to /login inside the SPA and come back afterwards. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(['me'], null);
      const { pathname, search } = window.location;
      if (pathname.startsWith('/login') || pathname.startsWith('/open')) return;
      navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
  }, [navigate]);
  return null;
}

function Lazy({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageSkeleton />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function RequireAuth({ children, admin }: { children: ReactNode; admin?: boolean }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (admin && !me.data.user.isAdmin)
    return <ErrorState title={t('errors.forbiddenTitle')} error={t('errors.forbidden')} />;
  return <>{children}</>;
}

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Lazy>
            <LoginPage />
          </Lazy>
        }
      />
      <Route
        path="/ioc/wall"
        element={
          <RequireAuth>
            <Lazy>
              <WallPage />
            </Lazy>
          </RequireAuth>
        }
      />
      <Route element={<AppLayout />}>
        <Route
          path="/open"
          element={
            <Lazy>
              <OpenDataPage />
            </Lazy>
          }
        />
        <Route
          path="/open/:code"
          element={
            <Lazy>
              <OpenIndicatorPage />
            </Lazy>
          }
        />
        <Route
          index
          element={
            <RequireAuth>
              <Lazy>
                <OverviewPage />
              </Lazy>
            </RequireAuth>
          }
        />
        {PROTECTED.map(([path, Page]) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireAuth>
                <Lazy>
                  <Page />
                </Lazy>
              </RequireAuth>
            }
          />
        ))}
        {[...reportingRoutes, ...usersRoutes, ...auditRoutes, ...notificationRoutes].map(
          ({ path, component: Page, admin }) => (
            <Route
              key={path}
              path={path}
              element={
                <RequireAuth admin={admin}>
                  <Lazy>
                    <Page />
                  </Lazy>
                </RequireAuth>
              }
            />
          ),
        )}
        <Route path="/admin" element={<Navigate to="/admin/units" replace />} />
        <Route
          path="/admin/units"
          element={
            <RequireAuth admin>
              <Lazy>
                <AdminUnitsPage />
              </Lazy>
            </RequireAuth>
          }
        />
        <Route
          path="/admin/indicators"
          element={
            <RequireAuth admin>
              <Lazy>
                <AdminIndicatorsPage />
              </Lazy>
            </RequireAuth>
          }
        />
        <Route
          path="*"
          element={
            <Lazy>
              <NotFoundPage />
            </Lazy>
          }
        />
      </Route>
    </Routes>
  );
}
