import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { WatchSample } from '../../shared/watch/watch-sample';

/**
 * The redirect check, injected: main/simulation's runSimulation in the app and the CLI, a lighter
 * function in tests. It resolves with the §7 outcome of one run; it rejects when no run was possible
 * (no browser) or when `signal` aborted it.
 */
export type Simulate = (
  signal: AbortSignal,
) => Promise<{ outcome: OutcomeCode; timeToReadyMs: number | null }>;

/** One simulated redirect as a watch sample; null when it was cancelled (nothing to record). */
export async function takeSimulationSample(
  simulate: Simulate,
  at: number,
  signal: AbortSignal,
): Promise<WatchSample | null> {
  const started = performance.now();
  let result: Awaited<ReturnType<Simulate>>;
  try {
    result = await simulate(signal);
  } catch (error) {
    if (signal.aborted) return null;
    throw error;
  }
  if (signal.aborted) return null;
  const ok = result.outcome === 'REDIRECT_OK';
  return {
    at,
    kind: 'simulation',
    ok,
    outcome: result.outcome,
    target: ok ? null : 'redirect',
    httpStatus: null,
    gateway: null,
    cashier: null,
    timeToReadyMs: result.timeToReadyMs,
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    error: null,
  };
}
