import type { SampleOutcome } from '../../shared/watch/watch-sample';
import type { WatchBucket, WatchGranularity, WatchPercentiles } from '../../shared/watch/watch-chart';
import { percentile } from '../probe/percentiles';
import type { AggregateRow } from './sample-table';

export const BUCKET_MS: Record<WatchGranularity, number> = { hour: 3_600_000, day: 86_400_000 };

/** Start of the hour or day holding `at`, in the local time of a viewer `offsetMinutes` east of UTC. */
export function bucketStart(at: number, granularity: WatchGranularity, offsetMinutes: number): number {
  const size = BUCKET_MS[granularity];
  const offset = offsetMinutes * 60_000;
  return Math.floor((at + offset) / size) * size - offset;
}

type Failures = Partial<Record<SampleOutcome, number>>;

/** One bucket being filled, one row at a time; timings are kept only until the percentiles are taken. */
class BucketAccumulator {
  probeSamples = 0;
  probeOk = 0;
  readonly gateway: number[] = [];
  readonly cashier: number[] = [];
  readonly probeFailures: Failures = {};
  simSamples = 0;
  simOk = 0;
  readonly ready: number[] = [];
  readonly simFailures: Failures = {};

  constructor(readonly start: number) {}

  add(row: AggregateRow): void {
    const failures = row.kind === 1 ? this.simFailures : this.probeFailures;
    if (row.ok !== 1) {
      const outcome = row.outcome as SampleOutcome;
      failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
    // Timings are of passing samples only: a failure's "time" is how long until it gave up (a 10 s
    // timeout), which would drown the real latency; failures are counted and marked instead.
    const ok = row.ok === 1;
    if (row.kind === 1) {
      this.simSamples += 1;
      if (!ok) return;
      this.simOk += 1;
      if (row.ready_ms !== null) this.ready.push(row.ready_ms);
    } else {
      this.probeSamples += 1;
      if (!ok) return;
      this.probeOk += 1;
      if (row.gw_total !== null) this.gateway.push(row.gw_total);
      if (row.ca_total !== null) this.cashier.push(row.ca_total);
    }
  }

  finish(size: number): WatchBucket {
    return {
      start: this.start,
      end: this.start + size,
      probe: this.probeSamples
        ? {
            samples: this.probeSamples,
            ok: this.probeOk,
            successRate: this.probeOk / this.probeSamples,
            gateway: percentiles(this.gateway),
            cashier: percentiles(this.cashier),
            failures: this.probeFailures,
          }
        : null,
      simulation: this.simSamples
        ? {
            samples: this.simSamples,
            ok: this.simOk,
            successRate: this.simOk / this.simSamples,
            timeToReady: percentiles(this.ready),
            failures: this.simFailures,
          }
        : null,
    };
  }
}

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 1000) / 1000);

const percentiles = (values: number[]): WatchPercentiles => ({
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
});

/** Fills hour or day buckets from rows in time order, one row at a time (a year need not be in memory). */
export class BucketAggregator {
  private readonly size: number;
  private readonly done: WatchBucket[] = [];
  private current: BucketAccumulator | null = null;

  constructor(
    private readonly granularity: WatchGranularity,
    private readonly offsetMinutes: number,
  ) {
    this.size = BUCKET_MS[granularity];
  }

  add(row: AggregateRow): void {
    const start = bucketStart(row.at, this.granularity, this.offsetMinutes);
    if (!this.current || this.current.start !== start) {
      if (this.current) this.done.push(this.current.finish(this.size));
      this.current = new BucketAccumulator(start);
    }
    this.current.add(row);
  }

  finish(): WatchBucket[] {
    if (this.current) this.done.push(this.current.finish(this.size));
    this.current = null;
    return this.done;
  }
}

/**
 * Rows in time order → one bucket per hour or day that has samples. Success rate is ok / samples per kind;
 * p50 and p95 are nearest-rank (as the probe's series use), over the passing samples.
 */
export function aggregateRows(
  rows: Iterable<AggregateRow>,
  granularity: WatchGranularity,
  offsetMinutes: number,
): WatchBucket[] {
  const aggregator = new BucketAggregator(granularity, offsetMinutes);
  for (const row of rows) aggregator.add(row);
  return aggregator.finish();
}
