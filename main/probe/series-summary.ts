import {
  SUMMARY_PHASES,
  type PhaseStats,
  type ProbeFailureKind,
  type ProbeHop,
  type ProbePhase,
  type ProbeRequestResult,
  type ProbeSeriesSummary,
  type ProbeTarget,
  type SummaryPhase,
} from '../../shared/probe/probe-result';
import { distribution } from './percentiles';
import { sanitizeUrl } from './sanitize';

/** Which summary line a hop's failure counts against. */
const SUMMARY_OF_PHASE: Partial<Record<ProbePhase, SummaryPhase>> = {
  proxy: 'proxyTunnel',
  dns: 'dns',
  connect: 'connect',
  tls: 'tls',
  send: 'send',
  wait: 'wait',
  receive: 'receive',
};

export function phaseStats(samples: readonly number[], failures: number): PhaseStats {
  const reached = samples.length + failures;
  return {
    samples: samples.length,
    failures,
    errorRate: reached ? failures / reached : 0,
    ...distribution(samples),
  };
}

/**
 * Per-phase figures over hops (a redirect chain of three gives three DNS samples, not one sum) and
 * whole-request figures over requests. A failed phase counts as a failure of that phase only: its
 * partial duration is not a sample, so a timeout does not pose as a latency. Cancelled probes count
 * in `attempts` and nowhere else.
 */
export function summarizeTarget(
  target: ProbeTarget,
  results: readonly ProbeRequestResult[],
): ProbeSeriesSummary {
  const counted = results.filter((r) => r.outcome !== 'cancelled');
  const hops: ProbeHop[] = counted.flatMap((r) => r.hops);
  const phases = {} as ProbeSeriesSummary['phases'];
  for (const phase of SUMMARY_PHASES) {
    const samples: number[] = [];
    let failures = 0;
    for (const hop of hops) {
      const failedIn = hop.failure ? (SUMMARY_OF_PHASE[hop.failure.phase] ?? null) : null;
      if (phase === 'total') {
        if (hop.failure) failures += 1;
        else samples.push(hop.timings.total);
      } else if (failedIn === phase) {
        failures += 1;
      } else {
        // Phases before a failure are real samples; those after it have no value (null).
        const value = hop.timings[phase];
        if (value !== null) samples.push(value);
      }
    }
    phases[phase] = phaseStats(samples, failures);
  }
  const failed = counted.filter((r) => r.outcome === 'failed');
  const failuresByKind: Partial<Record<ProbeFailureKind, number>> = {};
  for (const r of failed)
    if (r.failure) failuresByKind[r.failure.kind] = (failuresByKind[r.failure.kind] ?? 0) + 1;
  const proxies: Record<string, number> = {};
  for (const r of counted) {
    const rule = r.hops[0]?.proxy?.rule;
    if (rule) proxies[rule] = (proxies[rule] ?? 0) + 1;
  }
  return {
    target: { role: target.role, url: sanitizeUrl(target.url) },
    attempts: results.length,
    completed: counted.length,
    failed: failed.length,
    cancelled: results.length - counted.length,
    errorRate: counted.length ? failed.length / counted.length : 0,
    phases,
    request: phaseStats(
      counted.filter((r) => r.outcome === 'ok').map((r) => r.totalMs),
      failed.length,
    ),
    failuresByKind,
    proxies,
  };
}
