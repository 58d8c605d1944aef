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
    labelVi: 'Báo cáo định kỳ',
    labelEn: 'Periodic reports',
  },
  {
    path: '/reports/entry',
    component: lazy(() => import('./EntryPage')),
    menuKey: '/reports',
    labelVi: 'Nhập số liệu báo cáo',
    labelEn: 'Report data entry',
    menu: false,
  },
  {
    path: '/reports/late',
    component: lazy(() => import('./LateUnitsPage')),
    menuKey: '/reports/late',
    labelVi: 'Đơn vị chậm trễ',
    labelEn: 'Late units',
  },
  {
    path: '/reports/timeliness',
    component: lazy(() => import('./TimelinessPage')),
    menuKey: '/reports/timeliness',
    labelVi: 'Tình hình nộp báo cáo',
    labelEn: 'Submission timeliness',
  },
];

export default reportingRoutes;
