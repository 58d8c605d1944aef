import type { lazy } from 'react';

/** A page a feature folder offers, for App.tsx (the route) and AppLayout (the menu entry). */
export interface FeatureRoute {
  path: string;
  component: ReturnType<typeof lazy>;
  /** The menu entry to highlight while the page is shown. */
  menuKey: string;
  /** The i18next key of the page's name (in the menu). */
  labelKey: string;
  /** Only administrators (RequireAuth admin). */
  admin?: boolean;
  /** Show in the menu (default true). */
  menu?: boolean;
}
