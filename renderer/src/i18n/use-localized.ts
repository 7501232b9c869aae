import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../shared/i18n/localized-text';
import { DEFAULT_LANGUAGE, isLanguage } from '.';

/**
 * Text the engine wrote (check summaries, remediations, import messages) carries both languages;
 * this picks the one the UI shows now.
 */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return useCallback((text: LocalizedText) => text[language], [language]);
}
