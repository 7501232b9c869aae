import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory, fsyncDirectorySync } from './fsync-directory';

/**
 * The one way we replace a file we persist (stores, profiles, settings, outbox state and reports, the
 * diagnosis history): write a temp file beside it, flush it to disk, rename it over the old one, flush the
 * folder. A reader, or the next start after a crash or power cut, sees the old content or the new, never a
 * mix; a write that fails (a full disk) removes its temp file. On Windows an antivirus or indexer often holds
 * the target open for a moment, so a rename refused with EPERM/EACCES/EBUSY is retried for about two
 * seconds before it fails.
 *
 * Why not `atomically` or `write-file-atomic`: `atomically` hooks SIGINT/SIGTERM when imported and
 * re-raises the signal, which can end the CLI before its graceful Ctrl+C finishes (tried: exit 130 instead
 * of the cancel path when the CLI's handler came first); `write-file-atomic` cannot name its temp file, and
 * the outbox sweeps a dead worker's leftovers by the pid in the name. Both would also hide the rename from
 * the retry test below. The sequence is short; one copy of it, tested, is the point.
 */

/** A rename refused for one of these on Windows is someone else's open handle, not a real failure. */
const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** Waits between rename attempts, in ms: about 2 s in all, then the error is the caller's. */
export const RENAME_RETRY_DELAYS = [20, 40, 80, 160, 250, 250, 250, 250, 250, 250, 250] as const;

/** What the retry needs from the machine; tests pass their own (a rename that fails, no real sleep). */
export interface RenameIo {
  platform: NodeJS.Platform;
  rename: (from: string, to: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
}

export interface RenameIoSync {
  platform: NodeJS.Platform;
  rename: (from: string, to: string) => void;
  sleep: (ms: number) => void;
}

const realIo = (): RenameIo => ({
  platform: process.platform,
  rename,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

const realIoSync = (): RenameIoSync => ({
  platform: process.platform,
  rename: renameSync,
  // A synchronous writer (the JSON files) waits without spinning the CPU.
  sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
});

function retryable(error: unknown, platform: NodeJS.Platform, attempt: number): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return platform === 'win32' && TRANSIENT.has(code) && attempt < RENAME_RETRY_DELAYS.length;
}

/** rename(2), retried while Windows reports the target as held by another process. */
export async function renameWithRetry(from: string, to: string, io: Partial<RenameIo> = {}): Promise<void> {
  const use = { ...realIo(), ...io };
  for (let attempt = 0; ; attempt++) {
    try {
      await use.rename(from, to);
      return;
    } catch (error) {
      if (!retryable(error, use.platform, attempt)) throw error;
      await use.sleep(RENAME_RETRY_DELAYS[attempt]!);
    }
  }
}

export function renameWithRetrySync(from: string, to: string, io: Partial<RenameIoSync> = {}): void {
  const use = { ...realIoSync(), ...io };
  for (let attempt = 0; ; attempt++) {
    try {
      use.rename(from, to);
      return;
    } catch (error) {
      if (!retryable(error, use.platform, attempt)) throw error;
      use.sleep(RENAME_RETRY_DELAYS[attempt]!);
    }
  }
}

/**
 * The temp file's name: `<file>.<pid>.<hex>.tmp` beside the target, so the outbox's sweep can tell a dead
 * writer's leftovers by the pid. A very long file name gets a short `.<pid>.<hex>.tmp` instead (a name plus
 * a suffix must stay under the 255-byte limit).
 */
export function tempPathFor(path: string): string {
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const name = basename(path);
  return join(dirname(path), Buffer.byteLength(name) > 200 ? `.${suffix}` : `${name}.${suffix}`);
}

export interface AtomicWriteOptions {
  /** Default 0o600: what we persist names the merchant's stores and reports; other users have no business reading it. */
  mode?: number;
  /** Flush the folder after the rename so the new name survives a power cut (default true; POSIX only). */
  syncFolder?: boolean;
  /** For tests: the rename step (see renameWithRetry). */
  renameIo?: Partial<RenameIo>;
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path, options.renameIo);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (options.syncFolder !== false) await fsyncDirectory(dirname(path));
}

export interface AtomicWriteSyncOptions extends Omit<AtomicWriteOptions, 'renameIo'> {
  renameIo?: Partial<RenameIoSync>;
}

/** The same, for the few writers that are synchronous (JSON files read and written at start-up). */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteSyncOptions = {},
): void {
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o600);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetrySync(temp, path, options.renameIo);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (options.syncFolder !== false) fsyncDirectorySync(dirname(path));
}
