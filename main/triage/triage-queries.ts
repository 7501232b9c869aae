import type { ResponsibleSide } from '../../shared/simulation/outcome-explanations';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { IncidentRule, TriageGroup, TriageSummary } from '../../shared/triage/triage-view';
import type { DatabaseSync } from '../watch/sqlite';
import { findIncidents, type IncidentEvent } from './incidents';

/** What a triage reads back from the index for one folder. */
export interface TriageScope {
  /** The folder's absolute path with a trailing separator: rows whose path starts with it. */
  prefix: string;
  /** Only diagnoses at or after this instant (epoch ms) count; refused files are listed regardless. */
  sinceMs: number;
}

/** One verified bundle, newest first, as the table lists them. */
export interface IndexedRow {
  path: string;
  merchantNo: string;
  outcome: OutcomeCode | null;
  side: ResponsibleSide;
  diagnosedMs: number;
  reportId: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The verified bundles in scope, one row per distinct bundle: a bundle saved twice (same manifest) is
 * counted once, at the first of its paths. Computed once into a temporary table that the summary's
 * queries and the table's rows then read (the deduplication is the costly part; done three times it
 * tripled). One pass: MIN(path) per manifest takes the other columns from that same row (SQLite's rule
 * for bare columns beside a single min()), about twice as fast as `path IN (SELECT MIN(path) …)`.
 */
function materialize(db: DatabaseSync, scope: TriageScope): void {
  db.exec('DROP TABLE IF EXISTS temp.triage_scope');
  db.prepare(
    `CREATE TEMP TABLE triage_scope AS
     SELECT MIN(path) AS path, merchant_no, outcome, side, diagnosed_ms, report_id FROM bundles
     WHERE substr(path, 1, :len) = :prefix AND diagnosed_ms >= :since GROUP BY manifest_sha256`,
  ).run({ len: scope.prefix.length, prefix: scope.prefix, since: scope.sinceMs });
}

export function readSummary(db: DatabaseSync, scope: TriageScope, rule: IncidentRule): TriageSummary {
  materialize(db, scope);
  const groups = (
    db
      .prepare(
        `SELECT outcome, side, COUNT(*) AS count, COUNT(DISTINCT merchant_no) AS merchants,
                MIN(diagnosed_ms) AS first_ms, MAX(diagnosed_ms) AS last_ms
         FROM temp.triage_scope GROUP BY outcome, side ORDER BY count DESC, outcome, side`,
      )
      .all() as {
      outcome: OutcomeCode | null;
      side: ResponsibleSide;
      count: number;
      merchants: number;
      first_ms: number;
      last_ms: number;
    }[]
  ).map((g): TriageGroup => ({
    outcome: g.outcome,
    side: g.side,
    count: g.count,
    merchants: g.merchants,
    first_seen: iso(g.first_ms),
    last_seen: iso(g.last_ms),
  }));
  const events: IncidentEvent[] = [];
  const failed = db.prepare(
    `SELECT outcome, merchant_no, diagnosed_ms FROM temp.triage_scope
     WHERE outcome IS NOT NULL AND outcome <> 'REDIRECT_OK' ORDER BY outcome, diagnosed_ms`,
  );
  for (const row of failed.iterate() as Iterable<{
    outcome: OutcomeCode;
    merchant_no: string;
    diagnosed_ms: number;
  }>) {
    events.push({ outcome: row.outcome, merchantNo: row.merchant_no, at: row.diagnosed_ms });
  }
  const refused = readRefused(db, scope.prefix).map((r) => ({ file: r.path, code: r.code }));
  return {
    bundles: groups.reduce((sum, g) => sum + g.count, 0),
    refused,
    groups,
    incidents: findIncidents(events, rule),
  };
}

export function readRefused(db: DatabaseSync, prefix: string): { path: string; code: string }[] {
  return (
    db
      .prepare(
        `SELECT path, refused_code FROM files
         WHERE substr(path, 1, ?) = ? AND refused_code IS NOT NULL ORDER BY path`,
      )
      .all(prefix.length, prefix) as { path: string; refused_code: string }[]
  ).map((r) => ({ path: r.path, code: r.refused_code }));
}

/**
 * The bundles in scope, newest first, from `offset` on, at most `limit`: one page of the table, read
 * straight from the index (bundles_newest walks them in order, so a page costs its own rows, not the
 * folder's). A bundle saved twice counts once, at the first of its paths, as in the summary.
 */
export function readRowsPage(
  db: DatabaseSync,
  scope: TriageScope,
  offset: number,
  limit: number,
): IndexedRow[] {
  return (
    db
      .prepare(
        `SELECT path, merchant_no, outcome, side, diagnosed_ms, report_id FROM bundles AS b
         WHERE substr(path, 1, :len) = :prefix AND diagnosed_ms >= :since
           AND NOT EXISTS (SELECT 1 FROM bundles AS o WHERE o.manifest_sha256 = b.manifest_sha256
             AND o.path < b.path AND substr(o.path, 1, :len) = :prefix AND o.diagnosed_ms >= :since)
         ORDER BY diagnosed_ms DESC, path LIMIT :limit OFFSET :offset`,
      )
      .all({ len: scope.prefix.length, prefix: scope.prefix, since: scope.sinceMs, limit, offset }) as {
      path: string;
      merchant_no: string;
      outcome: OutcomeCode | null;
      side: ResponsibleSide;
      diagnosed_ms: number;
      report_id: string;
    }[]
  ).map((r) => ({
    path: r.path,
    merchantNo: r.merchant_no,
    outcome: r.outcome,
    side: r.side,
    diagnosedMs: r.diagnosed_ms,
    reportId: r.report_id,
  }));
}
