import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { findBrowser } from '../../../main/simulation';
import {
  createPlaywrightLauncher,
  SIMULATION_DISABLED_FEATURES,
} from '../../../main/simulation/playwright-launcher';
import { DEVICE_PROFILES } from '../../../shared/simulation/device-profiles';

/**
 * A diagnosis opens the phone's and the computer's sessions at the same moment. The launcher must start
 * one browser for both and close it: a second, forgotten browser would keep a CLI process from exiting.
 */
const browser = findBrowser();
const missing =
  process.platform !== 'linux'
    ? 'counts processes through /proc (Linux only)'
    : !browser.found
      ? `no browser: ${browser.reason['en-US']}`
      : null;
if (missing) console.warn(`launcher concurrency test skipped: ${missing}`);

/** Chromium processes started under this test process (its own children and theirs). */
function browserProcesses(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => {
    if (!mine(pid)) return false;
    try {
      return (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '').includes('chrom');
    } catch {
      return false;
    }
  });
}

/** Every --disable-features list on the browser process's command line, in order. */
function disabledFeatureLists(pids: number[]): string[][] {
  for (const pid of pids) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => arg.startsWith('--type='))) continue;
      return args
        .filter((arg) => arg.startsWith('--disable-features='))
        .map((arg) => arg.slice('--disable-features='.length).split(','));
    } catch {
      // exited meanwhile
    }
  }
  return [];
}

describe.skipIf(missing !== null)('Playwright launcher: sessions asked for at once', () => {
  it('start one browser, and closing the launcher leaves no browser behind', async () => {
    if (!browser.found) return;
    const launcher = createPlaywrightLauncher({ executablePath: browser.path });
    const request = (device: 'pc' | 'iphone-wechat') => ({
      extraCaCertificates: [],
      viewport: DEVICE_PROFILES[device].viewport,
      device: DEVICE_PROFILES[device],
    });
    const sessions = await Promise.all([
      launcher.openSession(request('iphone-wechat')),
      launcher.openSession(request('pc')),
    ]);
    expect(sessions).toHaveLength(2);
    expect(browserProcesses().length).toBeGreaterThan(0);

    // Chromium keeps only the last --disable-features: it must still hold Playwright's own and ours.
    const lists = disabledFeatureLists(browserProcesses());
    expect(lists.length).toBeGreaterThan(0);
    const effective = lists.at(-1)!;
    for (const feature of [...lists.flat(), ...SIMULATION_DISABLED_FEATURES])
      expect(effective).toContain(feature);
    // Each device is one page and nothing else: no address-bar popups preloaded as pages of their own.
    for (const session of sessions) {
      const { targetInfos } = (await session.transport.send('Target.getTargets')) as {
        targetInfos: { type: string; url: string }[];
      };
      expect(targetInfos.filter((t) => t.type !== 'page').map((t) => t.url)).toEqual([]);
    }
    await Promise.all(sessions.map((session) => session.close()));
    await launcher.close();
    await vi.waitFor(() => expect(browserProcesses()).toEqual([]), { timeout: 10_000, interval: 100 });
  });
});
