import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { ProbeRequestResult, ProbeTarget } from '../../shared/probe/probe-result';
import type { PhaseTimeouts } from '../../shared/probe/probe-settings';
import type { TargetTimings, WatchSample, WatchTarget } from '../../shared/watch/watch-sample';
import { defaultProbeTargets, runProbes, sanitizeText } from '../probe';
import { resolveDirect, type ResolveProxy } from '../probe/proxy';

/** Takes one probe sample, or null when it was cancelled before it finished (nothing to record). */
export type ProbeSampler = (at: number, signal: AbortSignal) => Promise<WatchSample | null>;

export interface ProbeSamplerOptions {
  profile: Pick<PlatformProfile, 'gatewayUrl' | 'cashierOrigin' | 'supportApiUrl' | 'extraCaCertificates'>;
  resolveProxy?: ResolveProxy;
  /** Shorter phase deadlines for tests; the probe's defaults otherwise. */
  timeouts?: Partial<PhaseTimeouts>;
}

const MAX_ERROR = 500;

/** The gateway's unsigned health URL and the cashier's origin: the two hosts a buyer's payment needs first. */
export function watchProbeTargets(profile: ProbeSamplerOptions['profile']): ProbeTarget[] {
  return defaultProbeTargets({ profile }).filter((t) => t.role === 'gateway' || t.role === 'cashier');
}

function targetTimings(result: ProbeRequestResult | undefined): TargetTimings | null {
  if (!result) return null;
  const first = result.hops[0]?.timings;
  return {
    dns: first?.dns ?? null,
    connect: first?.connect ?? null,
    tls: first?.tls ?? null,
    wait: first?.wait ?? null,
    total: result.totalMs,
  };
}

/** The first problem, gateway before cashier: a failed request, else an HTTP 5xx answer. */
function verdict(
  results: { role: WatchTarget; result: ProbeRequestResult | undefined }[],
): Pick<WatchSample, 'ok' | 'outcome' | 'target' | 'httpStatus' | 'error'> {
  for (const { role, result } of results) {
    if (!result) continue;
    const status = result.hops.at(-1)?.response?.status ?? null;
    if (result.failure) {
      const message = sanitizeText(`${role}: ${result.failure.message}`).slice(0, MAX_ERROR);
      return { ok: false, outcome: result.failure.kind, target: role, httpStatus: status, error: message };
    }
    if (status !== null && status >= 500) {
      return {
        ok: false,
        outcome: 'server-error',
        target: role,
        httpStatus: status,
        error: `${role}: HTTP ${status} from ${result.redirects.finalUrl}`.slice(0, MAX_ERROR),
      };
    }
  }
  return { ok: true, outcome: 'ok', target: null, httpStatus: null, error: null };
}

/**
 * One GET of each host, side by side (count 1), with the probe's own phase timings. A 4xx is an answer
 * and counts as reachable (the cashier's bare origin may well be a 404); only failures to get an answer
 * and 5xx count against the path.
 */
export function createProbeSampler(options: ProbeSamplerOptions): ProbeSampler {
  const targets = watchProbeTargets(options.profile);
  return async (at, signal) => {
    const started = performance.now();
    const run = await runProbes({
      targets,
      settings: { count: 1, intervalMs: 0, ...(options.timeouts ? { timeouts: options.timeouts } : {}) },
      resolveProxy: options.resolveProxy ?? resolveDirect,
      extraCaCertificates: options.profile.extraCaCertificates,
      signal,
    });
    if (run.cancelled || run.results.some((r) => r.outcome === 'cancelled')) return null;
    const byRole = (role: WatchTarget) => run.results.find((r) => r.target.role === role);
    const gateway = byRole('gateway');
    const cashier = byRole('cashier');
    return {
      at,
      kind: 'probe',
      ...verdict([
        { role: 'gateway', result: gateway },
        { role: 'cashier', result: cashier },
      ]),
      gateway: targetTimings(gateway),
      cashier: targetTimings(cashier),
      timeToReadyMs: null,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
  };
}
