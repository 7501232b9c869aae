import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDirectory } from '../fs/fsync-directory';

/**
 * Replaces a file so that a reader (or the next start after a crash) sees the old content or the new, never
 * a mix: write a temp file beside it, flush it to disk, rename it over the old one, flush the directory.
 * A write that fails (a full disk) removes its temp file: no empty leftovers. Reading goes through
 * main/kept-files (readCheckedJson), which validates and keeps damaged files aside.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  // Named <file>.<pid>.<hex>.tmp: item-lock's sweepLeftovers removes those of a process that died.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(path));
}
