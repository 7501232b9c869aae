import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/ipc/contract';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n';
import { useDoctorCall } from '../ipc/use-doctor-call';

/** The UI language and a setter that saves it in main's settings first, so it survives a restart. */
export function useLanguage(): [Language, (next: Language) => Promise<void>] {
  const { i18n } = useTranslation();
  const call = useDoctorCall();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const change = useCallback(
    async (next: Language) => {
      const saved = await call('settings.setLanguage', { language: next }, 'saveLanguage');
      if (saved) await i18n.changeLanguage(saved.language);
    },
    [call, i18n],
  );
  return [language, change];
}
