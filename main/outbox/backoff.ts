/**
 * When to try again: exponential backoff with full jitter (a random delay between 0 and base × 2^n, capped,
 * AWS's "full jitter"), so many merchants hitting a busy intake spread out instead of retrying in step,
 * and never sooner than the intake's Retry-After.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** A Retry-After further out than this is held to it (a misconfigured date must not park a report for days). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** Delay before attempt `failures + 1`, after `failures` consecutive failures (1 = the first one failed). */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.floor(random() * ceiling);
  const floor = retryAfterMs === null ? 0 : Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  return Math.max(jittered, floor);
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `nowMs`; null if absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its day and month; Date.parse alone would also take "-5" or "2026".
  if (!/[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}
