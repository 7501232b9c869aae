import { GATEWAY_CALL_TIMEOUT_MS } from '../../shared/diagnosis/wait-limits';
import { randomBytes } from 'node:crypto';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { PrepayObservation } from '../../shared/simulation/simulation-result';
import { createGatewayClient, GatewayCallError } from '../gateway-client';
import type { CaptureSanitizer } from './capture-sanitizer';
import { prepayAnswerOutcome, prepayTransportOutcome, type PrepayVerdict } from './prepay-outcome';
import type { SimulationStore } from './simulation-store';

export const DEFAULT_PREPAY_TIMEOUT_MS = GATEWAY_CALL_TIMEOUT_MS;

export interface PrepayCall {
  observation: PrepayObservation;
  verdict: PrepayVerdict;
}

/** BTDIAG + GMT+8 date-time + random: unique, sortable, and plainly a diagnostic order in any log. */
export function diagnosticOutTradeNo(now: Date = new Date()): string {
  const gmt8 = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `BTDIAG${gmt8}${randomBytes(4).toString('hex').toUpperCase()}`;
}

/**
 * The signed `baitiao.prepay` with `diagnostic: true` (a session that can never take money) and the
 * store's test order, as the store's server would send it when a buyer chooses Baitiao. The trade_token
 * and the signature are handed to the sanitizer before anything else can record them.
 */
export async function callPrepay(options: {
  profile: PlatformProfile;
  store: SimulationStore;
  privateKeyPem: string;
  sanitizer: CaptureSanitizer;
  timeoutMs?: number;
  now?: () => Date;
  /** Cancelling the run abandons the call at once (it rejects with the signal's reason). */
  signal?: AbortSignal;
}): Promise<PrepayCall> {
  const { profile, store, sanitizer } = options;
  const outTradeNo = diagnosticOutTradeNo(options.now?.());
  const installments = store.baitiao.installments[0] ?? 3;
  const client = createGatewayClient({
    profile,
    store: {
      appId: store.appId,
      merchantNo: store.merchantNo,
      privateKeyPem: options.privateKeyPem,
      charset: store.charset,
    },
    timeoutMs: options.timeoutMs ?? DEFAULT_PREPAY_TIMEOUT_MS,
    ...(options.now ? { now: options.now } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const startedAt = new Date().toISOString();
  const base: PrepayObservation = {
    outTradeNo,
    installments,
    startedAt,
    durationMs: 0,
    httpStatus: null,
    code: null,
    subCode: null,
    subMsg: null,
    signatureValid: null,
    retryAfterSeconds: null,
    transportError: null,
    cashierUrl: null,
  };
  try {
    const answer = await client.call('baitiao.prepay', {
      out_trade_no: outTradeNo,
      amount: store.testOrder.amount,
      subject: store.testOrder.subject,
      installments,
      return_url: store.returnUrl,
      notify_url: store.notifyUrl,
      diagnostic: true,
    });
    sanitizer.addSecret(answer.requestFields.sign);
    const verdict = prepayAnswerOutcome(answer);
    if (verdict.ok) sanitizer.addSecret(verdict.data.trade_token);
    const retryAfter = Number(answer.headers['retry-after']);
    return {
      verdict,
      observation: {
        ...base,
        durationMs: answer.timing.totalMs,
        httpStatus: answer.httpStatus,
        code: answer.body?.code ?? null,
        subCode: answer.body?.sub_code ?? null,
        subMsg: answer.body?.sub_msg ? sanitizer.text(answer.body.sub_msg) : null,
        signatureValid: answer.signatureValid,
        retryAfterSeconds: Number.isFinite(retryAfter) && answer.headers['retry-after'] ? retryAfter : null,
        cashierUrl: verdict.ok ? sanitizer.text(verdict.data.cashier_url) : null,
      },
    };
  } catch (error) {
    if (!(error instanceof GatewayCallError)) throw error;
    return {
      verdict: prepayTransportOutcome(error.kind, error.code),
      observation: {
        ...base,
        durationMs: error.timing.totalMs,
        transportError: { kind: error.kind, code: error.code, message: sanitizer.text(error.message) },
      },
    };
  } finally {
    client.close();
  }
}
