import {
  AimOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DownOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HistoryOutlined,
  IdcardOutlined,
  LoginOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { auditRoutes } from '../features/audit/routes';
import { useLogout } from '../features/login/api';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { reportingRoutes } from '../features/reporting/routes';
import { usersRoutes } from '../features/users/routes';
import { errorMessage } from '../lib/api';
import type { FeatureRoute } from '../lib/featureRoute';
import { useMe } from '../lib/hooks';
import { LangSwitch } from './LangSwitch';

const { Header, Sider, Content } = Layout;

/** Menu keys by path prefix, longest first; the key is the path of the menu entry. */
const MENU_PATHS = [
  '/admin/users',
  '/admin/audit',
  '/reports/timeliness',
  '/reports/late',
  '/reports',
  '/account',
  '/notifications',
  '/admin/units',
  '/admin/indicators',
  '/indicators',
  '/units',
  '/open',
  '/plans',
  '/targets',
  '/tasks',
  '/my-work',
  '/rankings',
  '/reviews',
];

/** The submenu each entry sits in, so it opens when one of its pages is shown. */
const MENU_GROUP: Record<string, string> = {
  '/plans': 'plans',
  '/targets': 'plans',
  '/tasks': 'plans',
  '/my-work': 'plans',
  '/rankings': 'rankings',
  '/reviews': 'rankings',
  '/admin/units': 'admin',
  '/admin/indicators': 'admin',
  '/admin/users': 'admin',
  '/admin/audit': 'admin',
  '/reports': 'reports',
  '/reports/late': 'reports',
  '/reports/timeliness': 'reports',
};

const FEATURE_ICONS: Record<string, ReactNode> = {
  '/reports': <FileTextOutlined />,
  '/reports/late': <ScheduleOutlined />,
  '/reports/timeliness': <CarryOutOutlined />,
  '/admin/users': <TeamOutlined />,
  '/admin/audit': <HistoryOutlined />,
};

export function selectedKey(pathname: string): string {
  return MENU_PATHS.find((p) => pathname === p || pathname.startsWith(`${p}/`)) ?? '/';
}

export function Brand({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="chiso-brand">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#ffffff" fillOpacity="0.12" />
        <rect x="7" y="17" width="4" height="8" rx="1" fill="#fff" />
        <rect x="14" y="12" width="4" height="13" rx="1" fill="#fff" />
        <rect x="21" y="7" width="4" height="18" rx="1" fill="#9fd8e6" />
      </svg>
      {!compact && (
        <span>
          chiso
          <small>{t('app.tagline')}</small>
        </span>
      )}
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const { message } = App.useApp();
  const logoutSession = useLogout();

  useEffect(() => {
    // Tablets start with the narrow menu.
    if (screens.lg === false) setCollapsed(true);
  }, [screens.lg]);

  // The submenu of the page shown opens by itself (also after navigating from elsewhere).
  const selected = selectedKey(location.pathname);
  const group = MENU_GROUP[selected];
  const [openKeys, setOpenKeys] = useState<string[]>(group ? [group] : []);
  useEffect(() => {
    if (group && !collapsed) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
  }, [group, collapsed]);
  // A collapsed menu shows submenus as pop-ups on hover: none stays open.
  useEffect(() => {
    if (collapsed) setOpenKeys([]);
  }, [collapsed]);

  const user = me.data?.user;
  const featureItem = (r: FeatureRoute) => ({
    key: r.path,
    icon: FEATURE_ICONS[r.path],
    label: <Link to={r.path}>{t(r.labelKey)}</Link>,
  });
  const anonymous = !me.isPending && !user;

  const items: MenuProps['items'] = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    {
      key: '/indicators',
      icon: <AppstoreOutlined />,
      label: <Link to="/indicators">{t('nav.indicators')}</Link>,
    },
    { key: '/units', icon: <ApartmentOutlined />, label: <Link to="/units">{t('nav.units')}</Link> },
    {
      key: 'plans',
      icon: <ProjectOutlined />,
      label: t('nav.plansGroup'),
      children: [
        { key: '/plans', icon: <ProjectOutlined />, label: <Link to="/plans">{t('nav.plans')}</Link> },
        { key: '/targets', icon: <AimOutlined />, label: <Link to="/targets">{t('nav.targets')}</Link> },
        { key: '/tasks', icon: <CarryOutOutlined />, label: <Link to="/tasks">{t('nav.tasks')}</Link> },
        { key: '/my-work', icon: <ScheduleOutlined />, label: <Link to="/my-work">{t('nav.myWork')}</Link> },
      ],
    },
    {
      key: 'rankings',
      icon: <TrophyOutlined />,
      label: t('nav.rankingsGroup'),
      children: [
        {
          key: '/rankings',
          icon: <TrophyOutlined />,
          label: <Link to="/rankings">{t('nav.rankings')}</Link>,
        },
        { key: '/reviews', icon: <FileDoneOutlined />, label: <Link to="/reviews">{t('nav.reviews')}</Link> },
      ],
    },
    {
      key: 'reports',
      icon: <FileTextOutlined />,
      label: t('nav.reportsGroup'),
      children: reportingRoutes.filter((r) => r.menu !== false).map(featureItem),
    },
    { key: '/open', icon: <GlobalOutlined />, label: <Link to="/open">{t('nav.open')}</Link> },
  ];
  if (user?.isAdmin) {
    items.push({
      key: 'admin',
      icon: <SettingOutlined />,
      label: t('nav.admin'),
      children: [
        {
          key: '/admin/units',
          icon: <ApartmentOutlined />,
          label: <Link to="/admin/units">{t('nav.adminUnits')}</Link>,
        },
        {
          key: '/admin/indicators',
          icon: <DatabaseOutlined />,
          label: <Link to="/admin/indicators">{t('nav.adminIndicators')}</Link>,
        },
        ...[...usersRoutes, ...auditRoutes].filter((r) => r.menu !== false).map(featureItem),
      ],
    });
  }

  async function logout() {
    try {
      await logoutSession();
    } catch (err) {
      message.error(errorMessage(err));
    }
    navigate('/login', { replace: true });
  }

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div>
            <div style={{ fontWeight: 600, color: '#17232d' }}>{user?.displayName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {user?.username}
              {user?.isAdmin ? ` · ${t('user.admin')}` : ''}
            </Typography.Text>
          </div>
        ),
      },
      { type: 'divider' },
      {
        key: 'account',
        icon: <IdcardOutlined />,
        label: t('user.account'),
        onClick: () => navigate('/account'),
      },
      { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void logout() },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="chiso-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!anonymous && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
          width={232}
          collapsedWidth={screens.sm === false ? 0 : 64}
          className="chiso-sider"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {/* one screen tall and always in view; the layout around it carries its colour down a long page (styles.css) */}
          <div>
            {/* named by its visible words; when collapsed (no words) by the page it opens */}
            <Link to="/" aria-label={collapsed ? t('nav.overview') : undefined}>
              <Brand compact={collapsed} />
            </Link>
            <nav aria-label={t('nav.main')}>
              <Menu
                theme="dark"
                mode="inline"
                inlineIndent={16}
                selectedKeys={[selected]}
                openKeys={openKeys}
                onOpenChange={setOpenKeys}
                items={items}
              />
            </nav>
          </div>
        </Sider>
      )}
      <Layout>
        <Header className="chiso-header">
          {anonymous ? (
            <Link to="/open" style={{ background: '#163f52', borderRadius: 8, marginLeft: -8 }}>
              <Brand />
            </Link>
          ) : (
            <Button
              type="text"
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
            />
          )}
          <div style={{ flex: 1 }} />
          <Space size="middle">
            <LangSwitch />
            {user && <NotificationBell />}
            {user ? (
              <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                <Button
                  type="text"
                  aria-label={
                    screens.md !== false ? `${user.displayName} – ${t('user.menu')}` : t('user.menu')
                  }
                  data-testid="user-menu"
                >
                  <Space size={6}>
                    <UserOutlined />
                    {screens.md !== false && <span>{user.displayName}</span>}
                    <DownOutlined style={{ fontSize: 10 }} />
                  </Space>
                </Button>
              </Dropdown>
            ) : anonymous ? (
              <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
                <Button type="primary" icon={<LoginOutlined />}>
                  {t('login.submit')}
                </Button>
              </Link>
            ) : null}
          </Space>
        </Header>
        <Content id="main" className="chiso-content" tabIndex={-1}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
