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
