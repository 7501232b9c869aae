import {
  MAX_CHART_FAILURES,
  MAX_CHART_POINTS,
  WatchChartRequestSchema,
  type WatchChartData,
  type WatchChartRequestInput,
} from '../../shared/watch/watch-chart';
import type { WatchExport } from '../../shared/watch/watch-export';
import { WatchSampleSchema, type WatchSample, type WatchSampleKind } from '../../shared/watch/watch-sample';
import { WatchSettingsSchema, type WatchSettings } from '../../shared/watch/watch-settings';
import { aggregateRows, bucketStart } from './buckets';
import { buildExport } from './export-window';
import { migrate } from './history-schema';
import { IncidentTable } from './incident-table';
import { RollupCache } from './rollup-cache';
import { SampleTable } from './sample-table';
import type { KeptAside } from '../kept-files';
import { inTransaction, openCheckedSqlite, type DatabaseSync } from './sqlite';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface RetentionResult {
  cutoff: number;
  samplesDeleted: number;
  incidentsDeleted: number;
}

/**
 * The watch history of every store on this machine, in one SQLite file (see sqlite.ts for why SQLite).
 * Samples are keyed by store id, so switching the active store neither mixes nor loses histories.
 * All methods are synchronous and short (an append is one indexed insert, a chart read is bounded by
 * the rollups); `now` is injectable so tests and benchmarks control "the current bucket".
 */
export class WatchHistory {
  readonly incidents: IncidentTable;
  private readonly sampleTable: SampleTable;
  private readonly rollups: RollupCache;
  private closed = false;

  private constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number,
  ) {
    migrate(db);
    this.sampleTable = new SampleTable(db);
    this.rollups = new RollupCache(db, this.sampleTable);
    this.incidents = new IncidentTable(db);
  }

  /**
   * Opens (creating if needed) the history file; ':memory:' for a throw-away history. A damaged file is
   * kept aside and a fresh one started (sqlite.ts openCheckedSqlite); onKeptAside says where it went.
   */
  static open(
    path: string,
    options: { now?: () => number; onKeptAside?: (kept: KeptAside) => void } = {},
  ): WatchHistory {
    const db = openCheckedSqlite(path, options.onKeptAside ?? (() => {}));
    try {
      return new WatchHistory(db, options.now ?? Date.now);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  append(storeId: string, sample: WatchSample): void {
    const valid = WatchSampleSchema.parse(sample);
    this.sampleTable.append(storeId, valid);
    this.rollups.sampleAdded(storeId, valid.at);
  }

  /** Many samples in one transaction (an import, a benchmark): one fsync, one rollup invalidation. */
  appendBatch(storeId: string, samples: readonly WatchSample[]): void {
    if (samples.length === 0) return;
    const valid = samples.map((s) => WatchSampleSchema.parse(s));
    inTransaction(this.db, () => {
      for (const s of valid) this.sampleTable.append(storeId, s);
      this.rollups.sampleAdded(
        storeId,
        valid.reduce((min, s) => Math.min(min, s.at), Number.POSITIVE_INFINITY),
      );
    });
  }

  /** Every sample in [from, to), oldest first. */
  samples(storeId: string, from: number, to: number): WatchSample[] {
    return this.sampleTable.samples(storeId, from, to);
  }

  count(storeId: string, from = 0, to = Number.MAX_SAFE_INTEGER): number {
    return this.sampleTable.count(storeId, from, to);
  }

  lastSample(storeId: string, kind: WatchSampleKind): WatchSample | null {
    return this.sampleTable.last(storeId, kind);
  }

  /**
   * What the chart screen shows for [from, to): hourly or daily buckets (success rate, p50/p95, failures
   * by outcome code), the failures as markers, the incidents, and on request every sample as a point.
   */
  chart(storeId: string, request: WatchChartRequestInput): WatchChartData {
    const r = WatchChartRequestSchema.parse(request);
    const buckets = this.rollups.buckets(
      storeId,
      r.from,
      r.to,
      r.granularity,
      r.utcOffsetMinutes,
      this.now(),
    );
    const points = r.points ? this.sampleTable.points(storeId, r.from, r.to, MAX_CHART_POINTS) : null;
    const failures = this.sampleTable.failures(storeId, r.from, r.to, MAX_CHART_FAILURES);
    return {
      storeId,
      from: r.from,
      to: r.to,
      granularity: r.granularity,
      utcOffsetMinutes: r.utcOffsetMinutes,
      buckets,
      points: points?.points ?? null,
      pointsTruncated: points?.truncated ?? false,
      failures: failures.failures,
      failuresTruncated: failures.truncated,
      incidents: this.incidents.between(storeId, r.from, r.to),
    };
  }

  /**
   * Rolls up the hours and days (at this UTC offset) that finished since the last call: cheap when called
   * after every sample, and what keeps the first chart load after months of watching fast.
   */
  sealRollups(storeId: string, utcOffsetMinutes: number, now = this.now()): void {
    this.rollups.sealFinished(storeId, utcOffsetMinutes, now);
  }

  /** The history of [from, to) as a report or bundle attaches it (shared/watch/watch-export.ts). */
  exportWindow(
    storeId: string,
    from: number,
    to: number,
    options: { maxSamples?: number } = {},
  ): WatchExport {
    if (!(to > from)) throw new RangeError('exportWindow: to must be after from');
    const settings = this.settings();
    return buildExport({
      storeId,
      from,
      to,
      samples: this.samples(storeId, from, to),
      incidents: this.incidents.between(storeId, from, to),
      // Straight from the window's rows: a window is hours, not months, and needs no rollup of its own.
      hourly: aggregateRows(
        this.sampleTable.aggregateRows(
          storeId,
          bucketStart(from, 'hour', 0),
          bucketStart(to - 1, 'hour', 0) + HOUR_MS,
        ),
        'hour',
        0,
      ),
      settings: settings
        ? {
            intervalSeconds: settings.intervalSeconds,
            simulationEverySamples: settings.simulationEverySamples,
          }
        : null,
      now: this.now(),
      ...(options.maxSamples ? { maxSamples: options.maxSamples } : {}),
    });
  }

  /** Deletes samples older than `days` (every store), closed incidents that ended before, and old rollups. */
  applyRetention(days: number, now = this.now()): RetentionResult {
    const cutoff = now - days * DAY_MS;
    const samplesDeleted = this.sampleTable.deleteOlderThan(cutoff);
    const incidentsDeleted = this.incidents.deleteClosedBefore(cutoff);
    this.rollups.deleteOlderThan(cutoff);
    return { cutoff, samplesDeleted, incidentsDeleted };
  }

  /** The app's watch settings, kept beside the history they shape; null until first saved. */
  settings(): WatchSettings | null {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'settings'`).get() as
      { value: string } | undefined;
    if (!row) return null;
    // Settings from a damaged or older file read as unset (defaults) rather than stopping the watch.
    try {
      const parsed = WatchSettingsSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  saveSettings(settings: WatchSettings): void {
    const valid = WatchSettingsSchema.parse(settings);
    this.db
      .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('settings', ?)`)
      .run(JSON.stringify(valid));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
