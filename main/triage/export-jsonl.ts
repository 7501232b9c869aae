import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import type { DatabaseSync } from '../watch/sqlite';
import type { TriageScope } from './triage-queries';
import { renameWithRetry } from '../fs/atomic-write';

/**
 * `triage --export OUT`: the index as JSON Lines, one file per table, for ClickHouse (JSONEachRow), DuckDB
 * (read_json_auto) and Spark (spark.read.json) as they are. The schema is in main/triage/README.md and the
 * README's "Triage" section. Times are UTC `YYYY-MM-DD HH:MM:SS.mmm` (every one of those engines parses
 * it without options) beside the same instant in epoch milliseconds. One row per distinct bundle, like
 * the summary; `--since` applies too.
 */
export const EXPORT_TABLES = ['bundles', 'checks', 'hops'] as const;

const sqlTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const SCOPED = `
WITH scoped AS (
  SELECT * FROM bundles WHERE substr(path, 1, :len) = :prefix AND diagnosed_ms >= :since
), uniq AS (
  SELECT * FROM scoped WHERE path IN (SELECT MIN(path) FROM scoped GROUP BY manifest_sha256)
)`;

const QUERIES: Record<(typeof EXPORT_TABLES)[number], string> = {
  bundles: `${SCOPED} SELECT * FROM uniq ORDER BY diagnosed_ms, path`,
  checks: `${SCOPED} SELECT c.* FROM checks c JOIN uniq u ON u.path = c.path ORDER BY u.diagnosed_ms, c.path`,
  hops: `${SCOPED} SELECT h.* FROM hops h JOIN uniq u ON u.path = h.path ORDER BY u.diagnosed_ms, h.path, h.position`,
};

type Row = Record<string, string | number | null>;

/** One JSON object per row, in the published column order. */
function line(table: (typeof EXPORT_TABLES)[number], row: Row, root: string): string {
  if (table === 'bundles') {
    return JSON.stringify({
      report_id: row.report_id,
      manifest_sha256: row.manifest_sha256,
      file: relative(root, String(row.path)).split('\\').join('/'),
      merchant_no: row.merchant_no,
      diagnosed_at: sqlTime(Number(row.diagnosed_ms)),
      diagnosed_ms: row.diagnosed_ms,
      created_at: sqlTime(Date.parse(String(row.created_at))),
      outcome: row.outcome,
      side: row.side,
      verdict_status: row.verdict_status,
      symptom: row.symptom,
      app_version: row.app_version,
      checks_failed: row.checks_failed,
      checks_warned: row.checks_warned,
      bytes: row.bytes,
    });
  }
  if (table === 'checks') {
    return JSON.stringify({
      report_id: row.report_id,
      check_id: row.check_id,
      check_group: row.check_group,
      status: row.status,
    });
  }
  return JSON.stringify({
    report_id: row.report_id,
    position: row.position,
    leg: row.leg,
    method: row.method,
    url: row.url,
    status: row.status,
    duration_ms: row.duration_ms,
    error: row.error,
  });
}

/**
 * Writes OUT/bundles.jsonl, OUT/checks.jsonl and OUT/hops.jsonl. Each streams from the index (rows are
 * never all in memory) to a temporary name, is flushed to disk and renamed: no half file under a real name.
 */
export async function exportJsonLines(
  db: DatabaseSync,
  scope: TriageScope,
  root: string,
  outDir: string,
): Promise<Record<(typeof EXPORT_TABLES)[number], { file: string; rows: number }>> {
  await mkdir(outDir, { recursive: true });
  const params = { len: scope.prefix.length, prefix: scope.prefix, since: scope.sinceMs };
  const written = {} as Record<(typeof EXPORT_TABLES)[number], { file: string; rows: number }>;
  for (const table of EXPORT_TABLES) {
    const file = join(outDir, `${table}.jsonl`);
    const temp = join(outDir, `.${table}.jsonl.partial-${randomBytes(6).toString('hex')}`);
    const out = createWriteStream(temp, { flush: true });
    let rows = 0;
    try {
      for (const row of db.prepare(QUERIES[table]).iterate(params) as Iterable<Row>) {
        rows++;
        if (!out.write(`${line(table, row, root)}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      await renameWithRetry(temp, file);
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
    written[table] = { file, rows };
  }
  return written;
}
