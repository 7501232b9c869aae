import type { ProbeSeriesSummary, ProbeTargetRole } from './probe-result';

/**
 * `net.latency`'s thresholds (checklist catalog): a host warns when its p95 request time is over
 * 1.5 s and fails when it is over 5 s or more than 20 % of its requests fail.
 */
export const NET_LATENCY_THRESHOLDS = {
  failErrorRate: 0.2,
  failP95Ms: 5_000,
  warnP95Ms: 1_500,
} as const;

/** The timed parts of a hop a slow request is blamed on (total is their sum, never the answer). */
const BLAMED_PHASES = ['dns', 'connect', 'proxyTunnel', 'tls', 'send', 'wait', 'receive'] as const;
export type BlamedPhase = (typeof BLAMED_PHASES)[number];

/** The same three sides the verdict card uses (shared/diagnosis), for a timing. */
export type TimingSide = 'platform' | 'store' | 'merchant-machine';

const SERVER_SIDE: Record<ProbeTargetRole, TimingSide | null> = {
  gateway: 'platform',
  cashier: 'platform',
  support: 'platform',
  notify: 'store',
  return: 'store',
  store: 'store',
  // An address the user added: whose it is, we cannot say.
  custom: null,
};

export interface SlowHost {
  role: ProbeTargetRole;
  url: string;
  /** Over 5 s: what net.latency fails on; over 1.5 s: what it warns on. */
  level: 'slow' | 'verySlow';
  requestP95Ms: number;
  /** The phase that took longest (by its p95), and how long. */
  phase: BlamedPhase;
  phaseP95Ms: number;
  /** Whose side the slow phase is on, or null when the address is nobody we know. */
  side: TimingSide | null;
}

/**
 * The hosts a timings run found slow, by net.latency's own thresholds, each with the phase to blame
 * and whose side that phase is on: looking up the name (DNS) and going through a proxy happen on this
 * computer and its network; connecting, the handshake, waiting for the answer and downloading it are
 * the server's, so its owner's (the platform's cashier, the store's own pages). Slowest first.
 */
export function slowHosts(summaries: readonly ProbeSeriesSummary[]): SlowHost[] {
  const slow: SlowHost[] = [];
  for (const summary of summaries) {
    const p95 = summary.request.p95;
    if (p95 === null || p95 <= NET_LATENCY_THRESHOLDS.warnP95Ms) continue;
    let phase: BlamedPhase = 'wait';
    let phaseP95Ms = -1;
    for (const candidate of BLAMED_PHASES) {
      const value = summary.phases[candidate].p95;
      if (value !== null && value > phaseP95Ms) {
        phase = candidate;
        phaseP95Ms = value;
      }
    }
    const local = phase === 'dns' || phase === 'proxyTunnel';
    slow.push({
      role: summary.target.role,
      url: summary.target.url,
      level: p95 > NET_LATENCY_THRESHOLDS.failP95Ms ? 'verySlow' : 'slow',
      requestP95Ms: p95,
      phase,
      phaseP95Ms: Math.max(phaseP95Ms, 0),
      side: local ? 'merchant-machine' : SERVER_SIDE[summary.target.role],
    });
  }
  return slow.sort((a, b) => b.requestP95Ms - a.requestP95Ms);
}
