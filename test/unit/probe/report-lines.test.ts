import { describe, expect, it } from 'vitest';
import { ProbeRunRequestSchema, type ProbeRun } from '../../../shared/probe/probe-result';
import { DEFAULT_PROBE_SETTINGS } from '../../../shared/probe/probe-settings';
import { probeReportJson, probeReportLines } from '../../../main/probe/report-lines';
import { summarizeTarget } from '../../../main/probe/series-summary';
import { failure, hop, result } from './probe-fixtures';

const target = { role: 'gateway' as const, url: 'https://gw.example/health' };
const results = [
  result([hop()]),
  result([
    hop({ tls: null, send: null, wait: null, receive: null }, failure('connect', 'connection-refused')),
  ]),
];
const run: ProbeRun = {
  startedAt: '2026-11-26T02:00:00.000Z',
  finishedAt: '2026-11-26T02:00:01.000Z',
  cancelled: false,
  settings: DEFAULT_PROBE_SETTINGS,
  results,
  summaries: [summarizeTarget(target, results)],
};

describe('CLI report', () => {
  it('prints the route, the hops, a percentile table and failures in plain words', () => {
    const en = probeReportLines(run, 'en-US').join('\n');
    expect(en).toContain('[gateway] https://gw.example/health');
    expect(en).toContain('route: DIRECT');
    expect(en).toMatch(/#1 200 https:\/\/gw\.example\/health {2}dns 2\.0 {2}connect 3\.0 {2}tls 10\.0/);
    expect(en).toMatch(/wait \(TTFB\)\s+50\.0\s+50\.0\s+50\.0\s+0%/);
    expect(en).toContain('failure ×1 [connect] connection-refused: Connection refused');
    const zh = probeReportLines(run, 'zh-CN').join('\n');
    expect(zh).toContain('连接被拒绝');
    expect(zh).toContain('等待首字节');
  });

  it('gives JSON that is the schema-checked run', () => {
    expect(probeReportJson(run)).toEqual(run);
    expect(() => probeReportJson({ ...run, startedAt: 'yesterday' })).toThrow();
  });

  it('accepts an IPC request with partial settings, filling defaults', () => {
    const request = ProbeRunRequestSchema.parse({ settings: { count: 3, timeouts: { dnsMs: 100 } } });
    expect(request.settings).toMatchObject({
      count: 3,
      concurrency: 4,
      timeouts: { dnsMs: 100, connectMs: 5000 },
    });
    expect(() => ProbeRunRequestSchema.parse({ settings: { count: 1000 } })).toThrow();
    expect(() => ProbeRunRequestSchema.parse({ targets: [{ role: 'gateway', url: 'ftp://x/' }] })).toThrow();
  });
});
