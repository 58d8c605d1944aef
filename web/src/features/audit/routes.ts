/** Routes of the audit feature, for App.tsx to wire (behind RequireAuth admin). */
import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/featureRoute';

export const auditRoutes: FeatureRoute[] = [
  {
    path: '/admin/audit',
    component: lazy(() => import('./AuditPage')),
    menuKey: '/admin/audit',
    labelKey: 'nav.audit',
    admin: true,
  },
];

export default auditRoutes;
