/** Routes of the notifications feature, for App.tsx to wire (behind RequireAuth). */
import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/featureRoute';

export const notificationRoutes: FeatureRoute[] = [
  {
    path: '/notifications',
    component: lazy(() => import('./NotificationsPage')),
    menuKey: '/notifications',
    labelKey: 'notifications.title',
    menu: false,
  },
];

export default notificationRoutes;
