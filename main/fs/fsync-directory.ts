import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** fsync a directory so a rename in it survives a power cut (not possible, nor needed, on Windows). */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The same for synchronous writers; a file system that cannot sync a folder leaves the rename atomic, just not yet durable. */
export function fsyncDirectorySync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a folder (EINVAL): the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
