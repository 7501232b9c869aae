import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqlite, inTransaction, type DatabaseSync, type StatementSync } from '../watch/sqlite';
import type { BundleFacts } from './bundle-facts';

/**
 * The triage index: one SQLite file (node:sqlite, as watch mode), keyed by each bundle's absolute path.
 * `files` remembers every file seen (size, mtime, manifest hash, or the reader's refusal), so a re-run
 * verifies only new or changed files; `bundles`, `checks` and `hops` hold what verified bundles say,
 * the tables `--export` writes as JSON Lines.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  manifest_sha256 TEXT,
  refused_code TEXT,
  seen_run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bundles (
  path TEXT PRIMARY KEY,
  report_id TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  merchant_no TEXT NOT NULL,
  created_at TEXT NOT NULL,
  diagnosed_ms INTEGER NOT NULL,
  outcome TEXT,
  side TEXT NOT NULL,
  verdict_status TEXT NOT NULL,
  symptom TEXT NOT NULL,
  app_version TEXT NOT NULL,
  checks_failed INTEGER NOT NULL,
  checks_warned INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bundles_manifest ON bundles (manifest_sha256);
CREATE INDEX IF NOT EXISTS bundles_outcome_time ON bundles (outcome, diagnosed_ms);
CREATE TABLE IF NOT EXISTS checks (
  path TEXT NOT NULL,
  report_id TEXT NOT NULL,
  check_id TEXT NOT NULL,
  check_group TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_path ON checks (path);
CREATE TABLE IF NOT EXISTS hops (
  path TEXT NOT NULL,
  report_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  leg TEXT NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  status INTEGER,
  duration_ms REAL,
  error TEXT
);
CREATE INDEX IF NOT EXISTS hops_path ON hops (path);
CREATE INDEX IF NOT EXISTS bundles_newest ON bundles (diagnosed_ms DESC, path);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS summaries (
  prefix TEXT NOT NULL,
  since_ms INTEGER NOT NULL,
  min_merchants INTEGER NOT NULL,
  window_minutes REAL NOT NULL,
  generation INTEGER NOT NULL,
  summary TEXT NOT NULL,
  PRIMARY KEY (prefix, since_ms, min_merchants, window_minutes)
);
`;

/** Which stored summary: a folder's scope and the incident rule it was computed with. */
export interface SummaryKey {
  prefix: string;
  sinceMs: number;
  minMerchants: number;
  windowMinutes: number;
}

/** A file's last verdict, for change detection. */
export interface KnownFile {
  size: number;
  mtimeMs: number;
}

export interface VerifiedRow {
  path: string;
  size: number;
  mtimeMs: number;
  facts: BundleFacts;
}
export interface RefusedRow {
  path: string;
  size: number;
  mtimeMs: number;
  code: string;
}

export class TriageIndex {
  private readonly known: StatementSync;
  private readonly touch: StatementSync;
  private readonly putFile: StatementSync;
  private readonly putBundle: StatementSync;
  private readonly putCheck: StatementSync;
  private readonly putHop: StatementSync;
  private readonly dropRows: StatementSync[];
  private readonly bump: StatementSync;
  private readonly readGeneration: StatementSync;

