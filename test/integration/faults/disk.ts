import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small disk for fault tests: a tmpfs of `sizeKb`, mounted where the test can fill it up or make it
 * read-only. Needs root (or CAP_SYS_ADMIN); where mounting is not allowed, null and the reason, and the
 * test injects the error instead (saying so).
 */
export interface TinyDisk {
  dir: string;
  /** Remounts it read-only: as root, chmod would not stop a write, a read-only mount does. */
  readOnly(): void;
  unmount(): void;
}

export function mountTinyDisk(sizeKb: number): { disk: TinyDisk | null; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bt-tmpfs-'));
  if (process.env.BT_TEST_NO_MOUNT === '1') {
    rmdirSync(dir);
    return { disk: null, reason: 'BT_TEST_NO_MOUNT=1' };
  }
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mount.status !== 0) {
    rmdirSync(dir);
    return { disk: null, reason: `mount -t tmpfs failed: ${(mount.stderr || String(mount.error)).trim()}` };
  }
  return {
    reason: '',
    disk: {
      dir,
      readOnly() {
        const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`remount,ro failed: ${r.stderr}`);
      },
      unmount() {
        spawnSync('umount', ['-l', dir]);
        try {
          rmdirSync(dir);
        } catch {
          // Still busy; the temp folder is swept with the rest.
        }
      },
    },
  };
}
