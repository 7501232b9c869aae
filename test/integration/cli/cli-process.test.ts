import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMerchantKey, loadPlatformProfileFile, loadStoreConfigFile } from '../../../main/config';
import { createGatewayClient } from '../../../main/gateway-client';

// The CLI as a user runs it: the built bin in its own process, against the standalone sandbox it started.
const BIN = join(process.cwd(), 'bin/baitiao-doctor.js');
const BUILT = join(process.cwd(), 'out/main/cli.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let sandboxProcess: ChildProcess;
const dir = mkdtempSync(join(tmpdir(), 'bt-cli-'));
let gatewayOrigin = '';

function setScenario(scenario: string) {
  const ca = JSON.parse(readFileSync(join(dir, 'platform.json'), 'utf8')).extraCaCertificates[0];
  return new Promise<number>((resolve, reject) => {
    const req = request(
      `${gatewayOrigin}/__sandbox/scenario`,
      { method: 'PUT', agent: new Agent({ ca }), headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ scenario }));
  });
}

beforeAll(async () => {
  if (!existsSync(BUILT))
    throw new Error('The CLI is not built: run `npm run build` (npm test builds it first).');
  sandboxProcess = spawn(process.execPath, [
    BIN,
    'sandbox',
    '--scenario',
    'healthy',
    '--dir',
    dir,
    '--port-base',
    '0',
  ]);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    sandboxProcess.stdout!.on('data', (d) => {
      out += d;
      const match = /gateway:\s+(https:\/\/[^/\s]+)/.exec(out);
      if (match && out.includes('store.json')) {
        gatewayOrigin = match[1]!;
        clearTimeout(timer);
        resolve();
      }
    });
  });
});

afterAll(() => {
  sandboxProcess?.kill('SIGINT');
});

describe('baitiao-doctor sandbox (standalone)', () => {
  it('writes platform.json, store.json and a 0600 key file, and answers a merchant.config.query signed with that key', async () => {
    const store = await loadStoreConfigFile(join(dir, 'store.json'));
    const profile = await loadPlatformProfileFile(join(dir, 'platform.json'));
    expect(store.ok && profile.ok).toBe(true);
    if (!store.ok || !profile.ok) return;
    const key = await loadMerchantKey({ file: 'keys/merchant_private.pem' }, dir);
    expect(key.ok).toBe(true);
    if (!key.ok) return;
    const client = createGatewayClient({
      profile: profile.value,
      store: {
        appId: store.value.appId,
        merchantNo: store.value.merchantNo,
        privateKeyPem: key.pem,
        charset: 'UTF-8',
      },
    });
    const answer = await client.call('merchant.config.query', {});
    client.close();
    expect(answer.httpStatus).toBe(200);
    expect(answer.body?.code).toBe('10000');
    expect(answer.signatureValid).toBe(true);
  });
});