  private constructor(readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    // The summary's temporary table (triage-queries.ts) is rebuilt at each read: in memory, not a temp file.
    db.exec('PRAGMA temp_store = MEMORY');
    this.known = db.prepare('SELECT size, mtime_ms FROM files WHERE path = ?');
    this.touch = db.prepare('UPDATE files SET seen_run = ? WHERE path = ?');
    this.putFile = db.prepare(
      `INSERT OR REPLACE INTO files (path, size, mtime_ms, manifest_sha256, refused_code, seen_run)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.putBundle = db.prepare(
      `INSERT INTO bundles (path, report_id, manifest_sha256, merchant_no, created_at, diagnosed_ms, outcome,
         side, verdict_status, symptom, app_version, checks_failed, checks_warned, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.putCheck = db.prepare(
      'INSERT INTO checks (path, report_id, check_id, check_group, status) VALUES (?, ?, ?, ?, ?)',
    );
    this.putHop = db.prepare(
      `INSERT INTO hops (path, report_id, position, leg, method, url, status, duration_ms, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dropRows = ['bundles', 'checks', 'hops'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE path = ?`),
    );
    this.bump = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('generation', 1)
       ON CONFLICT (key) DO UPDATE SET value = value + 1`,
    );
    this.readGeneration = db.prepare(`SELECT value FROM meta WHERE key = 'generation'`);
  }

  /**
   * Goes up with every change to what the index holds (files recorded or forgotten, in the same
   * transaction): a summary stored at an older generation may be out of date.
   */
  generation(): number {
    const row = this.readGeneration.get() as { value: number } | undefined;
    return row?.value ?? 0;
  }

  /** The summary last stored for this scope and rule, and the generation it was computed at. */
  storedSummary(key: SummaryKey): { generation: number; json: string } | null {
    const row = this.db
      .prepare(
        `SELECT generation, summary FROM summaries
         WHERE prefix = ? AND since_ms = ? AND min_merchants = ? AND window_minutes = ?`,
      )
      .get(key.prefix, key.sinceMs, key.minMerchants, key.windowMinutes) as
      { generation: number; summary: string } | undefined;
    return row ? { generation: row.generation, json: row.summary } : null;
  }

  storeSummary(key: SummaryKey, generation: number, json: string): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO summaries (prefix, since_ms, min_merchants, window_minutes, generation, summary)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(key.prefix, key.sinceMs, key.minMerchants, key.windowMinutes, generation, json);
  }

  static open(file: string): TriageIndex {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return new TriageIndex(openSqlite(file));
  }

  /** The size and mtime the index last verified this path at, or null. */
  knownFile(path: string): KnownFile | null {
    const row = this.known.get(path) as { size: number; mtime_ms: number } | undefined;
    return row ? { size: row.size, mtimeMs: row.mtime_ms } : null;
  }

  /** Marks unchanged files as still there, in one transaction. */
  markSeen(paths: readonly string[], run: number): void {
    inTransaction(this.db, () => {
      for (const path of paths) this.touch.run(run, path);
    });
  }

  /** Replaces what the index knows of these files, in one transaction. */
  record(rows: readonly (VerifiedRow | RefusedRow)[], run: number): void {
    inTransaction(this.db, () => {
      this.bump.run();
      for (const row of rows) {
        for (const drop of this.dropRows) drop.run(row.path);
        if ('code' in row) {
          this.putFile.run(row.path, row.size, row.mtimeMs, null, row.code, run);
          continue;
        }
        const f = row.facts;
        this.putFile.run(row.path, row.size, row.mtimeMs, f.manifestSha256, null, run);
        this.putBundle.run(
          row.path,
          f.reportId,
          f.manifestSha256,
          f.merchantNo,
          f.createdAt,
          f.diagnosedMs,
          f.outcome,
          f.side,
          f.verdictStatus,
          f.symptom,
          f.appVersion,
          f.checks.filter((c) => c.status === 'fail' || c.status === 'error').length,
          f.checks.filter((c) => c.status === 'warn').length,
          row.size,
        );
        for (const c of f.checks) this.putCheck.run(row.path, f.reportId, c.id, c.group, c.status);
        for (const h of f.hops) {
          this.putHop.run(
            row.path,
            f.reportId,
            h.position,
            h.leg,
            h.method,
            h.url,
            h.status,
            h.durationMs,
            h.error,
          );
        }
      }
    });
  }

  /** Whether any file under `prefix` (a folder, ending in a separator) was indexed before. */
  knowsFolder(prefix: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM files WHERE substr(path, 1, ?) = ? LIMIT 1')
        .get(prefix.length, prefix) !== undefined
    );
  }

  /** Forgets files under `prefix` (the folder, ending in a separator) that this run did not see. */
  forgetMissing(prefix: string, run: number): number {
    return inTransaction(this.db, () => {
      const gone = this.db
        .prepare('SELECT path FROM files WHERE substr(path, 1, ?) = ? AND seen_run <> ?')
        .all(prefix.length, prefix, run) as { path: string }[];
      const forget = this.db.prepare('DELETE FROM files WHERE path = ?');
      if (gone.length > 0) this.bump.run();
      for (const { path } of gone) {
        forget.run(path);
        for (const drop of this.dropRows) drop.run(path);
      }
      return gone.length;
    });
  }

  close(): void {
    this.db.close();
  }
}
