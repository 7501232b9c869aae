import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  RENAME_RETRY_DELAYS,
  renameWithRetry,
  tempPathFor,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../../main/fs/atomic-write';

const root = mkdtempSync(join(tmpdir(), 'bt-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => mkdtempSync(join(root, `${n++}-`));

const errno = (code: string) => Object.assign(new Error(`${code}: held by another process`), { code });
const OLD = `{"stores":["old"]}\n`;
const NEW = `{"stores":["new","and more"]}\n`;

describe('writeFileAtomic', () => {
  it('replaces a file whole, private to the user, with no temp file left (async and sync)', async () => {
    const dir = freshDir();
    const path = join(dir, 'stores.json');
    await writeFileAtomic(path, OLD);
    await writeFileAtomic(path, NEW);
    expect(readFileSync(path, 'utf8')).toBe(NEW);
    writeFileAtomicSync(path, Buffer.from(OLD));
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['stores.json']);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('an interrupted write (stopped before the rename) leaves the old file whole and no temp behind', async () => {
    const dir = freshDir();
    const path = join(dir, 'state.json');
    writeFileSync(path, OLD);
    const stop = errno('ENOSPC');
    await expect(
      writeFileAtomic(path, NEW, { renameIo: { rename: () => Promise.reject(stop) } }),
    ).rejects.toBe(stop);
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(() =>
      writeFileAtomicSync(path, NEW, {
        renameIo: {
          rename: () => {
            throw stop;
          },
        },
      }),
    ).toThrow(stop);
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('a temp file a killed writer leaves is named for its pid, as the outbox sweep expects', () => {
    const temp = basename(tempPathFor('/data/outbox/items/r1/state.json'));
    expect(temp).toMatch(new RegExp(`^state\\.json\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
    // The pattern of main/outbox/item-lock.ts sweepLeftovers.
    expect(temp).toMatch(/^[a-z.]+\.(\d+)\.[0-9a-f]+\.(?:tmp|stale)$/);
    // A name too long for a suffix gets a short hidden temp name instead (255-byte limit).
    expect(basename(tempPathFor(`/d/${'店'.repeat(80)}.json`))).toMatch(/^\.\d+\.[0-9a-f]{8}\.tmp$/);
  });
});

describe('renameWithRetry', () => {
  it('on Windows, EPERM and EBUSY on rename (an antivirus holding the file) are retried until it lets go', async () => {
    const dir = freshDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, OLD);
    const refusals = [errno('EPERM'), errno('EBUSY'), errno('EACCES')];
    const calls: string[] = [];
    const slept: number[] = [];
    await writeFileAtomic(path, NEW, {
      renameIo: {
        platform: 'win32',
        rename: async (from, to) => {
          calls.push(basename(from));
          const refusal = refusals.shift();
          if (refusal) throw refusal;
          await rename(from, to);
        },
        sleep: async (ms) => void slept.push(ms),
      },
    });
    expect(calls).toHaveLength(4);
    expect(new Set(calls).size).toBe(1); // the same temp file each time
    expect(slept).toEqual(RENAME_RETRY_DELAYS.slice(0, 3));
    expect(readFileSync(path, 'utf8')).toBe(NEW);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('gives up after about two seconds of refusals, and never retries elsewhere or for other errors', async () => {
    const slept: number[] = [];
    let calls = 0;
    const alwaysHeld = {
      platform: 'win32' as const,
      rename: async () => {
        calls++;
        throw errno('EPERM');
      },
      sleep: async (ms: number) => void slept.push(ms),
    };
    await expect(renameWithRetry('a', 'b', alwaysHeld)).rejects.toMatchObject({ code: 'EPERM' });
    expect(calls).toBe(RENAME_RETRY_DELAYS.length + 1);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(slept.reduce((a, b) => a + b, 0)).toBeLessThan(2500);

    calls = 0;
    await expect(renameWithRetry('a', 'b', { ...alwaysHeld, platform: 'linux' })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      renameWithRetry('a', 'b', {
        ...alwaysHeld,
        rename: async () => {
          calls++;
          throw errno('ENOSPC');
        },
      }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(calls).toBe(1);
  });

  it('the synchronous writer retries the same way', () => {
    const dir = freshDir();
    const path = join(dir, 'profiles.json');
    writeFileSync(path, OLD);
    let refused = 0;
    const slept: number[] = [];
    writeFileAtomicSync(path, NEW, {
      renameIo: {
        platform: 'win32',
        rename: (from, to) => {
          if (refused++ < 2) throw errno('EBUSY');
          renameSync(from, to);
        },
        sleep: (ms) => void slept.push(ms),
      },
    });
    expect(slept).toEqual([20, 40]);
    expect(readFileSync(path, 'utf8')).toBe(NEW);
  });
});
