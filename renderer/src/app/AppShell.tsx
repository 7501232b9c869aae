import { Flex, Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../demo/DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { SCREEN_GROUPS, type ScreenKey } from './routes';
import { SCREENS, screenOf } from './screens';
import { StartupNotices } from './StartupNotices';
import { useScreenAnnouncement } from './use-screen-announcement';
import { useScreenRoute } from './use-screen-route';

const MAIN_ID = 'main-content';

export function AppShell() {
  const { t } = useTranslation();
  const [screenKey, navigate] = useScreenRoute();
  const screen = screenOf(screenKey);
  const Screen = screen.component;
  useScreenAnnouncement(MAIN_ID, t('app.windowTitle', { screen: t(`nav.${screen.label}`) }));

  return (
    <Layout className="app-shell">
      {/* A button, not a #link: the hash holds the current screen. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById(MAIN_ID)?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Layout.Sider className="app-sider" width={208} theme="light">
        <div className="app-brand">{t('app.title')}</div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[screen.key]}
            onClick={({ key }) => navigate(key as ScreenKey)}
            items={SCREEN_GROUPS.map((group) => ({
              type: 'group' as const,
              key: `group-${group}`,
              label: t(`nav.groups.${group}`),
              children: SCREENS.filter((s) => s.group === group).map((s) => ({
                key: s.key,
                icon: s.icon,
                label: t(`nav.${s.label}`),
                // Selected is a colour; screen readers hear "current page".
                'aria-current': s.key === screen.key ? ('page' as const) : undefined,
              })),
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout className="app-body">
        {/* The screen's name is its h1, once; the bar keeps the language switch. */}
        <Layout.Header className="app-header">
          <LanguageSwitch />
        </Layout.Header>
        <Layout.Content id={MAIN_ID} className="app-content" tabIndex={-1}>
          <Flex vertical gap="large">
            {/* Inside the settings gate: reading the settings is what finds a damaged settings file. */}
            <StartupNotices />
            <DemoBanner />
            <Suspense
              fallback={
                <Flex justify="center" role="status" aria-label={t('app.screenLoading')}>
                  <Spin />
                </Flex>
              }
            >
              <Screen />
            </Suspense>
          </Flex>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
