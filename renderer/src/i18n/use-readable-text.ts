import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../shared/i18n/localized-text';
import { readableRedactions } from '../screens/report/redaction-words';
import { useLocalized } from './use-localized';

/**
 * Engine text for a shop owner's eyes (a check's summary and what to do): in the UI's language, with
 * what a sanitizer hid said in words rather than as REDACTED. Reports and bundles keep the markers.
 */
export function useReadableText(): (text: LocalizedText) => string {
  const { t } = useTranslation();
  const localized = useLocalized();
  return useCallback(
    (text: LocalizedText) =>
      readableRedactions(
        localized(text),
        (kind) => t(`report.redaction.alias.${kind}`),
        t('report.redaction.hidden'),
      ),
    [localized, t],
  );
}

/** An address or line the engine sanitized (a hop's URL), with the hidden parts said in words. */
export function useReadableMarkers(): (text: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (text: string) =>
      readableRedactions(text, (kind) => t(`report.redaction.alias.${kind}`), t('report.redaction.hidden')),
    [t],
  );
}
