import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { processAlive } from '../fs/process-alive';

/**
 * One worker at a time per outbox item, across processes (the app and the CLI may share an outbox). The
 * lock is a file created atomically with its content (written beside it, then hard-linked into place: the
 * link fails if a lock exists). A lock is stale when its process is gone (same machine) or it has not been
 * touched for `staleAfterMs` (heartbeat stopped); a stale lock is moved aside and the move checked, so
 * two workers cannot both take it. Idempotency on the intake keeps a resend safe even if this were wrong.
 */
export interface LockInfo {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

export interface LockOptions {
  staleAfterMs: number;
  heartbeatMs: number;
}

export { processAlive };

export const DEFAULT_LOCK_OPTIONS: LockOptions = { staleAfterMs: 2 * 60_000, heartbeatMs: 20_000 };

async function readInfo(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' && typeof info.token === 'string' && typeof info.host === 'string'
      ? (info as LockInfo)
      : null;
  } catch {
    return null;
  }
}

async function isStale(path: string, info: LockInfo | null, options: LockOptions): Promise<boolean> {
  if (info && info.host === hostname() && !processAlive(info.pid)) return true;
  try {
    const { mtimeMs } = await stat(path);
    return Date.now() - mtimeMs > options.staleAfterMs;
  } catch {
    return false;
  }
}

export class ItemLock {
  private heartbeat: NodeJS.Timeout;
  private released = false;

  constructor(
    readonly path: string,
    readonly info: LockInfo,
    options: LockOptions,
  ) {
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.path, now, now).catch(() => {});
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Still ours? Checked before every network step, so a worker that lost its lock stops. */
  async held(): Promise<boolean> {
    if (this.released) return false;
    return (await readInfo(this.path))?.token === this.info.token;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.heartbeat);
    const current = await readInfo(this.path);
    if (current?.token === this.info.token) await rm(this.path, { force: true });
  }
}

/** Takes the lock at `path`, or returns null when a live worker holds it. */
export async function tryLock(
  path: string,
  options: LockOptions = DEFAULT_LOCK_OPTIONS,
): Promise<ItemLock | null> {
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    acquiredAt: new Date().toISOString(),
  };
  // Named after this process, so leftovers of a killed worker can be told apart and swept (see sweepLeftovers).
  const temp = `${path}.${process.pid}.${info.token}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(info));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(temp, path);
        return new ItemLock(path, info, options);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readInfo(path);
      if (!(await isStale(path, holder, options))) return null;
      const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readInfo(aside);
      if (moved?.token !== holder?.token) {
        // Another worker took the stale lock between our read and our move: give it back, untouched.
        await link(aside, path).catch(() => {});
        await rm(aside, { force: true });
        return null;
      }
      await rm(aside, { force: true });
    }
    return null;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Removes what killed workers left in an item folder: half-written state files and lock temp files,
 * each named `<file>.<pid>.<hex>.tmp|.stale`. Only files of processes that are gone are touched.
 */
export async function sweepLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const match = /^[a-z.]+\.(\d+)\.[0-9a-f]+\.(?:tmp|stale)$/.exec(name);
    if (match && !processAlive(Number(match[1]))) await rm(join(dir, name), { force: true });
  }
}
