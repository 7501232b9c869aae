import { describe, expect, it } from 'vitest';
import { summarizeTarget } from '../../../main/probe/series-summary';
import { slowHosts } from '../../../shared/probe/slow-hosts';
import { hop, result, series } from './probe-fixtures';

describe('slow hosts on the timings screen (net.latency thresholds, phase and side)', () => {
  it('names nobody when every p95 is within 1.5 s', () => {
    expect(slowHosts([series([100, 200, 300, 400, 1500]), series([900, 1000], 0, 'cashier')])).toEqual([]);
  });

  it('a gateway waiting 2.5 s: slow, the wait to blame, the platform’s side', () => {
    const [gateway] = slowHosts([series([2500, 2520, 2540, 2560, 2580])]);
    expect(gateway).toMatchObject({ role: 'gateway', level: 'slow', phase: 'wait', side: 'platform' });
    expect(gateway!.phaseP95Ms).toBeGreaterThan(2400);
  });

  it('over 5 s is very slow; the slowest host comes first', () => {
    const slow = slowHosts([series([1600, 1700]), series([5200, 5300], 0, 'cashier')]);
    expect(slow.map((host) => [host.role, host.level])).toEqual([
      ['cashier', 'verySlow'],
      ['gateway', 'slow'],
    ]);
  });

  it('a slow name lookup is this computer’s network, whoever the address belongs to', () => {
    const results = [1, 2, 3].map(() => result([hop({ dns: 1900, wait: 20, total: 1940 })]));
    const store = summarizeTarget({ role: 'store', url: 'https://shop.example/' }, results);
    expect(slowHosts([store])).toMatchObject([{ role: 'store', phase: 'dns', side: 'merchant-machine' }]);
    const waiting = [1, 2, 3].map(() => result([hop({ wait: 1900, total: 1930 })]));
    const notify = summarizeTarget({ role: 'notify', url: 'https://shop.example/pay/notify' }, waiting);
    expect(slowHosts([notify])).toMatchObject([{ role: 'notify', phase: 'wait', side: 'store' }]);
    const custom = summarizeTarget({ role: 'custom', url: 'https://other.example/' }, waiting);
    expect(slowHosts([custom])).toMatchObject([{ role: 'custom', side: null }]);
  });
});
