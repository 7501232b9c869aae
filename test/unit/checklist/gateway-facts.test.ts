import { describe, expect, it } from 'vitest';
import { createGatewayFacts } from '../../../main/checklist/gateway-facts';
import { GatewayCallError, type GatewayClient } from '../../../main/gateway-client';

/** A client whose answers the test decides per method; it counts what was really sent. */
function fakeClient(fail: Partial<Record<string, GatewayCallError>>) {
  const sent: string[] = [];
  const failure = (key: string) => fail[key];
  const client: GatewayClient = {
    async call(method) {
      sent.push(method);
      const error = failure(method);
      if (error) throw error;
      return {
        method,
        url: 'https://127.0.0.1/gateway',
        httpStatus: 200,
        headers: {},
        rawBody: '{}',
        rawBytes: Buffer.from('{}'),
        body: { code: '10000', msg: 'Success', sub_code: null, sub_msg: null, data: {}, server_time: '' },
        signatureValid: true,
        timing: { startedAt: new Date().toISOString(), totalMs: 1 },
        requestFields: {} as never,
        stringToSign: '',
      } as Awaited<ReturnType<GatewayClient['call']>>;
    },
    async health() {
      sent.push('health');
      const error = failure('health');
      if (error) throw error;
      return {
        url: 'https://127.0.0.1/gateway/health',
        httpStatus: 200,
        headers: {},
        rawBody: '{}',
        rawBytes: Buffer.from('{}'),
        body: { status: 'UP' } as never,
        signatureValid: null,
        timing: { startedAt: new Date().toISOString(), totalMs: 1 },
      };
    },
    close() {},
  };
  return { client, sent };
}

const timeout = (url: string) =>
  new GatewayCallError('timeout', 'ETIMEDOUT', 'gateway did not answer within 8000 ms', url, {
    startedAt: new Date().toISOString(),
    totalMs: 8000,
  });

describe('gateway facts of one checklist run', () => {
  it('after the config query met no gateway, later calls are not sent and give the same reason', async () => {
    const { client, sent } = fakeClient({ 'merchant.config.query': timeout('https://127.0.0.1/gateway') });
    const facts = createGatewayFacts(client, 'https://127.0.0.1/notify', '0.01');
    const config = await facts.configQuery();
    expect(config).toMatchObject({ ok: false, kind: 'timeout' });
    const notify = await facts.notifyTest();
    const installments = await facts.installmentQuery();
    expect(sent).toEqual(['merchant.config.query']);
    for (const later of [notify.answer, installments]) {
      expect(later).toMatchObject({ ok: false, kind: 'timeout' });
      if (!later.ok) {
        expect(later.reason).toEqual(config.ok ? null : config.reason);
        expect(later.detail).toMatch(/^not sent: an earlier call in this run already failed/);
      }
    }
  });

  it('a notify.test timeout does not stop the other calls (the store’s URL may be what is slow)', async () => {
    const { client, sent } = fakeClient({ 'notify.test': timeout('https://127.0.0.1/gateway') });
    const facts = createGatewayFacts(client, 'https://127.0.0.1/notify', '0.01');
    expect((await facts.notifyTest()).answer).toMatchObject({ ok: false, kind: 'timeout' });
    expect(await facts.installmentQuery()).toMatchObject({ ok: true });
    expect(await facts.health()).toMatchObject({ ok: true });
    expect(sent).toEqual(['notify.test', 'baitiao.installment.query', 'health']);
  });

  it('a gateway that answers with an error status still gets every call', async () => {
    const { client, sent } = fakeClient({
      health: new GatewayCallError('bad-response', null, 'not JSON', 'https://127.0.0.1/gateway/health', {
        startedAt: new Date().toISOString(),
        totalMs: 3,
      }),
    });
    const facts = createGatewayFacts(client, 'https://127.0.0.1/notify', '0.01');
    expect(await facts.health()).toMatchObject({ ok: false, kind: 'bad-response' });
    expect(await facts.configQuery()).toMatchObject({ ok: true });
    expect(sent).toEqual(['health', 'merchant.config.query']);
  });

  it('a cancelled run is not a gateway failure: the abort reaches the checklist engine', async () => {
    const stop = new AbortController();
    stop.abort();
    const { client } = fakeClient({});
    client.call = async () => {
      throw stop.signal.reason;
    };
    const facts = createGatewayFacts(client, 'https://127.0.0.1/notify', '0.01');
    await expect(facts.configQuery()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
