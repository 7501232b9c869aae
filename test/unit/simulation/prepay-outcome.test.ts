import { describe, expect, it } from 'vitest';
import type { GatewayCallResult } from '../../../main/gateway-client';
import { prepayAnswerOutcome, prepayTransportOutcome } from '../../../main/simulation';

function answer(
  httpStatus: number,
  body: Partial<NonNullable<GatewayCallResult['body']>> | null,
  signatureValid: boolean | null = true,
): GatewayCallResult {
  return {
    httpStatus,
    signatureValid,
    headers: {},
    body: body
      ? {
          code: '10000',
          msg: 'Success',
          sub_code: null,
          sub_msg: null,
          data: null,
          server_time: '2026-11-26 10:00:00',
          ...body,
        }
      : null,
  } as unknown as GatewayCallResult;
}
const failure = (sub_code: string, code = '40004') => answer(200, { code, msg: 'Business Failed', sub_code });

describe('prepay answer → §7 outcome', () => {
  it('success yields the cashier URL', () => {
    const data = {
      trade_token: 't'.repeat(32),
      cashier_url: 'https://c.example/pay?token=x',
      expires_at: '2026-11-26 10:15:00',
    };
    expect(prepayAnswerOutcome(answer(200, { data }))).toEqual({ ok: true, data });
  });

  it.each([
    ['isv.invalid-signature', 'SIGN_INVALID'],
    ['isv.invalid-app-id', 'SIGN_INVALID'],
    ['isv.invalid-nonce', 'SIGN_INVALID'],
    ['isv.invalid-timestamp', 'CLOCK_SKEW'],
    ['BAITIAO_NOT_ENABLED', 'NOT_ENABLED'],
    ['DOMAIN_NOT_AUTHORIZED', 'DOMAIN_NOT_AUTHORIZED'],
    ['AMOUNT_OUT_OF_RANGE', 'AMOUNT_OR_INSTALLMENT_INVALID'],
    ['INSTALLMENT_NOT_ALLOWED', 'AMOUNT_OR_INSTALLMENT_INVALID'],
    ['RISK_REJECTED', 'RISK_REJECTED'],
    ['isv.invalid-parameter', 'GATEWAY_ERROR'],
  ])('sub_code %s → %s', (subCode, code) => {
    expect(prepayAnswerOutcome(failure(subCode))).toMatchObject({ ok: false, code });
  });

  it('429 is RATE_LIMITED and 5xx GATEWAY_ERROR whatever the body says', () => {
    expect(prepayAnswerOutcome(answer(429, { code: '42900', sub_code: 'RATE_LIMITED' }))).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(prepayAnswerOutcome(answer(429, null, null))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(prepayAnswerOutcome(answer(503, { code: '20000', sub_code: 'isp.system-busy' }))).toMatchObject({
      code: 'GATEWAY_ERROR',
    });
    expect(prepayAnswerOutcome(answer(502, null, null))).toMatchObject({ code: 'GATEWAY_ERROR' });
  });

  it('an answer that is not the gateway\u2019s, or not genuinely signed, is not trusted', () => {
    expect(prepayAnswerOutcome(answer(200, null, null))).toMatchObject({ code: 'GATEWAY_ERROR' });
    const data = { trade_token: 'x'.repeat(32), cashier_url: 'https://evil.example/pay', expires_at: 'x' };
    expect(prepayAnswerOutcome(answer(200, { data }, false))).toMatchObject({
      ok: false,
      code: 'GATEWAY_ERROR',
    });
    expect(prepayAnswerOutcome(answer(200, { data }, null))).toMatchObject({
      ok: false,
      code: 'GATEWAY_ERROR',
    });
    expect(prepayAnswerOutcome(answer(200, { data: { cashier_url: 1 } }))).toMatchObject({
      code: 'GATEWAY_ERROR',
    });
  });

  it('no HTTP answer: the gateway client\u2019s kind decides', () => {
    expect(prepayTransportOutcome('timeout', 'ETIMEDOUT')).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(prepayTransportOutcome('unreachable', 'ECONNREFUSED')).toMatchObject({
      code: 'GATEWAY_UNREACHABLE',
    });
    expect(prepayTransportOutcome('tls', 'CERT_HAS_EXPIRED')).toMatchObject({ code: 'TLS_ERROR' });
    expect(prepayTransportOutcome('bad-response', null)).toMatchObject({ code: 'GATEWAY_ERROR' });
  });
});
