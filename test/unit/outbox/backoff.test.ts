import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '../../../main/outbox';

const policy = { baseMs: 1000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };

describe('backoff with full jitter', () => {
  it('stays between 0 and min(cap, base × 2^(n−1))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const delay = backoffDelay(n, policy, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1)));
        },
      ),
    );
  });

  it('grows exponentially, then is capped', () => {
    const top = (n: number) => backoffDelay(n, policy, () => 0.999999);
    expect([1, 2, 3, 4].map(top)).toEqual([999, 1999, 3999, 7999]);
    expect(top(30)).toBe(59_999);
  });

  it('spreads retries out (jitter), and is never sooner than Retry-After', () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(5, policy, () => i / 50)));
    expect(seen.size).toBe(50);
    expect(backoffDelay(1, policy, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelay(10, policy, () => 0.99, 1)).toBeGreaterThan(1000);
    // A Retry-After days away is held to the policy's bound.
    expect(backoffDelay(1, policy, () => 0, 5 * 86_400_000)).toBe(policy.maxRetryAfterMs);
    expect(DEFAULT_BACKOFF.capMs).toBeGreaterThan(DEFAULT_BACKOFF.baseMs);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
