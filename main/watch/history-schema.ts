import type { DatabaseSync } from './sqlite';

/** Bumped when the tables change; opening a newer file with an older app is refused rather than guessed at. */
export const HISTORY_SCHEMA_VERSION = 1;

/**
 * Times are INTEGER epoch milliseconds: compact, index-ordered, and no time zone in storage (buckets
 * are aligned to the viewer's offset when charted). `kind` is 0 probe / 1 simulation to keep rows small.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS samples (
  id INTEGER PRIMARY KEY,
  store_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  target TEXT,
  http_status INTEGER,
  gw_dns REAL, gw_connect REAL, gw_tls REAL, gw_wait REAL, gw_total REAL,
  ca_dns REAL, ca_connect REAL, ca_tls REAL, ca_wait REAL, ca_total REAL,
  ready_ms REAL,
  duration_ms REAL NOT NULL,
  error TEXT
);
CREATE INDEX IF NOT EXISTS samples_by_time ON samples (store_id, at);
-- Failure markers over a year read only the failures, not every sample.
CREATE INDEX IF NOT EXISTS samples_failures ON samples (store_id, at) WHERE ok = 0;
-- Retention deletes across stores by time.
CREATE INDEX IF NOT EXISTS samples_at ON samples (at);

CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY,
  store_id TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  first_outcome TEXT NOT NULL,
  last_outcome TEXT NOT NULL,
  failed_samples INTEGER NOT NULL,
  outcomes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_time ON incidents (store_id, opened_at);

-- Finished hour and day buckets, computed once (percentiles cannot be combined from smaller buckets).
CREATE TABLE IF NOT EXISTS rollups (
  store_id TEXT NOT NULL,
  granularity TEXT NOT NULL,
  offset_min INTEGER NOT NULL,
  start INTEGER NOT NULL,
  bucket TEXT NOT NULL,
  PRIMARY KEY (store_id, granularity, offset_min, start)
) WITHOUT ROWID;

-- Every bucket of (store, granularity, offset) that starts before complete_before is in rollups; a late
-- sample lowers it so its bucket is recomputed.
CREATE TABLE IF NOT EXISTS rollup_state (
  store_id TEXT NOT NULL,
  granularity TEXT NOT NULL,
  offset_min INTEGER NOT NULL,
  size_ms INTEGER NOT NULL,
  complete_before INTEGER NOT NULL,
  PRIMARY KEY (store_id, granularity, offset_min)
) WITHOUT ROWID;
`;

export function migrate(db: DatabaseSync): void {
  db.exec(DDL);
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as
    { value: string } | undefined;
  const version = row ? Number(row.value) : null;
  if (version === null) {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(
      String(HISTORY_SCHEMA_VERSION),
    );
  } else if (version > HISTORY_SCHEMA_VERSION) {
    throw new Error(
      `The watch history was written by a newer version of the app (schema ${version}; this one reads ${HISTORY_SCHEMA_VERSION})`,
    );
  }
}
