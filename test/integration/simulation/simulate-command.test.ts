import { har as validateHar } from 'har-validator';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { findBrowser } from '../../../main/simulation';
import { findCertutil } from '../../../main/simulation/nss-trust-home';

/** `baitiao-doctor simulate` in-process against the sandbox's written store.json and platform.json. */
const browser = findBrowser();
// The sandbox CA reaches Chromium through a throw-away NSS database: certutil (libnss3-tools) makes it.
const missing = !browser.found
  ? `no browser: ${browser.reason['en-US']}`
  : !findCertutil()
    ? 'no certutil (libnss3-tools): Chromium cannot be given the sandbox CA; simulation tests skipped'
    : null;

let sandbox: Sandbox;
let files: SandboxFiles;
let dir: string;

function io(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      language,
      stopSignal: new AbortController().signal,
    },
  };
}
const args = (...extra: string[]) => [
  'simulate',
  '--store',
  files.storePath,
  '--platform',
  files.platformPath,
  ...extra,
];

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
  files = await writeSandboxFiles(sandbox, dir);
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('simulate command: input', () => {
  it('bad input is exit 2, naming the option', async () => {
    const runs = io();
    expect(await runCli(args('--runs', '0'), runs.io)).toBe(2);
    expect(runs.err.join('\n')).toContain('--runs');
    const nobrowser = io();
    expect(await runCli(args('--browser', join(dir, 'no-such-chrome')), nobrowser.io)).toBe(2);
    expect(nobrowser.err.join('\n')).toContain('no-such-chrome');
    const device = io();
    expect(await runCli(args('--device', 'nokia'), device.io)).toBe(2);
    expect(device.err.join('\n')).toMatch(/--device.*nokia.*iphone-wechat/);
    const network = io();
    expect(await runCli(args('--network', '5g'), network.io)).toBe(2);
    expect(network.err.join('\n')).toMatch(/--network.*5g.*slow-4g/);
    const nostore = io();
    expect(await runCli(['simulate', '--platform', files.platformPath], nostore.io)).toBe(2);
    expect(nostore.err.join('\n')).toContain('--store');
  });
});

describe.skipIf(missing !== null)('simulate command in real Chromium', () => {
  it('healthy, --json: one object with the outcome and the hops; --har and --screenshots written; exit 0', async () => {
    sandbox.setScenario('healthy');
    const harPath = join(dir, 'run.har');
    const shots = join(dir, 'shots');
    const t = io();
    const code = await runCli(
      args(
        '--json',
        '--har',
        harPath,
        '--screenshots',
        shots,
        '--browser',
        browser.found ? browser.path : '',
      ),
      t.io,
    );
    expect(code, t.err.join('\n')).toBe(0);
    expect(t.out).toHaveLength(1);
    const printed = JSON.parse(t.out[0]!) as {
      outcome: string;
      hops: { status: number; url: string }[];
      screenshots: { path: string }[];
    };
    expect(printed.outcome).toBe('REDIRECT_OK');
    expect(printed.hops.slice(0, 3).map((h) => h.status)).toEqual([302, 302, 200]);
    expect(printed.screenshots.map((s) => s.path).every((p) => p.startsWith(shots))).toBe(true);
    expect((await readdir(shots)).length).toBe(2);
    const har = JSON.parse(await readFile(harPath, 'utf8')) as unknown;
    await expect(validateHar(har)).resolves.toBeTruthy();
  });

  it('--runs N in intermittency mode, human output; a failure exits 1 and says what to do', async () => {
    sandbox.setScenario('return-broken');
    const t = io();
    expect(await runCli(args('--runs', '2'), t.io)).toBe(1);
    const text = t.out.join('\n');
    expect(text).toMatch(/2 runs: success rate 0%; outcomes: RETURN_URL_BROKEN ×2/);
    expect(text).toContain('What to do:');
    expect(text).toMatch(/p50 \d+ ms, p95 \d+ ms/);
  });

  it('prints in Chinese by default', async () => {
    sandbox.setScenario('cashier-busy');
    const t = io('zh-CN');
    expect(await runCli(args(), t.io)).toBe(1);
    const text = t.out.join('\n');
    expect(text).toContain('CASHIER_ERROR_PAGE');
    expect(text).toContain('买家看到：');
    expect(text).toContain('问题在：平台那边');
  });

  it('--device all in h5-broken: devices listed phones first, the phone’s failure is the outcome, exit 1', async () => {
    sandbox.setScenario('h5-broken');
    const t = io();
    expect(await runCli(args('--device', 'all', '--json'), t.io)).toBe(1);
    const printed = JSON.parse(t.out[0]!) as {
      outcome: string;
      devices: { device: string; network: string; outcome: string; ready_ms: number | null }[];
      runs: { buyer: { device: string } }[];
    };
    expect(printed.outcome).toBe('CASHIER_UNREACHABLE');
    expect(printed.devices.map((d) => [d.device, d.network, d.outcome])).toEqual([
      ['iphone-wechat', 'broadband', 'CASHIER_UNREACHABLE'],
      ['android-app', 'broadband', 'CASHIER_UNREACHABLE'],
      ['android-chrome', 'broadband', 'CASHIER_UNREACHABLE'],
      ['pc', 'broadband', 'REDIRECT_OK'],
    ]);
    expect(printed.devices[3]!.ready_ms).toEqual(expect.any(Number));
    expect(printed.devices[0]!.ready_ms).toBeNull();
  });

  it('--device iphone-wechat --network slow-4g in h5-heavy: CASHIER_TIMEOUT, marked emulated', async () => {
    sandbox.setScenario('h5-heavy');
    const t = io('zh-CN');
    expect(await runCli(args('--device', 'iphone-wechat', '--network', 'slow-4g', '--json'), t.io)).toBe(1);
    const printed = JSON.parse(t.out[0]!) as {
      outcome: string;
      buyer: { device: string; network: string; emulatedNetwork: boolean };
      devices: { device: string; outcome: string; emulated_network: boolean }[];
    };
    expect(printed.outcome).toBe('CASHIER_TIMEOUT');
    expect(printed.buyer).toMatchObject({
      device: 'iphone-wechat',
      network: 'slow-4g',
      emulatedNetwork: true,
    });
    expect(printed.devices).toEqual([
      expect.objectContaining({
        device: 'iphone-wechat',
        outcome: 'CASHIER_TIMEOUT',
        emulated_network: true,
      }),
    ]);
    sandbox.setScenario('healthy');
  });
});
