import type {
  SampleOutcome,
  TargetTimings,
  WatchSample,
  WatchSampleKind,
  WatchTarget,
} from '../../shared/watch/watch-sample';
import type { WatchFailureMark, WatchPoint } from '../../shared/watch/watch-chart';
import type { DatabaseSync, StatementSync } from './sqlite';

const KIND_CODE: Record<WatchSampleKind, number> = { probe: 0, simulation: 1 };
export const kindOf = (code: number): WatchSampleKind => (code === 1 ? 'simulation' : 'probe');

/** The columns a bucket aggregate needs, nothing more: these rows are read by the hundred thousand. */
export interface AggregateRow {
  at: number;
  kind: number;
  ok: number;
  outcome: string;
  gw_total: number | null;
  ca_total: number | null;
  ready_ms: number | null;
}

interface SampleRow extends AggregateRow {
  target: string | null;
  http_status: number | null;
  gw_dns: number | null;
  gw_connect: number | null;
  gw_tls: number | null;
  gw_wait: number | null;
  ca_dns: number | null;
  ca_connect: number | null;
  ca_tls: number | null;
  ca_wait: number | null;
  duration_ms: number;
  error: string | null;
}

const timings = (
  dns: number | null,
  connect: number | null,
  tls: number | null,
  wait: number | null,
  total: number | null,
): TargetTimings | null => (total === null ? null : { dns, connect, tls, wait, total });

function sampleFromRow(row: SampleRow): WatchSample {
  return {
    at: row.at,
    kind: kindOf(row.kind),
    ok: row.ok === 1,
    outcome: row.outcome as SampleOutcome,
    target: row.target as WatchTarget | null,
    httpStatus: row.http_status,
    gateway: timings(row.gw_dns, row.gw_connect, row.gw_tls, row.gw_wait, row.gw_total),
    cashier: timings(row.ca_dns, row.ca_connect, row.ca_tls, row.ca_wait, row.ca_total),
    timeToReadyMs: row.ready_ms,
    durationMs: row.duration_ms,
    error: row.error,
  };
}

/** The samples table: append one, read a range in the shapes the chart, the export and the tracker need. */
export class SampleTable {
  private readonly insert: StatementSync;
  private readonly range: StatementSync;
  private readonly aggregateRange: StatementSync;
  private readonly recentPoints: StatementSync;
  private readonly recentFailures: StatementSync;
  private readonly countRange: StatementSync;
  private readonly lastOfKind: StatementSync;
  private readonly firstAt: StatementSync;
  private readonly deleteBefore: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      `INSERT INTO samples (store_id, at, kind, ok, outcome, target, http_status,
         gw_dns, gw_connect, gw_tls, gw_wait, gw_total, ca_dns, ca_connect, ca_tls, ca_wait, ca_total,
         ready_ms, duration_ms, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.range = db.prepare(
      `SELECT * FROM samples WHERE store_id = ? AND at >= ? AND at < ? ORDER BY at, id`,
    );
    this.aggregateRange = db.prepare(
      `SELECT at, kind, ok, outcome, gw_total, ca_total, ready_ms FROM samples
       WHERE store_id = ? AND at >= ? AND at < ? ORDER BY at`,
    );
    this.recentPoints = db.prepare(
      `SELECT at, kind, ok, outcome, gw_total, ca_total, ready_ms FROM samples
       WHERE store_id = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?`,
    );
    this.recentFailures = db.prepare(
      `SELECT at, kind, outcome, target FROM samples
       WHERE store_id = ? AND at >= ? AND at < ? AND ok = 0 ORDER BY at DESC LIMIT ?`,
    );
    this.countRange = db.prepare(
      `SELECT count(*) AS n FROM samples WHERE store_id = ? AND at >= ? AND at < ?`,
    );
    this.lastOfKind = db.prepare(
      `SELECT * FROM samples WHERE store_id = ? AND kind = ? ORDER BY at DESC, id DESC LIMIT 1`,
    );
    this.firstAt = db.prepare(`SELECT min(at) AS at FROM samples WHERE store_id = ?`);
    this.deleteBefore = db.prepare(`DELETE FROM samples WHERE at < ?`);
  }

  append(storeId: string, s: WatchSample): void {
    const g = s.gateway;
    const c = s.cashier;
    this.insert.run(
      storeId,
      s.at,
      KIND_CODE[s.kind],
      s.ok ? 1 : 0,
      s.outcome,
      s.target,
      s.httpStatus,
      g?.dns ?? null,
      g?.connect ?? null,
      g?.tls ?? null,
      g?.wait ?? null,
      g?.total ?? null,
      c?.dns ?? null,
      c?.connect ?? null,
      c?.tls ?? null,
      c?.wait ?? null,
      c?.total ?? null,
      s.timeToReadyMs,
      s.durationMs,
      s.error,
    );
  }

  /** Every sample in [from, to), oldest first. */
  samples(storeId: string, from: number, to: number): WatchSample[] {
    return (this.range.all(storeId, from, to) as unknown as SampleRow[]).map(sampleFromRow);
  }

  aggregateRows(storeId: string, from: number, to: number): AggregateRow[] {
    return this.aggregateRange.all(storeId, from, to) as unknown as AggregateRow[];
  }

  /** The same rows one at a time: rolling up months must not hold them all in memory. */
  iterateAggregateRows(storeId: string, from: number, to: number): Iterable<AggregateRow> {
    return this.aggregateRange.iterate(storeId, from, to) as unknown as Iterable<AggregateRow>;
  }

  count(storeId: string, from: number, to: number): number {
    return (this.countRange.get(storeId, from, to) as { n: number }).n;
  }

  /** The most recent `limit` samples of the range, oldest first, and whether there were more. */
  points(
    storeId: string,
    from: number,
    to: number,
    limit: number,
  ): { points: WatchPoint[]; truncated: boolean } {
    const rows = this.recentPoints.all(storeId, from, to, limit + 1) as unknown as AggregateRow[];
    const truncated = rows.length > limit;
    const points: WatchPoint[] = [];
    for (let i = Math.min(rows.length, limit) - 1; i >= 0; i -= 1) {
      const r = rows[i]!;
      points.push({
        at: r.at,
        kind: kindOf(r.kind),
        ok: r.ok === 1,
        outcome: r.outcome as SampleOutcome,
        gatewayMs: r.gw_total,
        cashierMs: r.ca_total,
        timeToReadyMs: r.ready_ms,
      });
    }
    return { points, truncated };
  }

  failures(
    storeId: string,
    from: number,
    to: number,
    limit: number,
  ): { failures: WatchFailureMark[]; truncated: boolean } {
    const rows = this.recentFailures.all(storeId, from, to, limit + 1) as unknown as {
      at: number;
      kind: number;
      outcome: string;
      target: string | null;
    }[];
    const truncated = rows.length > limit;
    const failures = rows
      .slice(0, limit)
      .reverse()
      .map((r) => ({
        at: r.at,
        kind: kindOf(r.kind),
        outcome: r.outcome as SampleOutcome,
        target: r.target as WatchTarget | null,
      }));
    return { failures, truncated };
  }

  last(storeId: string, kind: WatchSampleKind): WatchSample | null {
    const row = this.lastOfKind.get(storeId, KIND_CODE[kind]) as SampleRow | undefined;
    return row ? sampleFromRow(row) : null;
  }

  firstSampleAt(storeId: string): number | null {
    return (this.firstAt.get(storeId) as { at: number | null }).at;
  }

  /** Retention, across every store in the file. */
  deleteOlderThan(cutoff: number): number {
    return Number(this.deleteBefore.run(cutoff).changes);
  }
}
