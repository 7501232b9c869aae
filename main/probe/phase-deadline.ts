import type { ProbePhase } from '../../shared/probe/probe-result';
import { ProbeError } from './probe-error';

export const cancelledIn = (phase: ProbePhase): ProbeError =>
  new ProbeError(phase, 'cancelled', 'ABORT_ERR', 'The probe was cancelled');

/**
 * Runs one phase against its own timeout and the run's cancel signal. Whatever ends first wins; on a
 * timeout or a cancel, `abandon` tears the phase's socket down so nothing keeps running behind the
 * probe's back, and a late settlement of `work` is swallowed rather than left unhandled.
 */
export function withinPhase<T>(
  phase: ProbePhase,
  work: Promise<T>,
  options: { timeoutMs: number; signal?: AbortSignal; onTimeout: () => ProbeError; abandon?: () => void },
): Promise<T> {
  const { timeoutMs, signal, onTimeout, abandon } = options;
  if (signal?.aborted) {
    work.catch(() => undefined);
    abandon?.();
    return Promise.reject(cancelledIn(phase));
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () =>
      finish(() => {
        abandon?.();
        reject(cancelledIn(phase));
      });
    const timer = setTimeout(
      () =>
        finish(() => {
          abandon?.();
          reject(onTimeout());
        }),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
