import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Dropdown, Flex, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Language } from '../i18n';
import { BrandMark, BrandName, LanguageSwitch, useApiFeedback } from '../ui';
import { NotificationBell } from '../features/notifications';
import { FullPageSpin } from './FullPageSpin';
import { ADMIN_ICON, ADMIN_ITEMS, MODULES, selectedKey } from './navigation';
import { changeLanguage, signOut, useMe } from './session';

const COLLAPSE_KEY = 'guanxi.siderCollapsed';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSE_KEY) === '1');
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    location.pathname.startsWith('/admin')
      ? ['admin']
      : location.pathname.startsWith('/analytics')
        ? ['analytics']
        : [],
  );

  const items = useMemo<MenuProps['items']>(() => {
    if (!me) return [];
    const label = (key: string, text: string, soon?: boolean) => (
      <span data-testid={`menu-${key}`}>
        {text}
        {soon ? (
          <Tag
            variant="filled"
            style={{
              marginInlineStart: 8,
              fontSize: 11,
              lineHeight: '16px',
              paddingInline: 5,
              background: 'rgba(255,255,255,0.08)',
              color: 'rgba(255,255,255,0.5)',
            }}
          >
            {t('nav.soon')}
          </Tag>
        ) : null}
      </span>
    );
    const adminChildren = ADMIN_ITEMS.filter((item) => !item.visible || item.visible(me)).map((item) => ({
      key: item.key,
      icon: item.icon,
      label: label(item.key, t(item.labelKey)),
    }));
    return [
      ...MODULES.filter((item) => !item.visible || item.visible(me)).map((item) => {
        const children = item.children
          ?.filter((c) => !c.visible || c.visible(me))
          .map((c) => ({ key: c.key, icon: c.icon, label: label(c.key, t(c.labelKey)) }));
        return {
          key: item.key,
          icon: item.icon,
          label: label(item.key, t(item.labelKey), item.comingSoon),
          ...(children ? { children } : {}),
        };
      }),
      ...(adminChildren.length
        ? [{ key: 'admin', icon: ADMIN_ICON, label: label('admin', t('nav.admin')), children: adminChildren }]
        : []),
    ];
  }, [me, t]);

  const paths = useMemo(
    () =>
      new Map(
        [...MODULES, ...ADMIN_ITEMS]
          .flatMap((item) => [item, ...(item.children ?? [])])
          .map((item) => [item.key, item.path]),
      ),
    [],
  );

  const onLanguage = (lng: Language) => {
    changeLanguage(queryClient, lng, true).catch((error: unknown) => showError(error));
  };

  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'password') navigate('/profile#password');
    if (key === 'logout') {
      void signOut(queryClient).finally(() => navigate('/login', { replace: true }));
    }
  };

  if (!me) return <FullPageSpin />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={(value) => {
          setCollapsed(value);
          window.localStorage.setItem(COLLAPSE_KEY, value ? '1' : '0');
        }}
        width={240}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'hidden' }}
      >
        <Flex
          align="center"
          gap={10}
          style={{ height: 56, paddingInline: collapsed ? 24 : 18, cursor: 'pointer' }}
          onClick={() => navigate('/')}
        >
          <BrandMark size={30} />
          {collapsed ? null : <BrandName color="#fff" size={16} />}
        </Flex>
        {/* The menu scrolls in the space between the brand and the collapse trigger, so no item ever
            lies under the trigger (the menu has grown longer than a laptop screen). */}
        <div style={{ height: 'calc(100vh - 56px - 48px)', overflowY: 'auto', overflowX: 'hidden' }}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={[selectedKey(location.pathname)]}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={setOpenKeys}
            onClick={({ key }) => {
              const path = paths.get(key);
              if (path) navigate(path);
            }}
            data-testid="side-menu"
          />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            paddingInline: 24,
            height: 56,
            lineHeight: '56px',
            borderBottom: '1px solid #e8ebf0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Typography.Text strong style={{ fontSize: 15 }} data-testid="org-name">
            {me.orgName}
          </Typography.Text>
          <Flex align="center" gap={8}>
            <NotificationBell />
            <LanguageSwitch onChange={onLanguage} />
            <Dropdown
              trigger={['click']}
              menu={{
                onClick: onUserMenu,
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
                  { key: 'password', icon: <LockOutlined />, label: t('header.changePassword') },
                  { type: 'divider' },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="sign-out">{t('header.signOut')}</span>,
                  },
                ],
              }}
            >
              <Flex
                align="center"
                gap={8}
                style={{ cursor: 'pointer', paddingInline: 8 }}
                data-testid="user-menu"
              >
                <Avatar size={28} style={{ background: '#1d4ed8' }}>
                  {me.name.slice(0, 1).toUpperCase()}
                </Avatar>
                <span>{me.name}</span>
                <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 24px', fontSize: 12 }}>
          关系 Guanxi CRM · {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
