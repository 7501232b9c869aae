import { existsSync, renameSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { keepAsideSync, type KeptAside } from '../kept-files';

export type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * The watch history lives in SQLite through Node's built-in `node:sqlite` (Node ≥ 22.13 without a flag,
 * and Electron ≥ 37, whose Node ships it again after electron/electron#47706). Why this store:
 * - No native addon: better-sqlite3 or sqlite3 would need an Electron rebuild with headers for every
 *   Electron upgrade and platform; the built-in one comes with the runtime, in the app and the CLI alike.
 * - A B-tree index on (store, time) keeps appends and range reads O(log n) over years of one-minute
 *   samples (525,600 a year), and WAL lets the app write while the CLI or a report reads the same file.
 * - Crash-safe: a sample is one transaction; a JSON-lines file would need its own compaction and a
 *   full read per chart.
 * Loaded with process.getBuiltinModule rather than an import so that bundlers (electron-vite) never try
 * to resolve it, and a runtime without it fails with a clear message only when watch mode is used.
 */
export function openSqlite(path: string): DatabaseSync {
  const sqlite = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite') | undefined;
  if (!sqlite?.DatabaseSync) {
    throw new Error(`node:sqlite is not available in this runtime (Node ${process.versions.node})`);
  }
  const db = new sqlite.DatabaseSync(path);
  try {
    // WAL: readers never block the writer; NORMAL sync is durable across app crashes (only an OS crash
    // can lose the last samples), which is the right trade for once-a-minute telemetry.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** SQLite's own words for a file that is not (or no longer) a database: SQLITE_NOTADB, SQLITE_CORRUPT. */
export function isDamagedDatabase(error: unknown): boolean {
  const e = error as { errcode?: unknown; message?: unknown } | null;
  const code = typeof e?.errcode === 'number' ? e.errcode & 0xff : null;
  return code === 26 || code === 11 || /malformed|not a database/i.test(String(e?.message ?? ''));
}

/**
 * Opens a database file we keep, checked first (`PRAGMA quick_check`). A damaged one (a bad header, a bad
 * inner page) is kept aside whole, with its -wal and -shm, as `<name>.damaged-<time>` (still openable with
 * sqlite3 for whoever wants to recover it), and a fresh empty file is opened in its place; onKeptAside is
 * told where it went. Anything else (no permission, a full disk) is thrown: that is not damage.
 */
export function openCheckedSqlite(
  path: string,
  onKeptAside: (kept: KeptAside) => void,
  now: number = Date.now(),
): DatabaseSync {
  if (path === ':memory:' || path === '') return openSqlite(path);
  let db: DatabaseSync | null = null;
  try {
    db = openSqlite(path);
    const [first] = db.prepare('PRAGMA quick_check(1)').all() as { quick_check?: unknown }[];
    if (first?.quick_check === 'ok') return db;
  } catch (error) {
    if (!isDamagedDatabase(error)) {
      db?.close();
      throw error;
    }
  }
  db?.close();
  const keptAs = keepAsideSync(path, now);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) keepAsideWith(path + suffix, keptAs + suffix);
  }
  onKeptAside({ file: path, keptAs });
  return openSqlite(path);
}

function keepAsideWith(from: string, to: string): void {
  renameSync(from, to);
}

/** Runs fn in one transaction: all of it or none of it, and one fsync instead of one per row. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