describe('baitiao-doctor check', () => {
  const args = () => ['check', '--store', join(dir, 'store.json'), '--platform', join(dir, 'platform.json')];

  it('exit 0 and one JSON object on the healthy sandbox', async () => {
    expect(await setScenario('healthy')).toBe(200);
    const result = await run([...args(), '--json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { checks: { id: string; status: string }[] };
    expect(parsed.checks.find((c) => c.id === 'key.sign-roundtrip')?.status).toBe('pass');
    expect(parsed.checks.some((c) => c.status === 'fail')).toBe(false);
  });

  it('exit 1 and a readable table naming the failed check when Baitiao is not enabled', async () => {
    expect(await setScenario('baitiao-not-enabled')).toBe(200);
    const result = await run(args(), { LANG: 'en_US.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^FAIL\s+platform\.baitiao-contract/);
    expect(result.stdout).toContain('→ Not a configuration fault');
    await setScenario('healthy');
  });

  it('exit 2 with the file, line and column named for a broken store.json', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "configVersion": 1\n  "environment": "sandbox"\n}\n');
    const result = await run(['check', '--store', broken, '--platform', join(dir, 'platform.json')], {
      LANG: 'en_US.UTF-8',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json:3:3/);
    expect(result.stdout).toBe('');
  });

  it('exit 2 for a missing file and for a missing option', async () => {
    const missing = await run([
      'check',
      '--store',
      join(dir, 'nope.json'),
      '--platform',
      join(dir, 'platform.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const noPlatform = await run(['check', '--store', join(dir, 'store.json')], { LANG: 'en_US.UTF-8' });
    expect(noPlatform.code).toBe(2);
    expect(noPlatform.stderr).toContain('--platform');
  });
});

/** A diagnosis simulates a phone and the computer (two browser contexts) besides probes and checklist. */
const DIAGNOSE_TIMEOUT = 90_000;

describe('baitiao-doctor diagnose', () => {
  const args = () => [
    'diagnose',
    '--store',
    join(dir, 'store.json'),
    '--platform',
    join(dir, 'platform.json'),
  ];

  it(
    'healthy: exit 0, the §7 outcome, the checks and a bundle that verifies and holds no private key',
    async () => {
      expect(await setScenario('healthy')).toBe(200);
      const out = join(dir, 'healthy.zip');
      const result = await run([...args(), '--symptom', 'page-not-loading', '--out', out, '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const parsed = JSON.parse(result.stdout) as {
        outcome: string;
        verdict: { status: string };
        devices: { device: string; network: string; outcome: string; ready_ms: number | null }[];
        checks: { id: string; status: string }[];
        bundle: string;
      };
      expect(parsed.outcome).toBe('REDIRECT_OK');
      // The healthy sandbox is green: no check warns or fails (catalog: in sandbox any host passes).
      // One exception, measured rather than ruled: on a loaded machine net.latency may truly see a p95
      // over 1.5 s on loopback; it may warn then, and only then, as its own evidence shows.
      const report = JSON.parse(execFileSync('unzip', ['-p', out, 'report.json']).toString('utf8')) as {
        checks: { id: string; status: string; evidence: { hosts?: { p95Ms: number | null }[] } }[];
      };
      const slowMachine = (c: (typeof report.checks)[number]) =>
        c.id === 'net.latency' &&
        c.status === 'warn' &&
        (c.evidence.hosts ?? []).some((h) => (h.p95Ms ?? 0) > 1500);
      const notGreen = report.checks.filter((c) => !['pass', 'skip'].includes(c.status));
      if (notGreen.some(slowMachine)) console.warn('net.latency warned: this machine was slow (p95 > 1.5 s)');
      expect(notGreen.filter((c) => !slowMachine(c)).map((c) => c.id)).toEqual([]);
      if (!notGreen.some(slowMachine)) expect(parsed.verdict.status).toBe('ok');
      // A phone and the computer by default, phone first, each with its time to a ready cashier.
      expect(parsed.devices).toEqual([
        expect.objectContaining({ device: 'iphone-wechat', network: 'broadband', outcome: 'REDIRECT_OK' }),
        expect.objectContaining({ device: 'pc', network: 'broadband', outcome: 'REDIRECT_OK' }),
      ]);
      expect(parsed.devices.every((d) => typeof d.ready_ms === 'number')).toBe(true);
      expect(parsed.checks.find((c) => c.id === 'page.mobile')?.status).toBe('pass');
      expect(parsed.bundle).toBe(out);
      expect(parsed.checks.find((c) => c.id === 'page.return-leg')?.status).toBe('pass');
      const verify = await run(['bundle', 'verify', out, '--json']);
      expect(verify.code).toBe(0);
      const listing = execFileSync('unzip', ['-p', out], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
      const keyBody = readFileSync(join(dir, 'keys/merchant_private.pem'), 'utf8').split('\n')[1]!;
      expect(listing).not.toContain(keyBody);
      expect(listing).not.toContain('PRIVATE KEY-----');
    },
    DIAGNOSE_TIMEOUT,
  );

  it(
    'a failing scenario: exit 1 and the outcome named (支付失败 class)',
    async () => {
      expect(await setScenario('domain-not-authorized')).toBe(200);
      const result = await run([
        ...args(),
        '--symptom',
        'payment-failed',
        '--out',
        join(dir, 'domain.zip'),
        '--json',
      ]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).outcome).toBe('DOMAIN_NOT_AUTHORIZED');
      await setScenario('healthy');
    },
    DIAGNOSE_TIMEOUT,
  );

  it('a bad --symptom is bad input: exit 2 naming the option', async () => {
    const result = await run([...args(), '--symptom', 'sad'], { LANG: 'en_US.UTF-8' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--symptom');
  });
});
