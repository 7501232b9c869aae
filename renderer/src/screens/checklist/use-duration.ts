import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** 850 毫秒, 12.3 秒: durations in words of the UI language. */
export function useDuration(): (ms: number) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback(
    (ms: number) => {
      if (ms < 1000) return t('checklist.duration.ms', { value: Math.round(ms) });
      const seconds = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(ms / 1000);
      return t('checklist.duration.s', { value: seconds });
    },
    [t, language],
  );
}
