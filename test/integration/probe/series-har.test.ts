import { har as validateHar } from 'har-validator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProbeRunSchema } from '../../../shared/probe/probe-result';
import { harFromProbes, runProbes, type ProbeProgress } from '../../../main/probe';
import { createTestPki, type TestPki } from './support/test-pki';
import { closedPort, startHttp, startHttps, type Loopback } from './support/loopback-servers';

let pki: TestPki;
let http: Loopback;
let https: Loopback;
let refusedPort: number;

beforeAll(async () => {
  pki = await createTestPki();
  http = await startHttp(() => http.url(''));
  https = await startHttps(pki.good, () => http.url(''));
  refusedPort = await closedPort();
});
afterAll(async () => {
  await Promise.all([http.close(), https.close()]);
});

describe('repeated probes', () => {
  it('runs N per host with an interval, bounded concurrency, and summarises per phase', async () => {
    const progress: ProbeProgress[] = [];
    const before = https.load.requests;
    const started = performance.now();
    const run = await runProbes({
      targets: [
        { role: 'gateway', url: https.url('/delay?first=80') },
        { role: 'cashier', url: https.url('/chain/1?first=80&token=LIVE-TOKEN') },
        { role: 'support', url: https.url('/delay?first=80&x=2') },
        { role: 'notify', url: `https://127.0.0.1:${refusedPort}/pay/notify` },
      ],
      settings: { count: 3, intervalMs: 100, concurrency: 2 },
      extraCaCertificates: [pki.caCert],
      onProgress: (p) => progress.push(p),
    });
    ProbeRunSchema.parse(run);
    expect(run.results).toHaveLength(12);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(https.load.maxInFlight).toBeLessThanOrEqual(2);
    expect(https.load.requests - before).toBe(3 + 9 + 3);
    // Three probes 100 ms apart per host, each ≥ 80 ms: bounded below by the interval schedule.
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);

    const [gateway, cashier, , notify] = run.summaries;
    expect(gateway).toMatchObject({ attempts: 3, completed: 3, failed: 0, errorRate: 0 });
    expect(gateway!.phases.wait.samples).toBe(3);
    expect(gateway!.phases.wait.p50!).toBeGreaterThanOrEqual(75);
    expect(gateway!.phases.wait.max!).toBeGreaterThanOrEqual(gateway!.phases.wait.p95!);
    expect(gateway!.phases.dns.samples).toBe(0);
    expect(gateway!.proxies).toEqual({ DIRECT: 3 });
    // A three-hop chain gives three samples per phase per probe, not one sum.
    expect(cashier!.phases.tls.samples).toBe(9);
    expect(cashier!.request.samples).toBe(3);
    expect(cashier!.request.p50!).toBeGreaterThan(cashier!.phases.total.p50!);
    expect(notify).toMatchObject({
      attempts: 3,
      failed: 3,
      errorRate: 1,
      failuresByKind: { 'connection-refused': 3 },
    });
    expect(notify!.phases.connect).toMatchObject({ samples: 0, failures: 3, errorRate: 1 });
  });

  it('cancels promptly and returns what was measured', async () => {
    const controller = new AbortController();
    const before = https.load.requests;
    // The first probe is answered, the second held: cancelled once the server holds it (a state that
    // lasts until the cancel, so nothing races). Without the cancel it would wait out its 10 s deadline.
    const running = runProbes({
      targets: [{ role: 'gateway', url: https.url('/answer-then-hold?series=cancel&answers=1') }],
      settings: { count: 20, intervalMs: 100, concurrency: 1 },
      extraCaCertificates: [pki.caCert],
      signal: controller.signal,
    });
    await vi.waitFor(
      () => {
        expect(https.load.requests - before).toBe(2);
        expect(https.load.inFlight).toBe(1);
      },
      { timeout: 15_000, interval: 10 },
    );
    controller.abort();
    const run = await running;
    expect(run.cancelled).toBe(true);
    expect(run.results.map((r) => r.outcome)).toEqual(['ok', 'cancelled']);
    const summary = run.summaries[0]!;
    expect(summary.cancelled).toBe(1);
    expect(summary.failed).toBe(0);
    expect(summary.errorRate).toBe(0);
  });
});

describe('HAR export', () => {
  it('validates against the HAR 1.2 schema (har-validator), with HAR timing semantics', async () => {
    const run = await runProbes({
      targets: [
        { role: 'cashier', url: https.url('/chain/1?token=LIVE-TOKEN&sign=LIVE-SIGN') },
        { role: 'return', url: http.url('/delay?first=20') },
        { role: 'notify', url: `https://127.0.0.1:${refusedPort}/` },
        { role: 'store', url: https.url('/secrets') },
      ],
      settings: { count: 2, intervalMs: 0, concurrency: 4 },
      extraCaCertificates: [pki.caCert],
    });
    const har = harFromProbes(run.results, { name: 'Baitiao Doctor', version: '0.1.0' });
    await expect(validateHar(har)).resolves.toBeTruthy();
    // The schema does not enforce its own "min: -1"; check the spec's rules here.
    expect(har.log.entries).toHaveLength(run.results.reduce((n, r) => n + r.hops.length, 0));
    for (const entry of har.log.entries) {
      const t = entry.timings;
      for (const v of Object.values(t)) expect(v).toBeGreaterThanOrEqual(-1);
      for (const v of [t.send, t.wait, t.receive]) expect(v).toBeGreaterThanOrEqual(0);
      if (t.ssl !== -1) expect(t.connect).toBeGreaterThanOrEqual(t.ssl);
      const sum = [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive]
        .filter((v) => v > 0)
        .reduce((a, b) => a + b, 0);
      expect(entry.time).toBeCloseTo(sum, 2);
      expect(har.log.pages.map((p) => p.id)).toContain(entry.pageref);
    }
    const https0 = har.log.entries.find(
      (e) => e.request.url.startsWith('https://') && e.response.status === 302,
    )!;
    expect(https0.timings.ssl).toBeGreaterThan(0);
    expect(https0.serverIPAddress).toBe('127.0.0.1');
    const plain = har.log.entries.find((e) => e.request.url.startsWith('http://'))!;
    expect(plain.timings.ssl).toBe(-1);
    expect(plain.timings.dns).toBe(-1);
    const refused = har.log.entries.find((e) => e.response.status === 0)!;
    expect(refused.response._error).toBe('connection-refused');
    const text = JSON.stringify(har);
    expect(text).not.toMatch(/LIVE-TOKEN|LIVE-SIGN|SECRET|abc123|should-not-leak/);
    expect(text).toContain('token=REDACTED');
  });
});
