import {
  ApartmentOutlined,
  AppstoreOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DownOutlined,
  GlobalOutlined,
  LoginOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api, errorMessage, setCsrfToken, setSessionHint } from '../lib/api';
import { useMe } from '../lib/hooks';
import { LangSwitch } from './LangSwitch';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/admin/units')) return '/admin/units';
  if (pathname.startsWith('/admin/indicators')) return '/admin/indicators';
  if (pathname.startsWith('/indicators')) return '/indicators';
  if (pathname.startsWith('/units')) return '/units';
  if (pathname.startsWith('/open')) return '/open';
  return '/';
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
  const queryClient = useQueryClient();

  useEffect(() => {
    // Tablets start with the narrow menu.
    if (screens.lg === false) setCollapsed(true);
  }, [screens.lg]);

  const user = me.data?.user;
  const anonymous = !me.isPending && !user;

  const items: MenuProps['items'] = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    {
      key: '/indicators',
      icon: <AppstoreOutlined />,
      label: <Link to="/indicators">{t('nav.indicators')}</Link>,
    },
    { key: '/units', icon: <ApartmentOutlined />, label: <Link to="/units">{t('nav.units')}</Link> },
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
      ],
    });
  }

  async function logout() {
    try {
      await api('/auth/logout', { method: 'POST', allow401: true });
    } catch (err) {
      message.error(errorMessage(err));
    }
    setCsrfToken(null);
    setSessionHint(false);
    queryClient.clear();
    queryClient.setQueryData(['me'], null);
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
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Link to="/" aria-label={t('nav.overview')}>
            <Brand compact={collapsed} />
          </Link>
          <nav aria-label={t('nav.main')}>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[selectedKey(location.pathname)]}
              defaultOpenKeys={location.pathname.startsWith('/admin') ? ['admin'] : []}
              items={items}
            />
          </nav>
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
            {user ? (
              <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                <Button type="text" aria-label={t('user.menu')} data-testid="user-menu">
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
