import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeRequestResultSchema, type ProbeRequestResult } from '../../../shared/probe/probe-result';
import {
  DEFAULT_PROBE_SETTINGS,
  PhaseTimeoutsSchema,
  type ProbeSettings,
} from '../../../shared/probe/probe-settings';
import { probeUrl, systemLookup, type ProbeEnvironment, type ResolveProxy } from '../../../main/probe';
import { resolveDirect } from '../../../main/probe/proxy';
import { trustFor } from '../../../main/probe/trust';
import { createTestPki, type TestPki } from './support/test-pki';
import {
  closedPort,
  startHttp,
  startHttps,
  startProxy,
  type Loopback,
  type TestProxy,
} from './support/loopback-servers';

const FAST = PhaseTimeoutsSchema.parse({ connectMs: 500, proxyTunnelMs: 300, tlsMs: 500, firstByteMs: 1000 });

let pki: TestPki;
let http: Loopback;
let https: Loopback;
let proxy: TestProxy;
let refusingProxy: TestProxy;
let slowProxy: TestProxy;

const env = (
  overrides: Omit<Partial<ProbeEnvironment>, 'settings'> & { settings?: Partial<ProbeSettings> } = {},
): ProbeEnvironment => ({
  resolveProxy: resolveDirect,
  lookup: systemLookup,
  trust: trustFor([pki.caCert]),
  clock: () => new Date(),
  ...overrides,
  settings: { ...DEFAULT_PROBE_SETTINGS, timeouts: FAST, ...overrides.settings },
});
const probe = async (url: string, overrides?: Parameters<typeof env>[0]): Promise<ProbeRequestResult> =>
  ProbeRequestResultSchema.parse(await probeUrl({ role: 'cashier', url }, 0, env(overrides)));

beforeAll(async () => {
  pki = await createTestPki();
  http = await startHttp(() => http.url(''));
  https = await startHttps(pki.good, () => http.url(''));
  proxy = await startProxy();
  refusingProxy = await startProxy({ reject: 407 });
  slowProxy = await startProxy({ tunnelDelayMs: 2000 });
});
afterAll(async () => {
  await Promise.all([http.close(), https.close(), proxy.close(), refusingProxy.close(), slowProxy.close()]);
});

describe('redirect chains', () => {
  it('times each hop on its own and follows the real token while storing it redacted', async () => {
    const r = await probe(https.url('/chain/1?token=T-LIVE&first=120'));
    expect(r.outcome).toBe('ok');
    expect(r.hops.map((h) => h.response?.status)).toEqual([302, 301, 200]);
    expect(r.redirects.count).toBe(2);
    // The delay is injected on hop 2 only: per hop, not summed.
    expect(r.hops[1]!.timings.wait!).toBeGreaterThanOrEqual(115);
    expect(r.hops[0]!.timings.wait!).toBeLessThan(100);
    expect(r.hops[2]!.timings.wait!).toBeLessThan(100);
    for (const hop of r.hops) expect(hop.timings.tls).not.toBeNull(); // a fresh connection each
    // The server saw the real token (it echoes it in the body size), the report never did.
    expect(r.hops[2]!.response!.bodySize).toBe('token seen: T-LIVE'.length);
    expect(JSON.stringify(r)).not.toContain('T-LIVE');
    expect(r.redirects.finalUrl).toContain('token=REDACTED');
  });

  it('stops at a loop before requesting a URL twice (fragment ignored)', async () => {
    const r = await probe(https.url('/loop/a'));
    expect(r.outcome).toBe('failed');
    expect(r.failure).toMatchObject({ phase: 'redirect', kind: 'redirect-loop' });
    expect(r.redirects.loop).toBe(true);
    expect(r.hops).toHaveLength(2);
  });

  it('stops after maxRedirects', async () => {
    const r = await probe(https.url('/many?n=5'), { settings: { maxRedirects: 3 } });
    expect(r.failure).toMatchObject({ phase: 'redirect', kind: 'too-many-redirects' });
    expect(r.hops).toHaveLength(4);
    const ok = await probe(https.url('/many?n=3'), { settings: { maxRedirects: 3 } });
    expect(ok.outcome).toBe('ok');
  });

  it('reports a hop from https to http', async () => {
    const r = await probe(https.url('/to-http'));
    expect(r.outcome).toBe('ok');
    expect(r.redirects.insecure).toEqual([{ from: https.url('/to-http'), to: http.url('/landing') }]);
    expect(r.hops[1]!.tls).toBeNull();
  });

  it('redacts cookies, credentials and token parameters', async () => {
    const r = await probe(https.url('/secrets'));
    const headers = r.hops[0]!.response!.headers;
    const value = (name: string) => headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
    expect(value('set-cookie')).toEqual(['[REDACTED]', '[REDACTED]']);
    expect(value('authorization')).toEqual(['[REDACTED]']);
    expect(value('location')).toEqual(['/landing?token=REDACTED&trade_token=REDACTED&sign=REDACTED&keep=1']);
    expect(JSON.stringify(r)).not.toMatch(/SECRET|abc123|should-not-leak/);
  });
});

