import { describe, expect, it } from 'vitest';
import { netLatencyVerdict } from '../../../main/probe/latency-verdict';
import { series } from './probe-fixtures';

describe('net.latency verdict (catalog thresholds)', () => {
  it('passes a fast series with no error', () => {
    const v = netLatencyVerdict(series([100, 120, 130, 150, 200]));
    expect(v.status).toBe('pass');
    expect(v.remediation).toBeNull();
    expect(v.evidence).toMatchObject({ hosts: [{ role: 'gateway', p95Ms: 200, errorRate: 0 }] });
  });

  it('warns on any error, and on p95 over 1.5 s', () => {
    expect(netLatencyVerdict(series([100, 100, 100, 100, 100, 100, 100, 100, 100], 1)).status).toBe('warn');
    expect(netLatencyVerdict(series([100, 200, 300, 400, 1501])).status).toBe('warn');
    expect(netLatencyVerdict(series([100, 200, 300, 400, 1500])).status).toBe('pass');
  });

  it('fails on an error rate over 20 % or p95 over 5 s', () => {
    expect(netLatencyVerdict(series([100, 100, 100, 100], 1)).status).toBe('warn'); // exactly 20 %
    expect(netLatencyVerdict(series([100, 100, 100], 1)).status).toBe('fail'); // 25 %
    const slow = netLatencyVerdict(series([100, 200, 300, 400, 5001]));
    expect(slow.status).toBe('fail');
    expect(slow.summary['zh-CN']).toContain('支付网关');
    expect(slow.remediation?.['en-US']).toBeTruthy();
  });

  it('lets the worst host decide across hosts', () => {
    const v = netLatencyVerdict([series([100, 100]), series([100, 6000], 0, 'cashier')]);
    expect(v.status).toBe('fail');
    expect(v.summary['en-US']).toContain('cashier');
    expect(v.summary['en-US']).not.toContain('gateway');
  });

  it('does not pass when nothing was measured', () => {
    expect(netLatencyVerdict([]).status).toBe('warn');
    expect(netLatencyVerdict(series([], 0)).status).toBe('warn');
    expect(netLatencyVerdict(series([], 3)).status).toBe('fail');
  });
});
