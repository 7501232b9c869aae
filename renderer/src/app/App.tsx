import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n';
import { WorkspaceProvider } from '../workspace/WorkspaceProvider';
import { ANTD_LOCALES } from './antd-locale';
import { AppShell } from './AppShell';
import { SettingsGate } from './SettingsGate';
import { THEME } from './theme';

export function App() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;

  // Screen readers follow the chosen language too (the window title is the screen's: AppShell).
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={THEME}>
      <AntApp>
        <SettingsGate>
          <WorkspaceProvider>
            <AppShell />
          </WorkspaceProvider>
        </SettingsGate>
      </AntApp>
    </ConfigProvider>
  );
}