describe('proxies', () => {
  const via =
    (p: Loopback): ResolveProxy =>
    () =>
      Promise.resolve(`PROXY 127.0.0.1:${p.port}; DIRECT`);

  it('tunnels https through an HTTP CONNECT proxy and reports it', async () => {
    const r = await probe(https.url('/delay?first=50'), { resolveProxy: via(proxy) });
    expect(r.outcome).toBe('ok');
    const hop = r.hops[0]!;
    expect(hop.proxy).toEqual({
      rule: `PROXY 127.0.0.1:${proxy.port}`,
      mode: 'http-proxy',
      host: '127.0.0.1',
      port: proxy.port,
    });
    expect(hop.remote?.port).toBe(proxy.port);
    expect(hop.timings.proxyTunnel).not.toBeNull();
    expect(hop.tls?.protocol).toBe('TLSv1.3');
    expect(hop.timings.wait!).toBeGreaterThanOrEqual(45);
    expect(proxy.seen).toContain(`127.0.0.1:${https.port}`);
  });

  it('sends plain http through the proxy in absolute form', async () => {
    const r = await probe(http.url('/delay'), { resolveProxy: via(proxy) });
    expect(r.outcome).toBe('ok');
    expect(r.hops[0]!.timings.proxyTunnel).toBeNull();
    expect(proxy.seen).toContain(http.url('/delay'));
  });

  it('names a proxy that refuses the tunnel', async () => {
    const r = await probe(https.url('/delay'), { resolveProxy: via(refusingProxy) });
    expect(r.failure).toMatchObject({ phase: 'proxy', kind: 'proxy-rejected', code: 'HTTP_407' });
    expect(r.failure!.explanation['en-US']).toContain('407');
  });

  it('names a proxy that is not there', async () => {
    const port = await closedPort();
    const r = await probe(https.url('/delay'), {
      resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${port}`),
    });
    expect(r.failure).toMatchObject({ phase: 'connect', kind: 'proxy-unreachable', code: 'ECONNREFUSED' });
    expect(r.failure!.explanation['zh-CN']).toContain(`127.0.0.1:${port}`);
  });

  it('times out a proxy that does not open the tunnel', async () => {
    const r = await probe(https.url('/delay'), { resolveProxy: via(slowProxy) });
    expect(r.failure).toMatchObject({ phase: 'proxy', kind: 'proxy-timeout' });
    expect(r.hops[0]!.timings.proxyTunnel!).toBeGreaterThanOrEqual(290);
  });

  it('reports a proxy kind it cannot test instead of bypassing it', async () => {
    const r = await probe(https.url('/delay'), {
      resolveProxy: () => Promise.resolve('SOCKS5 127.0.0.1:1080'),
    });
    expect(r.failure).toMatchObject({ phase: 'proxy', kind: 'proxy-unsupported' });
  });

  it('reports a failing proxy resolver', async () => {
    const r = await probe(https.url('/delay'), {
      resolveProxy: () => Promise.reject(new Error('PAC script error')),
    });
    expect(r.failure).toMatchObject({ phase: 'proxy', kind: 'proxy-resolution-failed' });
  });
});
