/** Routes of the users feature, for App.tsx to wire (each behind RequireAuth; `admin` ones behind RequireAuth admin). */
import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/featureRoute';

export const usersRoutes: FeatureRoute[] = [
  {
    path: '/admin/users',
    component: lazy(() => import('./UsersPage')),
    menuKey: '/admin/users',
    labelKey: 'nav.users',
    admin: true,
  },
  {
    path: '/account',
    component: lazy(() => import('./AccountPage')),
    menuKey: '/account',
    labelKey: 'nav.account',
    menu: false,
  },
];

export default usersRoutes;
