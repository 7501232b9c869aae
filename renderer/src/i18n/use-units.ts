import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The words for a time under a second and for seconds, as a screen's messages spell them. */
export interface TimeUnits {
  ms: 'timings.ms' | 'simulation.units.ms';
  s: 'checklist.duration.s' | 'simulation.units.s';
}

/** 71 毫秒 / 1.35 秒: exact enough to compare with curl, in `units` of the UI language. */
export function useMillisecondsIn(units: TimeUnits): (ms: number) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback(
    (ms: number) => {
      if (ms < 1000) {
        const value = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(ms);
        return t(units.ms, { value });
      }
      const value = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(ms / 1000);
      return t(units.s, { value });
    },
    [t, language, units],
  );
}

/** 0%, 66.7%: success and failure rates. */
export function usePercent(): (ratio: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback(
    (ratio: number) =>
      new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    [language],
  );
}
