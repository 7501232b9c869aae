import { describe, expect, it } from 'vitest';
import { configChecks } from '../../../main/checklist/checks/config-checks';
import type { CheckContext } from '../../../main/checklist/check-context';

const environmentCheck = configChecks.find((c) => c.id === 'cfg.environment')!;

/** Just what cfg.environment reads: the store, the profile and the platform's answer. */
function context(store: { environment: string; appId: string }, platformEnvironment: string | null) {
  return {
    store,
    profile: { gatewayUrl: 'https://openapi.example.cn/gateway' },
    gateway: {
      merchantConfig: async () => (platformEnvironment ? { environment: platformEnvironment } : null),
      configQuery: async () => ({ ok: false, kind: 'timeout', reason: {}, detail: '' }),
    },
  } as unknown as CheckContext;
}

const run = (ctx: CheckContext) => environmentCheck.run(ctx, new AbortController().signal);

describe('cfg.environment decides by the platform’s answer only (protocol §2)', () => {
  it('passes a sandbox store whatever its app id looks like, on a public gateway host', async () => {
    for (const appId of ['BT2021000123456789', 'BTSB2026000000000001', 'ABCDEF0123456789']) {
      const result = await run(context({ environment: 'sandbox', appId }, 'sandbox'));
      expect(result.status).toBe('pass');
    }
  });

  it('passes a production store on a loopback gateway when the platform says production', async () => {
    const result = await run(
      context({ environment: 'production', appId: 'BTSB2026000000000001' }, 'production'),
    );
    expect(result.status).toBe('pass');
  });

  it('fails when the store and the platform disagree, naming both in plain words', async () => {
    const result = await run(context({ environment: 'sandbox', appId: 'BT2021000123456789' }, 'production'));
    expect(result.status).toBe('fail');
    expect(result.summary['zh-CN']).toContain('沙箱');
    expect(result.summary['zh-CN']).toContain('正式');
    expect(result.remediation?.['zh-CN']).toContain('商家后台');
  });

  it('warns when the platform could not be asked', async () => {
    const result = await run(context({ environment: 'sandbox', appId: 'BT2021000123456789' }, null));
    expect(result.status).toBe('warn');
  });
});
