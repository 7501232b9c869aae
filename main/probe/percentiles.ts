/**
 * Nearest-rank percentile (the definition NIST and most load-testing tools use): the smallest sample
 * such that at least p % of the samples are ≤ it, i.e. the value at 1-based rank ⌈p/100 · n⌉ of the
 * sorted samples. Chosen over linear interpolation because every answer is a latency that was
 * actually measured: with 5 probes, p95 is the slowest one, not a blend of the two slowest.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  const values = samples.filter((v) => Number.isFinite(v));
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Distribution {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export function distribution(samples: readonly number[]): Distribution {
  const values = samples.filter((v) => Number.isFinite(v));
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? values.reduce((a, b) => (b > a ? b : a)) : null,
  };
}
