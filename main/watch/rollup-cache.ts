import type { WatchBucket, WatchGranularity } from '../../shared/watch/watch-chart';
import { aggregateRows, BucketAggregator, BUCKET_MS, bucketStart } from './buckets';
import type { SampleTable } from './sample-table';
import { inTransaction, type DatabaseSync, type StatementSync } from './sqlite';

/**
 * The offset rollups are keyed by. Hours are the same hours in every zone a whole number of hours from
 * UTC, so hourly rollups survive a time-zone or DST change; only days depend on the offset itself.
 */
const offsetKey = (granularity: WatchGranularity, offsetMinutes: number): number =>
  granularity === 'hour' ? ((offsetMinutes % 60) + 60) % 60 : offsetMinutes;

/**
 * Finished hour and day buckets, computed from the samples once and kept in `rollups`. A year of
 * one-minute samples is over 525,600 rows; its 8,760 hourly and 365 daily buckets are read back in tens
 * of milliseconds, where recomputing percentiles from the rows on every chart load takes seconds (see
 * BENCHMARKS.md). Only the current bucket is computed live. Day buckets are per viewer UTC offset (day
 * boundaries move with it), which in practice is one offset per install.
 */
export class RollupCache {
  private readonly readState: StatementSync;
  private readonly writeState: StatementSync;
  private readonly readBuckets: StatementSync;
  private readonly clearBuckets: StatementSync;
  private readonly writeBucket: StatementSync;
  private readonly lowerWatermarks: StatementSync;
  private readonly dropBefore: StatementSync;

  constructor(
    private readonly db: DatabaseSync,
    private readonly samples: SampleTable,
  ) {
    this.readState = db.prepare(
      `SELECT complete_before FROM rollup_state WHERE store_id = ? AND granularity = ? AND offset_min = ?`,
    );
    this.writeState = db.prepare(
      `INSERT OR REPLACE INTO rollup_state (store_id, granularity, offset_min, size_ms, complete_before)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.readBuckets = db.prepare(
      `SELECT bucket FROM rollups WHERE store_id = ? AND granularity = ? AND offset_min = ?
       AND start >= ? AND start < ? ORDER BY start`,
    );
    this.clearBuckets = db.prepare(
      `DELETE FROM rollups WHERE store_id = ? AND granularity = ? AND offset_min = ? AND start >= ? AND start < ?`,
    );
    this.writeBucket = db.prepare(
      `INSERT OR REPLACE INTO rollups (store_id, granularity, offset_min, start, bucket) VALUES (?, ?, ?, ?, ?)`,
    );
    // A sample that lands in an already rolled-up bucket (one that started before a bucket ended and was
    // stored after, or a clock set back) moves the watermark back to that bucket's start.
    this.lowerWatermarks = db.prepare(
      `UPDATE rollup_state
       SET complete_before = CAST((?1 + offset_min * 60000) / size_ms AS INTEGER) * size_ms - offset_min * 60000
       WHERE store_id = ?2 AND complete_before > ?1`,
    );
    // A bucket is dropped once it lies wholly before the retention cutoff; one straddling it keeps the
    // figures of the samples it had.
    this.dropBefore = db.prepare(
      `DELETE FROM rollups WHERE start + (CASE granularity WHEN 'hour' THEN 3600000 ELSE 86400000 END) <= ?`,
    );
  }

  /** Call with every appended sample's time. */
  sampleAdded(storeId: string, at: number): void {
    this.lowerWatermarks.run(at, storeId);
  }

  /** Buckets overlapping [from, to), whole, oldest first; those with no samples are left out. */
  buckets(
    storeId: string,
    from: number,
    to: number,
    granularity: WatchGranularity,
    offsetMinutes: number,
    now: number,
  ): WatchBucket[] {
    const size = BUCKET_MS[granularity];
    const sealed = bucketStart(now, granularity, offsetMinutes);
    this.seal(storeId, [granularity], offsetMinutes, now);
    const first = bucketStart(from, granularity, offsetMinutes);
    const lastEnd = bucketStart(to - 1, granularity, offsetMinutes) + size;
    const key = offsetKey(granularity, offsetMinutes);
    const cached = (
      this.readBuckets.all(storeId, granularity, key, first, Math.min(lastEnd, sealed)) as {
        bucket: string;
      }[]
    ).map((row) => JSON.parse(row.bucket) as WatchBucket);
    if (lastEnd <= sealed) return cached;
    const liveFrom = Math.max(first, sealed);
    const live = aggregateRows(
      this.samples.aggregateRows(storeId, liveFrom, lastEnd),
      granularity,
      offsetMinutes,
    );
    return [...cached, ...live];
  }

  /**
   * Rolls up the hours and days that have finished since the last call. The watcher calls it after every
   * round, so the work comes in hour-sized pieces and a chart never has to build months at once.
   */
  sealFinished(storeId: string, offsetMinutes: number, now: number): void {
    this.seal(storeId, ['hour', 'day'], offsetMinutes, now);
  }

  /**
   * Computes every finished bucket of these granularities not yet in the cache. Both granularities are
   * filled from one pass over the rows, streamed, so catching up on months reads them once and holds
   * one bucket's timings at a time.
   */
  private seal(storeId: string, granularities: WatchGranularity[], offsetMinutes: number, now: number): void {
    const plans = granularities
      .map((granularity) => {
        const key = offsetKey(granularity, offsetMinutes);
        const sealed = bucketStart(now, granularity, offsetMinutes);
        const state = this.readState.get(storeId, granularity, key) as
          { complete_before: number } | undefined;
        let start = state?.complete_before;
        if (start === undefined) {
          const firstAt = this.samples.firstSampleAt(storeId);
          start = firstAt === null ? sealed : bucketStart(firstAt, granularity, offsetMinutes);
        }
        const aggregator = new BucketAggregator(granularity, offsetMinutes);
        return {
          granularity,
          key,
          sealed,
          start,
          aggregator,
          upToDate: state !== undefined && start >= sealed,
        };
      })
      .filter((plan) => !plan.upToDate);
    if (plans.length === 0) return;
    const from = Math.min(...plans.map((p) => p.start));
    const to = Math.max(...plans.map((p) => p.sealed));
    if (from < to) {
      for (const row of this.samples.iterateAggregateRows(storeId, from, to)) {
        for (const plan of plans) if (row.at >= plan.start && row.at < plan.sealed) plan.aggregator.add(row);
      }
    }
    inTransaction(this.db, () => {
      for (const plan of plans) {
        const { granularity, key, start, sealed } = plan;
        if (start < sealed) this.clearBuckets.run(storeId, granularity, key, start, sealed);
        for (const bucket of plan.aggregator.finish()) {
          this.writeBucket.run(storeId, granularity, key, bucket.start, JSON.stringify(bucket));
        }
        this.writeState.run(storeId, granularity, key, BUCKET_MS[granularity], sealed);
      }
    });
  }

  deleteOlderThan(cutoff: number): void {
    this.dropBefore.run(cutoff);
  }
}
