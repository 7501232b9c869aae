import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProbeRequestResultSchema } from '../../../shared/probe/probe-result';
import { DEFAULT_PROBE_SETTINGS, type ProbeSettings } from '../../../shared/probe/probe-settings';
import { probeUrl, systemLookup, type ProbeEnvironment } from '../../../main/probe';
import { resolveDirect } from '../../../main/probe/proxy';
import { trustFor } from '../../../main/probe/trust';
import { createTestPki, type TestPki } from './support/test-pki';
import { startHttp, startHttps, type Loopback } from './support/loopback-servers';

// Attribution, not exactness (that is the benchmark's job): the injected delays are long enough that a 2-core
// box running the browser journeys beside these tests (hundreds of ms of scheduling delay seen) cannot blur
// which phase the time went to.
const SLACK_MS = 1000;
const FIRST_BYTE_DELAY_MS = 1500;
const CHUNK_EVERY_MS = 300;

let pki: TestPki;
let https: Loopback;
let https6: Loopback | null = null;
let http: Loopback;

const env = (settings: Partial<ProbeSettings> = {}): ProbeEnvironment => ({
  settings: { ...DEFAULT_PROBE_SETTINGS, ...settings },
  resolveProxy: resolveDirect,
  lookup: systemLookup,
  trust: trustFor([pki.caCert]),
  clock: () => new Date(),
});

beforeAll(async () => {
  pki = await createTestPki();
  http = await startHttp(() => http.url(''));
  https = await startHttps(pki.good, () => http.url(''));
  try {
    https6 = await startHttps(pki.good, () => http.url(''), '::1');
  } catch (error) {
    console.warn(`IPv6 loopback unavailable, skipping the ::1 test: ${(error as Error).message}`);
  }
});
afterAll(async () => {
  await Promise.all([https?.close(), http?.close(), https6?.close()]);
});

describe('phase timing over loopback', () => {
  it('attributes an injected first-byte delay to wait, not to the other phases', async () => {
    const result = await probeUrl(
      { role: 'gateway', url: https.url(`/delay?first=${FIRST_BYTE_DELAY_MS}`) },
      0,
      env(),
    );
    expect(ProbeRequestResultSchema.parse(result)).toBeTruthy();
    expect(result.outcome).toBe('ok');
    const [hop] = result.hops;
    const t = hop!.timings;
    expect(t.wait!).toBeGreaterThanOrEqual(FIRST_BYTE_DELAY_MS - 5);
    expect(t.wait!).toBeLessThan(FIRST_BYTE_DELAY_MS + SLACK_MS);
    for (const phase of ['connect', 'tls', 'send', 'receive'] as const)
      expect(t[phase]!).toBeLessThan(SLACK_MS);
    expect(t.dns).toBeNull(); // an IP literal needs no lookup
    expect(t.total).toBeGreaterThanOrEqual(t.wait!);
    const sum = ['blocked', 'connect', 'tls', 'send', 'wait', 'receive'].reduce(
      (a, k) => a + (t[k as keyof typeof t] ?? 0),
      0,
    );
    expect(Math.abs(t.total - sum)).toBeLessThan(5);
    expect(hop!.response).toMatchObject({ status: 200, httpVersion: 'HTTP/1.1', bodySize: 2 });
  });

  it('phases meet end to end: they add up to the total even when the process is paused between two steps', async () => {
    // Every reading of the clock is 40 ms after the one before, as if the machine paused the process
    // between any two lines: time between the end of one step and the start of the next must still
    // belong to a phase. (Two readings per boundary left up to 24 ms in no phase on a busy machine.)
    const real = performance.now.bind(performance);
    let shift = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => real() + (shift += 40));
    try {
      const result = await probeUrl({ role: 'gateway', url: https.url('/') }, 0, env());
      expect(result.outcome).toBe('ok');
      const t = result.hops[0]!.timings;
      const sum = (
        ['blocked', 'dns', 'connect', 'proxyTunnel', 'tls', 'send', 'wait', 'receive'] as const
      ).reduce((a, k) => a + (t[k] ?? 0), 0);
      expect(t.total).toBeGreaterThan(200);
      expect(Math.abs(t.total - sum)).toBeLessThan(0.01);
    } finally {
      clock.mockRestore();
    }
  });

  it('attributes a slowly sent body to receive', async () => {
    const result = await probeUrl(
      { role: 'cashier', url: https.url(`/chunks?chunks=5&every=${CHUNK_EVERY_MS}&size=2000`) },
      0,
      env(),
    );
    const t = result.hops[0]!.timings;
    expect(result.outcome).toBe('ok');
    expect(t.receive!).toBeGreaterThanOrEqual(4 * CHUNK_EVERY_MS - 5);
    expect(t.receive!).toBeLessThan(4 * CHUNK_EVERY_MS + SLACK_MS);
    expect(t.wait!).toBeLessThan(SLACK_MS);
    expect(result.hops[0]!.response!.bodySize).toBe(10_000);
  });

  it('reports address, family, TLS version, cipher, ALPN and the certificate chain', async () => {
    const result = await probeUrl({ role: 'gateway', url: https.url('/delay') }, 0, env());
    const hop = result.hops[0]!;
    expect(hop.remote).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: https.port });
    expect(hop.proxy).toMatchObject({ mode: 'direct', rule: 'DIRECT' });
    expect(hop.tls).toMatchObject({ protocol: 'TLSv1.3', alpn: 'http/1.1', servername: null });
    expect(hop.tls!.cipherStandardName).toMatch(/^TLS_/);
    const leaf = hop.tls!.chain[0]!;
    expect(leaf.subject).toContain('CN=127.0.0.1');
    expect(leaf.issuer).toContain('Probe Test Root');
    expect(leaf.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(leaf.daysLeft).toBeGreaterThanOrEqual(18);
    expect(leaf.daysLeft).toBeLessThanOrEqual(20);
  });

  it('resolves a name with the system resolver and times DNS (localhost)', async () => {
    const result = await probeUrl({ role: 'store', url: `http://localhost:${http.port}/delay` }, 0, env());
    const hop = result.hops[0]!;
    expect(hop.dns?.host).toBe('localhost');
    expect(hop.timings.dns).not.toBeNull();
    // Whichever family the OS lists first, a refused ::1 falls back to 127.0.0.1 (the server is IPv4).
    expect(result.outcome).toBe('ok');
    expect(hop.remote?.address).toBe('127.0.0.1');
  });

  it('connects over IPv6 loopback and says so', async (context) => {
    if (!https6) return context.skip();
    const result = await probeUrl({ role: 'gateway', url: https6.url('/delay') }, 0, env());
    expect(result.outcome).toBe('ok');
    expect(result.hops[0]!.remote).toMatchObject({ address: '::1', family: 'IPv6' });
  });

  it('probes plain http without a TLS phase', async () => {
    const result = await probeUrl({ role: 'notify', url: http.url('/delay?first=50') }, 0, env());
    const hop = result.hops[0]!;
    expect(hop.tls).toBeNull();
    expect(hop.timings.tls).toBeNull();
    expect(hop.timings.wait!).toBeGreaterThanOrEqual(45);
  });
});
