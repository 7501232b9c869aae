import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../fs/process-alive';

/** Our browser's throw-away HOME (simulation/nss-trust-home.ts), named after the process that made it. */
export const BROWSER_HOME_PREFIX = 'baitiao-doctor-browser-';
/** Playwright's own scratch folder for downloads and traces (we use neither, so ours stay empty). */
const PLAYWRIGHT_PREFIX = 'playwright-artifacts-';
/** Leftovers without an owner we can ask about are only taken once they are this old. */
const ORPHAN_AGE_MS = 60 * 60_000;

/**
 * What a killed simulation leaves in the temp folder (kill -9 skips every cleanup), swept at the next
 * start: a browser HOME whose process is gone, and empty Playwright scratch folders over an hour old
 * (another program's Playwright may be running: anything not empty, or fresh, is left alone).
 */
export async function sweepTempLeftovers(options: { dir?: string; now?: number } = {}): Promise<string[]> {
  const dir = options.dir ?? tmpdir();
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (name.startsWith(BROWSER_HOME_PREFIX)) {
        const pid = /^baitiao-doctor-browser-(\d+)-/.exec(name)?.[1];
        const gone = pid ? !processAlive(Number(pid)) : now - (await stat(path)).mtimeMs > ORPHAN_AGE_MS;
        if (!gone) continue;
      } else if (name.startsWith(PLAYWRIGHT_PREFIX)) {
        const info = await stat(path);
        if (!info.isDirectory() || now - info.mtimeMs <= ORPHAN_AGE_MS) continue;
        if (typeof process.getuid === 'function' && info.uid !== process.getuid()) continue;
        if ((await readdir(path)).length > 0) continue;
      } else continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Vanished meanwhile, or not ours to remove: left as it is.
    }
  }
  return removed;
}
