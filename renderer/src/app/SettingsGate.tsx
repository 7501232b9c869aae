import { Flex, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDoctorCall } from '../ipc/use-doctor-call';
import { startFirstScreen } from './screens';

/**
 * Reads the saved settings before showing the app, so an English user never sees a flash of Chinese,
 * and waits for the first screen's code (fetched meanwhile), so that screen appears at once.
 * If the settings cannot be read, the app still opens (in Chinese) and says so.
 */
export function SettingsGate({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const call = useDoctorCall();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let current = true;
    void call('settings.get', undefined, 'loadSettings')
      .then((settings) => (settings ? i18n.changeLanguage(settings.language) : undefined))
      .then(() => startFirstScreen())
      .then(() => {
        if (current) setReady(true);
      });
    return () => {
      current = false;
    };
  }, [call, i18n]);

  if (!ready) {
    return (
      <Flex className="full-screen" vertical align="center" justify="center" gap="middle" role="status">
        <Spin size="large" />
        <span className="text-secondary">{t('app.loading')}</span>
      </Flex>
    );
  }
  return children;
}
