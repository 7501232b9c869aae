import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribution, percentile } from '../../../main/probe/percentiles';

describe('nearest-rank percentile', () => {
  it('matches the textbook examples', () => {
    // The classic nearest-rank example set (15, 20, 35, 40, 50).
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25)).toBe(7);
    expect(percentile([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 75)).toBe(15);
  });

  it('p95 of five probes is the slowest one, not a blend', () => {
    expect(percentile([10, 11, 12, 13, 500], 95)).toBe(500);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(19);
  });

  it('ignores order and non-finite samples; empty gives null', () => {
    expect(percentile([50, 10, 30], 50)).toBe(30);
    expect(percentile([NaN, Infinity, 4], 50)).toBe(4);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('always returns a sample, monotonic in p, within min..max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const p50 = percentile(values, 50)!;
          const p95 = percentile(values, 95)!;
          expect(values).toContain(p50);
          expect(p95).toBeGreaterThanOrEqual(p50);
          expect(p95).toBeLessThanOrEqual(Math.max(...values));
          // At least 95 % of samples are ≤ p95 (the definition).
          expect(values.filter((v) => v <= p95).length / values.length).toBeGreaterThanOrEqual(0.95);
        },
      ),
    );
  });

  it('distribution gives p50, p95 and max together', () => {
    expect(distribution([5, 1, 3])).toEqual({ p50: 3, p95: 5, max: 5 });
    expect(distribution([])).toEqual({ p50: null, p95: null, max: null });
  });
});
