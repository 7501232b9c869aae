import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { ProbeSampleOutcome, WatchSample } from '../../shared/watch/watch-sample';

const MIN = 60_000;

/** Deterministic PRNG (mulberry32): the same year every run, so runs compare. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROBE_FAULTS: ProbeSampleOutcome[] = [
  'first-byte-timeout',
  'connection-reset',
  'server-error',
  'dns-failed',
];
const REDIRECT_FAULTS: OutcomeCode[] = [
  'GATEWAY_TIMEOUT',
  'GATEWAY_ERROR',
  'CASHIER_TIMEOUT',
  'CASHIER_ERROR_PAGE',
];

/**
 * A year as a watcher at one-minute intervals records it: a probe every minute (525,600 in 365 days)
 * and a simulated redirect every 15 minutes (35,040), latencies with a long tail, 0.3 % scattered probe
 * failures and a two-hour outage every ten days (both kinds failing), so aggregates and failure markers
 * have realistic work to do. Yielded in chunks for batched inserts.
 */
export function* syntheticYear(start: number, days: number, chunk = 20_000): Generator<WatchSample[]> {
  const next = random(8);
  const minutes = days * 1440;
  let batch: WatchSample[] = [];
  for (let m = 0; m < minutes; m += 1) {
    const at = start + m * MIN;
    const dayIndex = Math.floor(m / 1440);
    const outage = dayIndex % 10 === 3 && m % 1440 >= 600 && m % 1440 < 720;
    const tail = next() < 0.05 ? 5 : 1;
    const gateway = (20 + next() * 30) * tail;
    const cashier = (25 + next() * 40) * tail;
    const probeFault = outage
      ? 'first-byte-timeout'
      : next() < 0.003
        ? PROBE_FAULTS[m % PROBE_FAULTS.length]!
        : null;
    batch.push({
      at,
      kind: 'probe',
      ok: probeFault === null,
      outcome: probeFault ?? 'ok',
      target: probeFault === null ? null : 'gateway',
      httpStatus: probeFault === 'server-error' ? 503 : null,
      gateway: { dns: 1, connect: 0.5, tls: 4, wait: gateway - 6, total: gateway },
      cashier: { dns: 1, connect: 0.5, tls: 4, wait: cashier - 6, total: cashier },
      timeToReadyMs: null,
      durationMs: Math.max(gateway, cashier) + 1,
      error: probeFault === null ? null : `gateway: ${probeFault}`,
    });
    if (m % 15 === 0) {
      const fault = outage
        ? 'GATEWAY_TIMEOUT'
        : next() < 0.01
          ? REDIRECT_FAULTS[m % REDIRECT_FAULTS.length]!
          : null;
      batch.push({
        at: at + 2_000,
        kind: 'simulation',
        ok: fault === null,
        outcome: fault ?? 'REDIRECT_OK',
        target: fault === null ? null : 'redirect',
        httpStatus: null,
        gateway: null,
        cashier: null,
        timeToReadyMs: fault === null ? (900 + next() * 800) * tail : null,
        durationMs: 2500,
        error: null,
      });
    }
    if (batch.length >= chunk) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
