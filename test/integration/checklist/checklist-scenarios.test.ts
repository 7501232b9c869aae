import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckStatus, ChecklistRun } from '../../../shared/checklist/check-result';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import {
  machineFacts,
  prepareStoreChecklist,
  runStoreChecklist,
  type StoreChecklistInput,
} from '../../../main/checklist/run-store-checklist';
import { startSandbox, type Sandbox } from '../../../main/sandbox';

let sandbox: Sandbox;
const dataDir = mkdtempSync(join(tmpdir(), 'bt-checklist-'));

function input(overrides: Partial<StoreChecklistInput> = {}): StoreChecklistInput {
  const { merchantPrivateKey: _pem, ...store } = sandbox.store;
  return {
    store,
    profile: sandbox.profile,
    key: { pem: sandbox.merchantPrivateKeyPem, path: null, problem: null },
    importNotes: null,
    machine: { ...machineFacts(dataDir, '0.0.0-test', 'node'), hostsFilePath: join(dataDir, 'no-hosts') },
    resolveProxy: async () => 'DIRECT',
    gatewayTimeoutMs: 1500,
    ...overrides,
  };
}

const statusOf = (run: ChecklistRun, id: string) => run.results.find((r) => r.id === id)?.status;
const failing = (run: ChecklistRun) =>
  run.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.id);

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'healthy' });
});
afterAll(async () => {
  await sandbox.close();
});

describe('the checklist against the sandbox, over real HTTPS', () => {
  it('healthy: every check of the engine runs and none fails or warns', async () => {
    sandbox.setScenario('healthy');
    const run = await runStoreChecklist(input());
    expect(failing(run)).toEqual([]);
    expect(run.results.filter((r) => r.status === 'warn').map((r) => r.id)).toEqual([]);
    expect(run.results.length).toBeGreaterThanOrEqual(29);
    // Catalog: in sandbox any host passes, with a note (the sandbox store is on loopback).
    expect(statusOf(run, 'cfg.urls-public')).toBe('pass');
    expect(run.results.find((r) => r.id === 'cfg.urls-public')?.summary['zh-CN']).toContain('沙箱');
    expect(statusOf(run, 'key.sign-roundtrip')).toBe('pass');
    expect(statusOf(run, 'tls.handshake')).toBe('pass');
    expect(statusOf(run, 'net.latency')).toBe('pass');
  });

  it('prepared for a diagnosis: the first gateway calls go out before the run, and the run keeps their answers', async () => {
    // The gateway is dead while the prepared checklist asks, and healthy again when it runs: a run that
    // asked again would pass platform.health; the kept answers make it fail, and the later calls are not sent.
    sandbox.setScenario('gateway-timeout');
    const { simulation: _s, probes: _p, ...rest } = input();
    const prepared = prepareStoreChecklist(rest);
    try {
      await prepared.prefetch();
      sandbox.setScenario('healthy');
      const run = await prepared.run(
        {},
        { only: ['platform.health', 'platform.baitiao-contract', 'platform.notify-reachable'] },
      );
      expect(statusOf(run, 'platform.health')).toBe('fail');
      const notify = run.results.find((r) => r.id === 'platform.notify-reachable');
      expect(JSON.stringify(notify?.evidence)).toContain('not sent');
    } finally {
      prepared.close();
      sandbox.setScenario('healthy');
    }
  });

  const trips: [Scenario, string, CheckStatus][] = [
    ['invalid-signature', 'key.sign-roundtrip', 'fail'],
    ['clock-skew', 'local.clock', 'fail'],
    ['gateway-timeout', 'platform.health', 'fail'],
    ['system-busy', 'platform.health', 'fail'],
    ['cashier-busy', 'platform.health', 'warn'],
    ['baitiao-not-enabled', 'platform.baitiao-contract', 'fail'],
    ['domain-not-authorized', 'platform.authorized-domains', 'fail'],
    ['amount-out-of-range', 'platform.installments', 'fail'],
    ['risk-rejected', 'risk.status', 'fail'],
    ['rate-limited', 'risk.rate-limit', 'fail'],
    ['bad-platform-signature', 'key.platform-response', 'fail'],
    ['notify-failing', 'platform.notify-reachable', 'fail'],
    ['expired-tls', 'tls.expiry', 'fail'],
    ['expired-tls', 'tls.handshake', 'fail'],
    ['slow-gateway', 'net.latency', 'warn'],
  ];
  for (const [scenario, id, expected] of trips) {
    it(`${scenario} trips ${id} (${expected})`, async () => {
      sandbox.setScenario(scenario);
      const run = await runStoreChecklist(input(), { only: [id as never] });
      const result = run.results.find((r) => r.id === id)!;
      expect(result.status).toBe(expected);
      expect(result.remediation?.['zh-CN']).toBeTruthy();
      expect(result.remediation?.['en-US']).toBeTruthy();
    });
  }

  it('gateway-timeout: the checks that share the probe series all report, none "did not finish"', async () => {
    sandbox.setScenario('gateway-timeout');
    const network = ['net.dns', 'net.connect', 'tls.handshake', 'net.latency'] as const;
    const run = await runStoreChecklist(input(), { only: [...network] });
    // Loopback IP addresses: nothing to resolve, the connection and the handshake work; only the answer
    // never comes, which is net.latency's finding.
    expect(network.map((id) => statusOf(run, id))).toEqual(['pass', 'pass', 'pass', 'fail']);
  });

  it('invalid-signature shows both strings to sign; identical strings point at the registered key', async () => {
    sandbox.setScenario('invalid-signature');
    const run = await runStoreChecklist(input(), { only: ['key.sign-roundtrip'] });
    const evidence = run.results.find((r) => r.id === 'key.sign-roundtrip')!.evidence as Record<
      string,
      unknown
    >;
    expect(evidence.ourStringToSign).toMatch(/^app_id=BTSB.*method=merchant\.config\.query/);
    expect(evidence.gatewayVerifyString).toBe(evidence.ourStringToSign);
    expect(evidence.firstDifferenceAt).toBe(-1);
  });

  it('clock-skew reports the skew in seconds', async () => {
    sandbox.setScenario('clock-skew');
    const run = await runStoreChecklist(input(), { only: ['local.clock'] });
    const skew = (run.results[0]!.evidence as { skewSeconds: number }).skewSeconds;
    expect(Math.abs(skew)).toBeGreaterThan(300);
  });
});

