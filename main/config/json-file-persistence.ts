import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RegistryPersistence } from './store-registry';

/**
 * A JSON document on disk (the store list, imported profiles, settings outside Electron). A write goes
 * to a temporary file in the same folder, is flushed to disk, then renamed over the old file: a crash
 * or power cut leaves either the old list or the new one, never half of one.
 */
export class JsonFilePersistence implements RegistryPersistence {
  constructor(
    readonly path: string,
    /** Told where a damaged file was kept, so the app can tell the user their settings were reset. */
    private readonly onCorrupt?: (keptAs: string) => void,
  ) {}

  read(): unknown {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Keep the damaged file for whoever wants to recover it; the next write would replace it.
      const keptAs = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, keptAs);
      this.onCorrupt?.(keptAs);
      return undefined;
    }
  }

  write(value: unknown): void {
    const folder = dirname(this.path);
    mkdirSync(folder, { recursive: true });
    const temp = join(folder, `.${basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const data = `${JSON.stringify(value, null, 2)}\n`;
    try {
      // 0o600: the list names the merchant's stores; other users of the machine have no business reading it.
      const fd = openSync(temp, 'wx', 0o600);
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameWithRetry(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    syncFolder(folder);
  }
}

/** Windows refuses a rename while an antivirus or indexer holds the target open; it lets go quickly. */
function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (process.platform !== 'win32' || !transient || attempt >= 10) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** On POSIX the rename is durable only once the folder itself is flushed. Windows has no such call. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (Windows): the rename is still atomic, just not yet durable.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
