import { describe, expect, it } from 'vitest';
import { ProbeSeriesSummarySchema } from '../../../shared/probe/probe-result';
import { summarizeTarget } from '../../../main/probe/series-summary';
import { failure, hop, result } from './probe-fixtures';

const target = { role: 'cashier' as const, url: 'https://cashier.example/' };

describe('series summary', () => {
  it('counts each hop of a chain as its own sample, and whole requests separately', () => {
    const chain = result([
      hop({ wait: 10, total: 20 }, null, 0),
      hop({ wait: 30, total: 40 }, null, 1),
      hop({ wait: 50, total: 60 }, null, 2),
    ]);
    const s = ProbeSeriesSummarySchema.parse(summarizeTarget(target, [chain]));
    expect(s.phases.wait).toMatchObject({ samples: 3, failures: 0, p50: 30, p95: 50, max: 50 });
    expect(s.request).toMatchObject({ samples: 1, p50: 120 });
  });

  it('charges a failure to its phase only, and its partial duration is not a latency sample', () => {
    const ok = result([hop({ connect: 3 })]);
    const timedOut = result([
      hop(
        { connect: 5000, tls: null, send: null, wait: null, receive: null, total: 5000 },
        failure('connect', 'connect-timeout'),
      ),
    ]);
    const s = summarizeTarget(target, [ok, timedOut]);
    expect(s.phases.connect).toMatchObject({ samples: 1, failures: 1, errorRate: 0.5, max: 3 });
    expect(s.phases.dns).toMatchObject({ samples: 2, failures: 0 });
    expect(s.phases.tls).toMatchObject({ samples: 1, failures: 0 });
    expect(s.phases.total).toMatchObject({ samples: 1, failures: 1 });
    expect(s).toMatchObject({
      attempts: 2,
      completed: 2,
      failed: 1,
      errorRate: 0.5,
      failuresByKind: { 'connect-timeout': 1 },
    });
  });

  it('counts cancelled probes as attempts only', () => {
    const cancelled = result([hop({ wait: 100 }, failure('wait', 'cancelled'))]);
    const s = summarizeTarget(target, [result([hop()]), cancelled]);
    expect(s).toMatchObject({ attempts: 2, completed: 1, cancelled: 1, failed: 0, errorRate: 0 });
    expect(s.phases.wait.samples).toBe(1);
  });

  it('charges proxy failures to the proxy line and counts routes', () => {
    const viaProxy = { rule: 'PROXY corp:8080', mode: 'http-proxy' as const, host: 'corp', port: 8080 };
    const rejected = result([
      { ...hop({ proxyTunnel: 4, tls: null }, failure('proxy', 'proxy-rejected')), proxy: viaProxy },
    ]);
    const s = summarizeTarget(target, [rejected, result([hop()])]);
    expect(s.phases.proxyTunnel).toMatchObject({ samples: 0, failures: 1 });
    expect(s.proxies).toEqual({ 'PROXY corp:8080': 1, DIRECT: 1 });
  });

  it('is empty but valid with no results', () => {
    const s = ProbeSeriesSummarySchema.parse(summarizeTarget(target, []));
    expect(s).toMatchObject({ attempts: 0, errorRate: 0 });
    expect(s.request.p95).toBeNull();
  });
});
