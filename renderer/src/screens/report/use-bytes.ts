import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** 812 B / 14.2 KB / 3.1 MB, in the digits of the UI language. */
export function useBytes(): (bytes: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback(
    (bytes: number) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      const digits = unit === 0 ? 0 : 1;
      return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
    },
    [language],
  );
}
