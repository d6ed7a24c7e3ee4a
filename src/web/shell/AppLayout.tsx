import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { authEndpoints } from '../../core/auth/schema.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { moduleUis } from '../modules.ts';
import { useMe, useSession } from '../session.tsx';
import { keepView } from '../view-state.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ScopePicker } from './ScopePicker.tsx';
import { YearPicker } from './YearPicker.tsx';

/** The frame of the staff's working day: the work lines on the left, scope, year and language on top. */
export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  const view = keepView(search);
  // Below the lg breakpoint the navigation folds away behind a button in the header and opens over the page.
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const menu = useMemo(() => {
    const entries = moduleUis.flatMap((module) => module.navigation).filter((entry) => !entry.roles || entry.roles.includes(me.role));
    const groups = [...new Set(entries.sort((a, b) => a.groupOrder - b.groupOrder).map((entry) => entry.group))];
    return groups.map((group) => ({
      key: group,
      type: 'group' as const,
      label: t(group),
      children: entries
        .filter((entry) => entry.group === group)
        .map((entry) => ({ key: entry.path, icon: entry.icon ? <entry.icon /> : undefined, label: <Link to={`${entry.path}${view}`}>{t(entry.labelKey)}</Link> })),
    }));
  }, [me.role, t, view]);

  const logout = async () => {
    await call(authEndpoints.logout).catch(() => undefined);
    setMe(null);
    navigate('/login');
  };

  // The entry whose path is the longest start of the address (/appeals/warnings, not /appeals); else its first part.
  const paths = moduleUis.flatMap((module) => module.navigation.map((entry) => entry.path));
  const within = paths.filter((path) => path !== '/' && (location.pathname === path || location.pathname.startsWith(`${path}/`)));
  const selected = within.sort((a, b) => b.length - a.length)[0] ?? '/' + (location.pathname.split('/')[1] ?? '');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#content" className="skip-link">
        {t('shell.skip_to_content')}
      </a>
      <Layout.Header className="app-header" style={{ background: '#b71c1c', paddingInline: 20 }}>
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('shell.navigation')}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed((value) => !value)}
            style={{ color: '#fff' }}
            data-testid="navigation-toggle"
          />
        )}
        <h1 style={{ margin: 0, fontSize: 18, lineHeight: '32px' }}>
          <Link to={`/${view}`} style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
              {t('shell.title')}
            </Typography.Text>
            <Typography.Text className="app-subtitle" style={{ color: '#ffe0e0', marginInlineStart: 8, fontWeight: 'normal' }}>
              {t('shell.subtitle')}
            </Typography.Text>
          </Link>
        </h1>
        <div className="app-tools">
          <div className="app-scope">
            <ScopePicker />
          </div>
          <YearPicker />
          <LanguageSwitch />
        </div>
        <Dropdown
          menu={{
            items: [
              { key: 'password', label: <Link to="/password">{t('shell.change_password')}</Link> },
              { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), onClick: () => void logout() },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />} className="app-user" style={{ color: '#fff' }} data-testid="user-menu">
            <span className="app-user-name">{me.displayName} · </span>
            {t(`role.${me.role}`)}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout style={{ position: 'relative' }}>
        <Layout.Sider
          width={200}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          collapsed={collapsed}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          trigger={null}
          className={narrow ? 'app-sider app-sider-over' : 'app-sider'}
          style={{ borderInlineEnd: '1px solid #f0f0f0' }}
        >
          <nav aria-label={t('shell.navigation')}>
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              items={[{ key: '/', label: <Link to={`/${view}`}>{t('shell.home')}</Link> }, ...menu]}
              style={{ borderInlineEnd: 0 }}
              // On a phone the menu lies over the page: a choice closes it.
              onClick={() => narrow && setCollapsed(true)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="content" className="app-content" style={{ padding: 20, background: '#f5f6f8' }}>
          <Suspense fallback={<Spin tip={t('shell.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
