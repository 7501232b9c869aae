import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { PrepayDataSchema, type PrepayData } from '../../shared/protocol/gateway';
import type { GatewayCallErrorKind, GatewayCallResult } from '../gateway-client';

export type PrepayVerdict = { ok: true; data: PrepayData } | { ok: false; code: OutcomeCode; reason: string };

const TRANSPORT_OUTCOMES: Record<GatewayCallErrorKind, OutcomeCode> = {
  timeout: 'GATEWAY_TIMEOUT',
  unreachable: 'GATEWAY_UNREACHABLE',
  tls: 'TLS_ERROR',
  'bad-response': 'GATEWAY_ERROR',
};

/** The §3.2 sub-codes that name their own outcome (§7). */
const SUB_CODE_OUTCOMES: Readonly<Record<string, OutcomeCode>> = {
  'isv.invalid-signature': 'SIGN_INVALID',
  'isv.invalid-app-id': 'SIGN_INVALID',
  // The signature verified but the envelope's nonce was refused: still an envelope the platform rejects
  // at authentication, and what the buyer sees is the same.
  'isv.invalid-nonce': 'SIGN_INVALID',
  'isv.invalid-timestamp': 'CLOCK_SKEW',
  BAITIAO_NOT_ENABLED: 'NOT_ENABLED',
  DOMAIN_NOT_AUTHORIZED: 'DOMAIN_NOT_AUTHORIZED',
  AMOUNT_OUT_OF_RANGE: 'AMOUNT_OR_INSTALLMENT_INVALID',
  INSTALLMENT_NOT_ALLOWED: 'AMOUNT_OR_INSTALLMENT_INVALID',
  RISK_REJECTED: 'RISK_REJECTED',
  RATE_LIMITED: 'RATE_LIMITED',
  'isp.system-busy': 'GATEWAY_ERROR',
};

/** No HTTP answer came back: the gateway client's kind says which §7 code. */
export function prepayTransportOutcome(kind: GatewayCallErrorKind, code: string | null): PrepayVerdict {
  return { ok: false, code: TRANSPORT_OUTCOMES[kind], reason: `prepay: ${kind}${code ? ` (${code})` : ''}` };
}

/**
 * The prepay's HTTP answer → the cashier URL, or the §7 code of why there is none. Order matters:
 * 429 and 5xx are what they are whatever the body says; then an answer that is not the gateway's JSON,
 * or whose platform signature does not verify, is not trusted at all (its sub_code could be anyone's, and
 * a cashier_url from it must not be opened); only then do the sub-codes speak.
 */
export function prepayAnswerOutcome(answer: GatewayCallResult): PrepayVerdict {
  const status = answer.httpStatus;
  const subCode = answer.body?.sub_code ?? null;
  if (status === 429) return { ok: false, code: 'RATE_LIMITED', reason: 'prepay: HTTP 429' };
  if (status >= 500) {
    return {
      ok: false,
      code: 'GATEWAY_ERROR',
      reason: `prepay: HTTP ${status}${subCode ? ` ${subCode}` : ''}`,
    };
  }
  if (!answer.body) {
    return { ok: false, code: 'GATEWAY_ERROR', reason: `prepay: HTTP ${status}, not the gateway's JSON` };
  }
  if (answer.signatureValid !== true) {
    const why = answer.signatureValid === false ? 'does not verify' : 'is missing';
    return {
      ok: false,
      code: 'GATEWAY_ERROR',
      reason: `prepay: the answer's platform signature ${why} with platformPublicKey; answer not trusted`,
    };
  }
  if (answer.body.code === '10000') {
    const data = PrepayDataSchema.safeParse(answer.body.data);
    if (!data.success)
      return { ok: false, code: 'GATEWAY_ERROR', reason: 'prepay: success without trade_token/cashier_url' };
    return { ok: true, data: data.data };
  }
  const code = subCode ? SUB_CODE_OUTCOMES[subCode] : undefined;
  return {
    ok: false,
    code: code ?? 'GATEWAY_ERROR',
    reason: `prepay: code ${answer.body.code}${subCode ? ` ${subCode}` : ''}${answer.body.sub_msg ? ` (${answer.body.sub_msg})` : ''}`,
  };
}
