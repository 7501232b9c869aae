import type {
  HopTimings,
  ProbeFailure,
  ProbeHop,
  ProbeRequestResult,
  ProbeSeriesSummary,
} from '../../../shared/probe/probe-result';
import { explainFailure } from '../../../shared/probe/failure-explanations';
import { summarizeTarget } from '../../../main/probe/series-summary';

/** Hand-made results, so summary, verdict and HAR logic can be tested without sockets. */
export const timings = (t: Partial<HopTimings> = {}): HopTimings => ({
  blocked: 0.1,
  dns: 2,
  connect: 3,
  proxyTunnel: null,
  tls: 10,
  send: 0.5,
  wait: 50,
  receive: 1,
  total: 66.6,
  ...t,
});

export const failure = (phase: ProbeFailure['phase'], kind: ProbeFailure['kind']): ProbeFailure => ({
  phase,
  kind,
  code: null,
  message: kind,
  explanation: explainFailure(kind, { host: 'gw.example' }),
  tls: null,
});

export const hop = (t: Partial<HopTimings> = {}, fail: ProbeFailure | null = null, index = 0): ProbeHop => ({
  index,
  url: 'https://gw.example/health',
  method: 'GET',
  startedAt: '2026-11-26T02:00:00.000Z',
  proxy: { rule: 'DIRECT', mode: 'direct', host: null, port: null },
  dns: { host: 'gw.example', addresses: [{ address: '192.0.2.10', family: 'IPv4' }] },
  remote: { address: '192.0.2.10', port: 443, family: 'IPv4' },
  failedAttempts: [],
  timings: timings(t),
  tls: null,
  response: fail
    ? null
    : {
        httpVersion: 'HTTP/1.1',
        status: 200,
        statusText: 'OK',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        headersSize: 60,
        bodySize: 20,
        contentType: 'application/json',
        redirectURL: null,
      },
  failure: fail,
});

let counter = 0;
export const result = (hops: ProbeHop[], overrides: Partial<ProbeRequestResult> = {}): ProbeRequestResult => {
  const last = hops.at(-1);
  const fail = overrides.failure ?? last?.failure ?? null;
  return {
    id: `r${(counter += 1)}`,
    target: { role: 'gateway', url: 'https://gw.example/health' },
    sequence: 0,
    startedAt: '2026-11-26T02:00:00.000Z',
    totalMs: hops.reduce((a, h) => a + h.timings.total, 0),
    outcome: fail ? (fail.kind === 'cancelled' ? 'cancelled' : 'failed') : 'ok',
    failure: fail,
    hops,
    redirects: { count: Math.max(0, hops.length - 1), finalUrl: last?.url ?? '', loop: false, insecure: [] },
    ...overrides,
  };
};

/** A series of `ok` requests with these whole-request times, and `failed` refused ones. */
export const series = (
  totals: number[],
  failed = 0,
  role: 'gateway' | 'cashier' = 'gateway',
): ProbeSeriesSummary => {
  const results = [
    ...totals.map((total) => result([hop({ total, wait: total - 16.6 })])),
    ...Array.from({ length: failed }, () =>
      result([
        hop(
          { tls: null, send: null, wait: null, receive: null, connect: 1 },
          failure('connect', 'connection-refused'),
        ),
      ]),
    ),
  ];
  return summarizeTarget({ role, url: `https://${role}.example/` }, results);
};
