import { Alert, Flex } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../shared/i18n/localized-text';
import { useLocalized } from '../i18n/use-localized';
import { useDoctorCall } from '../ipc/use-doctor-call';

/**
 * Main hands its start-up notices out once (a damaged settings file was reset, and where the damaged
 * one was kept), so they are asked for once per window, even when React runs an effect twice.
 */
let once: Promise<LocalizedText[]> | null = null;

/**
 * What main had to tell the user at start, each as an alert at the top of the content until closed.
 * Alerts rather than corner notifications: those would sit over the header's language switch. The
 * words follow the UI language, also after a switch.
 */
export function StartupNotices() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const call = useDoctorCall();
  const [notices, setNotices] = useState<LocalizedText[]>([]);
  const [closed, setClosed] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    let current = true;
    once ??= call('app.notices', undefined, 'loadNotices').then((list) => list ?? []);
    void once.then((list) => {
      if (current) setNotices(list);
    });
    return () => {
      current = false;
    };
  }, [call]);

  const open = notices.map((text, index) => ({ text, index })).filter(({ index }) => !closed.has(index));
  if (open.length === 0) return null;
  return (
    <Flex vertical gap="small">
      {open.map(({ text, index }) => (
        <Alert
          // A standing note, not news: antd would make it role="alert", read out over whatever is said.
          role="note"
          key={index}
          type="warning"
          showIcon
          title={t('notices.title')}
          description={<span data-testid="startup-notice-text">{localized(text)}</span>}
          closable={{
            'aria-label': t('notices.close'),
            onClose: () => setClosed((previous) => new Set(previous).add(index)),
          }}
          data-testid="startup-notice"
        />
      ))}
    </Flex>
  );
}