describe('offline checks trip on bad configuration', () => {
  beforeAll(() => sandbox.setScenario('healthy'));

  it('cfg.urls, cfg.charset and cfg.baitiao fail on broken values', async () => {
    const base = input();
    const run = await runStoreChecklist(
      input({
        store: {
          ...base.store,
          notifyUrl: 'http://shop.example.cn/notify?x=1',
          charset: 'GBK',
          baitiao: { ...base.store.baitiao, installments: [5] },
        },
      }),
      { only: ['cfg.urls', 'cfg.charset', 'cfg.baitiao'] },
    );
    expect(Object.fromEntries(run.results.map((r) => [r.id, r.status]))).toEqual({
      'cfg.urls': 'fail',
      'cfg.charset': 'fail',
      'cfg.baitiao': 'fail',
    });
    // Plain words, no field names or problem codes, on a Chinese screen.
    const urls = run.results.find((r) => r.id === 'cfg.urls')!.summary['zh-CN'];
    expect(urls).toContain('付款结果通知地址不是 https:// 开头');
    expect(urls).not.toMatch(/notifyUrl|not-https/);
  });

  it('cfg.environment: a production store on the sandbox platform fails, and its loopback hosts fail too', async () => {
    const base = input();
    const production = await runStoreChecklist(
      input({ store: { ...base.store, environment: 'production' } }),
      { only: ['cfg.environment', 'cfg.urls-public'] },
    );
    expect(statusOf(production, 'cfg.environment')).toBe('fail');
    expect(production.results.find((r) => r.id === 'cfg.environment')?.evidence).toMatchObject({
      storeEnvironment: 'production',
      platformEnvironment: 'sandbox',
    });
    // A production store must use public hosts: loopback fails there.
    expect(statusOf(production, 'cfg.urls-public')).toBe('fail');
  });

  it('cfg.environment warns when the platform cannot be asked', async () => {
    sandbox.setScenario('gateway-timeout');
    try {
      const run = await runStoreChecklist(input(), { only: ['cfg.environment'] });
      expect(statusOf(run, 'cfg.environment')).toBe('warn');
    } finally {
      sandbox.setScenario('healthy');
    }
  });

  it('key.strength fails a 1024-bit key; key.parse warns on PKCS#1; key.file-permissions fails world-readable', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const run = await runStoreChecklist(input({ key: { pem: weak, path: null, problem: null } }), {
      only: ['key.strength'],
    });
    expect(statusOf(run, 'key.strength')).toBe('fail');

    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const keyPath = join(dataDir, 'merchant.pem');
    writeFileSync(keyPath, pkcs1);
    chmodSync(keyPath, 0o644);
    const run2 = await runStoreChecklist(input({ key: { pem: pkcs1, path: keyPath, problem: null } }), {
      only: ['key.parse', 'key.file-permissions'],
    });
    expect(statusOf(run2, 'key.parse')).toBe('warn');
    expect(statusOf(run2, 'key.file-permissions')).toBe(process.platform === 'win32' ? 'pass' : 'fail');
  });

  it('key.parse fails without a key and the signed checks are skipped, not failed', async () => {
    const run = await runStoreChecklist(input({ key: { pem: null, path: null, problem: null } }), {
      only: ['key.strength', 'key.sign-roundtrip'],
    });
    expect(statusOf(run, 'key.parse')).toBe('fail');
    expect(statusOf(run, 'key.strength')).toBe('skip');
    expect(statusOf(run, 'key.sign-roundtrip')).toBe('skip');
  });

  it('local.hosts fails when the hosts file overrides a platform host; local.proxy warns on a proxy', async () => {
    const hostsPath = join(dataDir, 'hosts');
    writeFileSync(hostsPath, '# test\n10.0.0.9 gateway.platform.example.cn\n');
    const base = input();
    const profile = { ...base.profile, gatewayUrl: 'https://gateway.platform.example.cn/gateway' };
    const run = await runStoreChecklist(
      input({
        profile,
        machine: { ...base.machine, hostsFilePath: hostsPath },
        resolveProxy: async () => 'PROXY 10.1.1.1:8080',
      }),
      { only: ['local.hosts', 'local.proxy'] },
    );
    expect(statusOf(run, 'local.hosts')).toBe('fail');
    expect(run.results.find((r) => r.id === 'local.hosts')!.evidence).toMatchObject({
      overrides: [{ host: 'gateway.platform.example.cn', address: '10.0.0.9', line: 2 }],
    });
    expect(statusOf(run, 'local.proxy')).toBe('warn');
  });

  it('cfg.schema warns about unknown fields and names them', async () => {
    const run = await runStoreChecklist(
      input({
        importNotes: {
          fileName: 'store.json',
          unknownFields: [{ path: '$.notify_url', line: 9, column: 3 }],
        },
      }),
      { only: ['cfg.schema'] },
    );
    expect(statusOf(run, 'cfg.schema')).toBe('warn');
    expect(run.results[0]!.summary['en-US']).toContain('$.notify_url (9:3)');
  });
});
