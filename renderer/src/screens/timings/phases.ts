import type {
  HopTimings,
  PhaseStats,
  ProbeHop,
  ProbePhase,
  ProbeSeriesSummary,
  ProbeTargetRole,
  SummaryPhase,
} from '../../../../shared/probe/probe-result';
import type { Messages } from '../../i18n/resources';
import { useMillisecondsIn, usePercent, type TimeUnits } from '../../i18n/use-units';

/**
 * The phases as the screen shows them. The lists are spelled out here rather than imported from
 * shared/probe (whose values come with zod): the compile-time checks below keep them in step.
 */

/** A hop's timed parts, in the order they happen: the segments of a waterfall bar. */
export const WATERFALL_PHASES = [
  'blocked',
  'dns',
  'connect',
  'proxyTunnel',
  'tls',
  'send',
  'wait',
  'receive',
] as const;
export type WaterfallPhase = (typeof WATERFALL_PHASES)[number];

/** The percentile table's rows: each phase per hop, then whole hops. */
export const TABLE_PHASES = [
  'dns',
  'connect',
  'proxyTunnel',
  'tls',
  'send',
  'wait',
  'receive',
  'total',
] as const satisfies readonly SummaryPhase[];

export const ROLES = [
  'gateway',
  'cashier',
  'support',
  'notify',
  'return',
  'store',
  'custom',
] as const satisfies readonly ProbeTargetRole[];

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Every timed part of a hop has a segment, every summary phase a row, every role a plain name.
const everyTimingShown: Exactly<WaterfallPhase, Exclude<keyof HopTimings, 'total'>> = true;
const everySummaryRow: Exactly<(typeof TABLE_PHASES)[number], keyof ProbeSeriesSummary['phases']> = true;
const everyRoleNamed: Exactly<(typeof ROLES)[number], ProbeTargetRole> = true;
const everyPhaseExplained: Exactly<keyof Messages['timings']['phases'], WaterfallPhase> = true;
void everyTimingShown;
void everySummaryRow;
void everyRoleNamed;
void everyPhaseExplained;

/** The waterfall segment a failure happened in; null for the chain's own failures (a redirect loop). */
export function failedSegment(hop: ProbeHop): WaterfallPhase | null {
  const phase: ProbePhase | undefined = hop.failure?.phase;
  switch (phase) {
    case undefined:
    case 'redirect':
      return null;
    case 'proxy':
      // Deciding on a proxy (blocked) or getting through it (the CONNECT tunnel).
      return hop.timings.proxyTunnel === null ? 'blocked' : 'proxyTunnel';
    default:
      return phase;
  }
}

/** The phase named in a failure, in the words of the waterfall's legend. */
export function failurePhaseKey(phase: ProbePhase): WaterfallPhase | null {
  if (phase === 'redirect') return null;
  if (phase === 'proxy') return 'proxyTunnel';
  return phase;
}

/** Phases with neither a sample nor a failure: they did not happen (an IP address needs no DNS). */
export const unused = (stats: PhaseStats) => stats.samples === 0 && stats.failures === 0;

const UNITS: TimeUnits = { ms: 'timings.ms', s: 'checklist.duration.s' };

/** 12.3 毫秒 / 1.24 秒: exact enough to compare with curl, in words of the UI language. */
export const useMilliseconds = (): ((ms: number) => string) => useMillisecondsIn(UNITS);

export { usePercent };

/** Host (and port) of a URL, for a row's caption; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Round figures for the time axis: 1, 2 or 5 × 10ⁿ, about four steps across. */
export function axisTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}
