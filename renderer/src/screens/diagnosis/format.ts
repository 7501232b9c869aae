import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { DEFAULT_LANGUAGE, isLanguage } from '../../i18n';

/** The UI language, as Intl wants it. */
export function useUiLanguage(): string {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

// Building an Intl formatter costs far more than using one (a triage table and its incidents format
// hundreds of moments in one render): one of each per language, built on first use.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateTimeFormat(language: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(language, format);
  }
  return format;
}

function numberFormat(language: string): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format;
}

/** A moment (an ISO stamp or a Date) as people of the UI language write it: 2025年3月1日 14:05:09, Mar 1, 2025, 2:05:09 PM. */
export function useDateTime(): (at: string | Date) => string {
  const language = useUiLanguage();
  return useCallback((at: string | Date) => dateTimeFormat(language).format(new Date(at)), [language]);
}

/** A count in the digits and grouping of the UI language. */
export function useNumber(): (value: number) => string {
  const language = useUiLanguage();
  return useCallback((value: number) => numberFormat(language).format(value), [language]);
}

/** "in 25 minutes" / "25分钟后", or "5 minutes ago": how far a moment is from now. */
export function useRelativeTime(): (at: Date, now?: Date) => string {
  const language = useUiLanguage();
  return useCallback(
    (at: Date, now: Date = new Date()) => {
      const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
      const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      if (Math.abs(minutes) < 90) return format.format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return format.format(hours, 'hour');
      return format.format(Math.round(hours / 24), 'day');
    },
    [language],
  );
}

/**
 * The platform writes its times in Beijing time without a zone ("2025-03-01 14:05:09", protocol §3.1);
 * anything else that parses as a date is taken as it is.
 */
export function parsePlatformTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  const date = match
    ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00`)
    : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** When the platform's risk-control restriction ends, as its risk.status check found it; null if none. */
export function riskCooldownEnd(diagnosis: Diagnosis | null): Date | null {
  const risk = diagnosis?.checklist.results.find((result) => result.id === 'risk.status');
  const until = risk?.evidence.cooldown_until;
  return typeof until === 'string' ? parsePlatformTime(until) : null;
}
