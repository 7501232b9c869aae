import type { OutcomeCode } from '../../../shared/protocol/outcome-codes';
import type { ProbeSampleOutcome, WatchSample } from '../../../shared/watch/watch-sample';

/** 2026-11-26 00:00 in China (GMT+8): days in these tests are the shop owner's days. */
export const T0 = Date.UTC(2026, 10, 25, 16, 0, 0);
export const CHINA = 480;
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function probeSample(
  at: number,
  outcome: ProbeSampleOutcome = 'ok',
  totals: { gateway?: number; cashier?: number } = {},
): WatchSample {
  const ok = outcome === 'ok';
  const timings = (total: number) => ({ dns: null, connect: 0.2, tls: 2, wait: total / 2, total });
  return {
    at,
    kind: 'probe',
    ok,
    outcome,
    target: ok ? null : 'gateway',
    httpStatus: outcome === 'server-error' ? 503 : null,
    gateway: timings(totals.gateway ?? 10),
    cashier: timings(totals.cashier ?? 20),
    timeToReadyMs: null,
    durationMs: 25,
    error: ok ? null : `gateway: ${outcome}`,
  };
}

export function simulationSample(
  at: number,
  outcome: OutcomeCode = 'REDIRECT_OK',
  ready: number | null = 900,
): WatchSample {
  const ok = outcome === 'REDIRECT_OK';
  return {
    at,
    kind: 'simulation',
    ok,
    outcome,
    target: ok ? null : 'redirect',
    httpStatus: null,
    gateway: null,
    cashier: null,
    timeToReadyMs: ok ? ready : null,
    durationMs: 1200,
    error: null,
  };
}
