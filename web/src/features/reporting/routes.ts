/**
 * Routes of the periodic-reporting screens, for App.tsx to wire (each behind RequireAuth) and for
 * AppLayout's menu. `menu: false` pages are reached from other pages; `menuKey` is the entry to
 * highlight while they are shown.
 */
import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/featureRoute';

export const reportingRoutes: FeatureRoute[] = [
  {
    path: '/reports',
    component: lazy(() => import('./ReportsPage')),
    menuKey: '/reports',
    labelKey: 'nav.reports',
  },
  {
    path: '/reports/entry',
    component: lazy(() => import('./EntryPage')),
    menuKey: '/reports',
    labelKey: 'nav.reportEntry',
    menu: false,
  },
  {
    path: '/reports/late',
    component: lazy(() => import('./LateUnitsPage')),
    menuKey: '/reports/late',
    labelKey: 'nav.lateUnits',
  },
  {
    path: '/reports/timeliness',
    component: lazy(() => import('./TimelinessPage')),
    menuKey: '/reports/timeliness',
    labelKey: 'nav.timeliness',
  },
];

export default reportingRoutes;
