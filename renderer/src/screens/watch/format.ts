import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import type { WatchTarget, ProbeSampleOutcome, SampleOutcome } from '../../../../shared/watch/watch-sample';
import type {
  MIN_PROBE_INTERVAL_SECONDS,
  MIN_SIMULATION_INTERVAL_SECONDS,
} from '../../../../shared/watch/watch-settings';
import { DEFAULT_LANGUAGE, isLanguage } from '../../i18n';
import type { Messages } from '../../i18n/resources';

/**
 * The watch screen's words and numbers. Constants are spelled out here rather than imported from
 * shared/watch (whose values come with zod, which this lazy chunk does without); the type annotations
 * and compile-time checks below keep them in step with the core.
 */

/** The app's floors (shared/watch/watch-settings.ts): probes at most once a minute, redirects once in five. */
export const MIN_INTERVAL_SECONDS: typeof MIN_PROBE_INTERVAL_SECONDS = 60;
export const MIN_SIMULATION_GAP_SECONDS: typeof MIN_SIMULATION_INTERVAL_SECONDS = 300;
export const INTERVAL_CHOICES = [60, 120, 300, 600, 900, 1800, 3600, 3 * 3600, 6 * 3600] as const;
/** Every Nth probe sample; 0: never. */
export const SIMULATION_CHOICES = [1, 3, 6, 12, 0] as const;
export const RETENTION_CHOICES = [30, 90, 180, 400, 730] as const;

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Every probe verdict has plain words of its own (simulation outcome codes use the simulation screen's).
const everyProbeOutcomeNamed: Exactly<keyof Messages['watch']['probeOutcomes'], ProbeSampleOutcome> = true;
const everyTargetNamed: Exactly<keyof Messages['watch']['targets'], WatchTarget> = true;
void everyProbeOutcomeNamed;
void everyTargetNamed;

/** Simulation samples carry a §7 code (upper case), probe samples a probe verdict (lower-case kebab). */
const isOutcomeCode = (outcome: SampleOutcome): outcome is OutcomeCode => /^[A-Z_]+$/.test(outcome);

export const isOkOutcome = (outcome: SampleOutcome): boolean => outcome === 'ok' || outcome === 'REDIRECT_OK';

// Building an Intl formatter costs far more than using one: a year's chart formats thousands of
// figures, so each kind is built once per language and options.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

export function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${language} ${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n ${language} ${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(language, options)));
  return format;
}

function relativeFormat(language: string): Intl.RelativeTimeFormat {
  const key = `r ${language}`;
  let format = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })));
  return format;
}

export function useUiLanguage(): string {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

/** An outcome code in the shop owner's words. The code itself is shown beside it, for support. */
export function useOutcomeName(): (outcome: SampleOutcome) => string {
  const { t } = useTranslation();
  return useCallback(
    (outcome: SampleOutcome) =>
      isOutcomeCode(outcome) ? t(`simulation.outcomes.${outcome}`) : t(`watch.probeOutcomes.${outcome}`),
    [t],
  );
}

/** 14:05:30 today, or 6月3日 14:05 on another day (and the year when it is not this one). */
export function useMoment(): (at: number, options?: { seconds?: boolean }) => string {
  const language = useUiLanguage();
  return useCallback(
    (at: number, { seconds = true }: { seconds?: boolean } = {}) => {
      const date = new Date(at);
      const now = new Date();
      const sameDay = date.toDateString() === now.toDateString();
      const sameYear = date.getFullYear() === now.getFullYear();
      return dateFormat(language, {
        ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
        ...(sameYear ? {} : { year: 'numeric' }),
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
      }).format(date);
    },
    [language],
  );
}

/** "in 3 minutes" / "3分钟后", "5 seconds ago": a moment from now, in the largest unit that fits. */
export function useRelative(): (at: number, now: number) => string {
  const language = useUiLanguage();
  return useCallback(
    (at: number, now: number) => {
      const format = relativeFormat(language);
      const seconds = Math.round((at - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return format.format(seconds, 'second');
      if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
      return format.format(Math.round(seconds / 86_400), 'day');
    },
    [language],
  );
}

const DURATION_UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
] as const;

/** 1小时5分钟 / 1 hr 5 min: a span in its two largest units, for incidents and cadences. */
export function useDuration(): (ms: number) => string {
  const language = useUiLanguage();
  return useCallback(
    (ms: number) => {
      let rest = Math.max(0, Math.round(ms / 1000) * 1000);
      const parts: string[] = [];
      for (const [unit, size] of DURATION_UNITS) {
        const value = Math.floor(rest / size);
        if (value === 0 && !(unit === 'second' && parts.length === 0)) continue;
        rest -= value * size;
        parts.push(numberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value));
        if (parts.length === 2) break;
      }
      return parts.join(' ');
    },
    [language],
  );
}

/** 71 毫秒 / 1.35 秒: a timing, like the other screens write it. */
export function useMilliseconds(): (ms: number) => string {
  const { t } = useTranslation();
  const language = useUiLanguage();
  return useCallback(
    (ms: number) => {
      if (ms < 1000) {
        const value = numberFormat(language, { maximumFractionDigits: 0 }).format(ms);
        return t('simulation.units.ms', { value });
      }
      const value = numberFormat(language, { maximumFractionDigits: 2 }).format(ms / 1000);
      return t('simulation.units.s', { value });
    },
    [t, language],
  );
}

/** 99.3%: success rates. */
export function usePercent(): (ratio: number) => string {
  const language = useUiLanguage();
  return useCallback(
    (ratio: number) => numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    [language],
  );
}

export function useNumber(): (value: number) => string {
  const language = useUiLanguage();
  return useCallback((value: number) => numberFormat(language).format(value), [language]);
}

/** The clock relative times ("in 40 seconds") and running incidents count from, ticking every `everyMs`. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
