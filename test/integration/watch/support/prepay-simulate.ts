import { createGatewayClient, GatewayCallError } from '../../../../main/gateway-client';
import type { Sandbox } from '../../../../main/sandbox';
import { prepayAnswerOutcome, prepayTransportOutcome } from '../../../../main/simulation';
import type { Simulate } from '../../../../main/watch';

/**
 * A browser-free stand-in for the redirect simulation: the signed diagnostic prepay against the sandbox,
 * classified with main/simulation's own §7 rules (GATEWAY_TIMEOUT, GATEWAY_ERROR, …), REDIRECT_OK when
 * the gateway hands out a cashier URL. It exercises the watch's simulation path with real outcome codes
 * in a fraction of a second, where a Chromium per sample would dominate the test's time on 2 cores.
 */
export function prepaySimulate(sandbox: Sandbox, timeoutMs: number): Simulate {
  const { store } = sandbox;
  return async (signal) => {
    const client = createGatewayClient({
      profile: sandbox.profile,
      store: {
        appId: store.appId,
        merchantNo: store.merchantNo,
        privateKeyPem: sandbox.merchantPrivateKeyPem,
        charset: store.charset,
      },
      timeoutMs,
    });
    try {
      signal.throwIfAborted();
      const answer = await client.call('baitiao.prepay', {
        out_trade_no: `BTDIAGWATCH${Date.now()}`,
        amount: store.testOrder.amount,
        subject: store.testOrder.subject,
        installments: store.baitiao.installments[0],
        return_url: store.returnUrl,
        notify_url: store.notifyUrl,
        diagnostic: true,
      });
      const verdict = prepayAnswerOutcome(answer);
      return verdict.ok
        ? { outcome: 'REDIRECT_OK', timeToReadyMs: answer.timing.totalMs }
        : { outcome: verdict.code, timeToReadyMs: null };
    } catch (error) {
      if (!(error instanceof GatewayCallError)) throw error;
      const verdict = prepayTransportOutcome(error.kind, error.code);
      return { outcome: verdict.ok ? 'REDIRECT_OK' : verdict.code, timeToReadyMs: null };
    } finally {
      client.close();
    }
  };
}
