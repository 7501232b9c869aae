import { describe, expect, it } from 'vitest';
import { defaultProbeTargets } from '../../../main/probe/default-targets';

describe('hosts probed by default', () => {
  it('are the gateway, cashier, support intake and the store notify and return URLs', () => {
    const targets = defaultProbeTargets({
      profile: {
        gatewayUrl: 'https://127.0.0.1:8443/gateway/',
        cashierOrigin: 'https://127.0.0.1:8444',
        supportApiUrl: 'https://127.0.0.1:8445/api/v1',
      },
      store: {
        notifyUrl: 'https://shop.example.cn/pay/notify',
        returnUrl: 'https://shop.example.cn/pay/return',
      },
    });
    expect(targets).toEqual([
      { role: 'gateway', url: 'https://127.0.0.1:8443/gateway/health' },
      { role: 'cashier', url: 'https://127.0.0.1:8444/' },
      { role: 'support', url: 'https://127.0.0.1:8445/api/v1' },
      { role: 'notify', url: 'https://shop.example.cn/pay/notify' },
      { role: 'return', url: 'https://shop.example.cn/pay/return' },
    ]);
  });

  it('skip unusable and duplicate URLs (cfg.urls reports those)', () => {
    expect(defaultProbeTargets({ store: { notifyUrl: '/relative', returnUrl: 'ftp://x/' } })).toEqual([]);
    expect(
      defaultProbeTargets({ store: { notifyUrl: 'https://s.example/a', returnUrl: 'https://s.example/a' } }),
    ).toHaveLength(1);
  });
});
