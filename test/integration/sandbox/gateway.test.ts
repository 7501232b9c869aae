import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, SLOW_GATEWAY_DELAY_MS, startSandbox, type Sandbox } from '../../../main/sandbox';
import {
  GatewayCallError,
  buildSignedRequest,
  classifyTransportError,
  type GatewayClient,
} from '../../../main/gateway-client';
import {
  MerchantConfigDataSchema,
  NotifyTestDataSchema,
  PrepayDataSchema,
  type GatewayResponse,
} from '../../../shared/protocol/gateway';
import {
  firstDifference,
  parseGatewayTimestamp,
  publicKeyFingerprint,
  verifyHeaderMessage,
} from '../../../main/signing';
import { gatewayClient, prepayBiz, request } from './https-helpers';

let sandbox: Sandbox;
let client: GatewayClient;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: (e) => internalErrors.push(e) });
  client = gatewayClient(sandbox);
});
afterAll(async () => {
  client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.setScenario('healthy'));

const config = async () => {
  const result = await client.call('merchant.config.query', {});
  expect(result.body?.code).toBe('10000');
  return MerchantConfigDataSchema.parse(result.body?.data);
};
const expectFailure = (
  body: GatewayResponse | null,
  code: string,
  subCode: string,
): NonNullable<GatewayResponse> => {
  expect(body).not.toBeNull();
  expect({ code: body?.code, sub_code: body?.sub_code }).toEqual({ code, sub_code: subCode });
  return body as GatewayResponse;
};

describe('healthy gateway', () => {
  it('answers merchant.config.query, signed with the profile platform key, on GMT+8 time', async () => {
    const result = await client.call('merchant.config.query', {});
    expect(result.httpStatus).toBe(200);
    expect(result.signatureValid).toBe(true);
    expect(result.body).toMatchObject({ code: '10000', msg: 'Success', sub_code: null, sub_msg: null });
    const data = MerchantConfigDataSchema.parse(result.body?.data);
    expect(data).toMatchObject({
      merchant_no: sandbox.store.merchantNo,
      store_name: sandbox.store.storeName,
      environment: 'sandbox',
      products: {
        baitiao: {
          status: 'ENABLED',
          installments: [3, 6, 12, 24],
          min_amount: '1.00',
          max_amount: '50000.00',
        },
      },
      risk: { status: 'NORMAL', cooldown_until: null },
      rate_limit: { per_minute: 600 },
    });
    expect(data.authorized_domains).toContain(new URL(sandbox.store.storeUrl).hostname);
    expect(data.public_key_fingerprint).toBe(publicKeyFingerprint(sandbox.merchantPrivateKeyPem));
    // server_time is the platform's clock in GMT+8, within a few seconds of ours here.
    const serverTime = parseGatewayTimestamp(result.body?.server_time ?? '');
    expect(Math.abs((serverTime?.getTime() ?? 0) - Date.now())).toBeLessThan(5000);
    expect(result.headers['x-platform-timestamp']).toMatch(/^\d{10}$/);
    expect(result.headers['x-platform-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(result.timing.totalMs).toBeGreaterThan(0);
    expect(result.stringToSign).toContain('method=merchant.config.query');
  });

  it('lists installment plans and creates a diagnostic prepay session on the cashier origin', async () => {
    const plans = await client.call('baitiao.installment.query', { amount: '199.00' });
    expect(plans.body?.code).toBe('10000');
    expect(
      (plans.body?.data as { plans: { installments: number }[] }).plans.map((p) => p.installments),
    ).toEqual([3, 6, 12, 24]);
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, 'ORDER-1'));
    expect(result.body?.code).toBe('10000');
    const data = PrepayDataSchema.parse(result.body?.data);
    expect(data.cashier_url).toBe(`${sandbox.profile.cashierOrigin}/pay?token=${data.trade_token}`);
    expect(parseGatewayTimestamp(data.expires_at)?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a prepay that is not diagnostic, and an installment count the platform does not offer', async () => {
    const real = await client.call('baitiao.prepay', { ...prepayBiz(sandbox, 'ORDER-2'), diagnostic: false });
    expectFailure(real.body, '40002', 'isv.invalid-parameter');
    const nine = await client.call('baitiao.prepay', { ...prepayBiz(sandbox, 'ORDER-3'), installments: 9 });
    const body = expectFailure(nine.body, '40004', 'INSTALLMENT_NOT_ALLOWED');
    expect(body.data).toEqual({ allowed_installments: [3, 6, 12, 24] });
  });

  it('health is UP, signed', async () => {
    const health = await client.health();
    expect(health.httpStatus).toBe(200);
    expect(health.body).toEqual({
      status: 'UP',
      components: { gateway: 'UP', cashier: 'UP', baitiao: 'UP', risk: 'UP' },
    });
    expect(health.signatureValid).toBe(true);
  });

  it('notify.test really POSTs a signed notification to the store, which answers success', async () => {
    const before = sandbox.storeNotifications.length;
    const result = await client.call('notify.test', { notify_url: sandbox.store.notifyUrl });
    const data = NotifyTestDataSchema.parse(result.body?.data);
    expect(data).toMatchObject({ delivered: true, http_status: 200, body_ok: true, error: null });
    expect(data.elapsed_ms).toBeLessThan(5000);
    expect(sandbox.storeNotifications.length).toBe(before + 1);
    expect(sandbox.storeNotifications.at(-1)?.fields).toMatchObject({
      notify_type: 'diagnostic_test',
      merchant_no: sandbox.store.merchantNo,
      sign_type: 'RSA2',
    });
  });

  it('notify.test reports a refused connection, and never calls off the machine', async () => {
    const closedPort = await client.call('notify.test', { notify_url: 'https://127.0.0.1:1/pay/notify' });
    expect(NotifyTestDataSchema.parse(closedPort.body?.data)).toMatchObject({
      delivered: false,
      http_status: null,
      body_ok: false,
      error: 'ECONNREFUSED',
    });
    const outside = await client.call('notify.test', { notify_url: 'https://shop.example.cn/pay/notify' });
    expect(NotifyTestDataSchema.parse(outside.body?.data)).toMatchObject({
      delivered: false,
      error: 'SANDBOX_LOOPBACK_ONLY',
    });
    const plain = await client.call('notify.test', {
      notify_url: sandbox.store.notifyUrl.replace('https:', 'http:'),
    });
    expect(NotifyTestDataSchema.parse(plain.body?.data)).toMatchObject({
      delivered: false,
      error: 'NOT_HTTPS',
    });
  });
});

describe('envelope checks', () => {
  const send = async (fields: Record<string, unknown>) => {
    const answer = await request(sandbox, sandbox.profile.gatewayUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(fields),
    });
    return { status: answer.status, body: JSON.parse(answer.text) as GatewayResponse, answer };
  };
  const signed = (overrides: Partial<Parameters<typeof buildSignedRequest>[0]> = {}) =>
    buildSignedRequest(
      {
        appId: sandbox.store.appId,
        merchantNo: sandbox.store.merchantNo,
        charset: 'UTF-8',
        method: 'merchant.config.query',
        bizContent: {},
        now: new Date(),
        ...overrides,
      },
      sandbox.merchantPrivateKeyPem,
    ).requestFields;

  it('accepts a nonce once; the same request replayed gets isv.invalid-nonce', async () => {
    const fields = signed();
    expect((await send(fields)).body.code).toBe('10000');
    const replay = await send(fields);
    expect(replay.status).toBe(200);
    expectFailure(replay.body, '20001', 'isv.invalid-nonce');
  });

  it('unknown app_id or another merchant_no → isv.invalid-app-id', async () => {
    expectFailure(
      (await send(signed({ appId: 'BTSB9999999999999999' }))).body,
      '20001',
      'isv.invalid-app-id',
    );
    expectFailure(
      (await send(signed({ merchantNo: '2088999999999999' }))).body,
      '20001',
      'isv.invalid-app-id',
    );
  });

  it('a tampered field → isv.invalid-signature with the exact string the gateway verified', async () => {
    const { requestFields, stringToSign } = buildSignedRequest(
      {
        appId: sandbox.store.appId,
        merchantNo: sandbox.store.merchantNo,
        charset: 'UTF-8',
        method: 'merchant.config.query',
        bizContent: {},
        now: new Date(),
      },
      sandbox.merchantPrivateKeyPem,
    );
    const fields = { ...requestFields, biz_content: '{"tampered":true}' };
    const body = expectFailure((await send(fields)).body, '20001', 'isv.invalid-signature');
    const verifyString = (body.data as { verify_string: string }).verify_string;
    expect(verifyString).toBe(stringToSign.replace('biz_content={}', 'biz_content={"tampered":true}'));
    // The marker lands right after "biz_content={", where the two strings part.
    expect(firstDifference(stringToSign, verifyString)).toBe(stringToSign.indexOf('biz_content={}') + 13);
  });

  it('unknown top-level fields are part of the verified string (every field except sign)', async () => {
    const fields = { ...signed(), extra_field: 'x' };
    const body = expectFailure((await send(fields)).body, '20001', 'isv.invalid-signature');
    expect((body.data as { verify_string: string }).verify_string).toContain('&extra_field=x&');
  });

  it('a timestamp 6 minutes off → isv.invalid-timestamp with server_time; 4 minutes is fine', async () => {
    const late = signed({ now: new Date(Date.now() - 6 * 60_000) });
    const body = expectFailure((await send(late)).body, '20001', 'isv.invalid-timestamp');
    expect(Math.abs((parseGatewayTimestamp(body.server_time)?.getTime() ?? 0) - Date.now())).toBeLessThan(
      5000,
    );
    expect((await send(signed({ now: new Date(Date.now() - 4 * 60_000) }))).body.code).toBe('10000');
  });

  it('missing fields, unknown methods, a non-RSA2 sign_type and non-JSON bodies are refused', async () => {
    const { sign: _sign, ...unsigned } = signed();
    expectFailure((await send(unsigned)).body, '40001', 'isv.missing-sign');
    expectFailure(
      (await send(signed({ method: 'baitiao.refund' as never }))).body,
      '40002',
      'isv.invalid-method',
    );
    expectFailure(
      (await send({ ...signed(), sign_type: 'RSA' })).body,
      '40002',
      'isv.invalid-signature-type',
    );
    const junk = await request(sandbox, sandbox.profile.gatewayUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'not json',
    });
    expectFailure(JSON.parse(junk.text) as GatewayResponse, '40002', 'isv.invalid-parameter');
  });
});

describe('gateway scenarios', () => {
  it('slow-gateway answers correctly after ~2.5 s', async () => {
    sandbox.setScenario('slow-gateway');
    const result = await client.call('merchant.config.query', {});
    expect(result.body?.code).toBe('10000');
    expect(result.timing.totalMs).toBeGreaterThanOrEqual(SLOW_GATEWAY_DELAY_MS - 50);
  });

  it('gateway-timeout accepts the connection and never answers: the client times out', async () => {
    sandbox.setScenario('gateway-timeout');
    const quick = gatewayClient(sandbox, { timeoutMs: 400 });
    try {
      const error = await quick.call('merchant.config.query', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayCallError);
      expect(error).toMatchObject({ kind: 'timeout', code: 'ETIMEDOUT' });
      expect((error as GatewayCallError).timing.totalMs).toBeGreaterThanOrEqual(350);
      await expect(quick.health()).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      quick.close();
    }
  });

  it('gateway-timeout: cancelling the run abandons the call at once with the signal, not a gateway failure', async () => {
    sandbox.setScenario('gateway-timeout');
    const stop = new AbortController();
    // A deadline far beyond the test's own timeout: only the cancel can end this call in time.
    const patient = gatewayClient(sandbox, { timeoutMs: 600_000, signal: stop.signal });
    try {
      const pending = patient.call('merchant.config.query', {}).catch((e: unknown) => e);
      // Let the request leave (the sandbox accepts it and never answers), then cancel.
      await new Promise((resolve) => setImmediate(resolve));
      stop.abort();
      const error = await pending;
      expect(error).not.toBeInstanceOf(GatewayCallError);
      expect(error).toMatchObject({ name: 'AbortError' });
      // Already cancelled: a later call is refused before anything is sent.
      await expect(patient.health()).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      patient.close();
    }
  });

  it('system-busy: 503 isp.system-busy for every method, health DOWN', async () => {
    sandbox.setScenario('system-busy');
    for (const method of ['merchant.config.query', 'baitiao.prepay'] as const) {
      const result = await client.call(method, method === 'baitiao.prepay' ? prepayBiz(sandbox, 'B1') : {});
      expect(result.httpStatus).toBe(503);
      expectFailure(result.body, '20000', 'isp.system-busy');
      expect(result.signatureValid).toBe(true);
    }
    const health = await client.health();
    expect(health.httpStatus).toBe(503);
    expect(health.body?.status).toBe('DOWN');
  });

  it('cashier-busy: the gateway is fine, health says the cashier is DEGRADED', async () => {
    sandbox.setScenario('cashier-busy');
    expect((await client.call('baitiao.prepay', prepayBiz(sandbox, 'CB1'))).body?.code).toBe('10000');
    const health = await client.health();
    expect(health.body).toMatchObject({ status: 'DEGRADED', components: { cashier: 'DEGRADED' } });
  });

  it('invalid-signature: another key is on file; verify_string equals our string-to-sign', async () => {
    sandbox.setScenario('invalid-signature');
    const result = await client.call('merchant.config.query', {});
    const body = expectFailure(result.body, '20001', 'isv.invalid-signature');
    const verifyString = (body.data as { verify_string: string }).verify_string;
    expect(verifyString).toBe(result.stringToSign);
    expect(firstDifference(result.stringToSign, verifyString)).toBe(-1);
    expect(result.signatureValid).toBe(true);
  });

  it('clock-skew: the platform clock is 15 min ahead in server_time, Date and X-Platform-Timestamp', async () => {
    sandbox.setScenario('clock-skew');
    const result = await client.call('merchant.config.query', {});
    const body = expectFailure(result.body, '20001', 'isv.invalid-timestamp');
    const skew = (parseGatewayTimestamp(body.server_time)?.getTime() ?? 0) - Date.now();
    expect(Math.abs(skew - CLOCK_SKEW_MS)).toBeLessThan(5000);
    expect(Math.abs(Date.parse(result.headers.date ?? '') - Date.now() - CLOCK_SKEW_MS)).toBeLessThan(5000);
    expect(
      Math.abs(Number(result.headers['x-platform-timestamp']) * 1000 - Date.now() - CLOCK_SKEW_MS),
    ).toBeLessThan(5000);
    expect(result.signatureValid).toBe(true);
    // A client on the platform's clock is accepted: the fault is the clocks disagreeing, nothing else.
    const onPlatformTime = gatewayClient(sandbox, { now: () => new Date(Date.now() + CLOCK_SKEW_MS) });
    expect((await onPlatformTime.call('merchant.config.query', {})).body?.code).toBe('10000');
    onPlatformTime.close();
  });

  it('baitiao-not-enabled: NOT_CONTRACTED in the config, prepay → BAITIAO_NOT_ENABLED', async () => {
    sandbox.setScenario('baitiao-not-enabled');
    expect((await config()).products.baitiao.status).toBe('NOT_CONTRACTED');
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, 'N1'));
    expectFailure(result.body, '40004', 'BAITIAO_NOT_ENABLED');
  });

  it('domain-not-authorized: the store host is missing, prepay lists authorized_domains', async () => {
    sandbox.setScenario('domain-not-authorized');
    const storeHost = new URL(sandbox.store.storeUrl).hostname;
    expect((await config()).authorized_domains).not.toContain(storeHost);
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, 'D1'));
    const body = expectFailure(result.body, '40004', 'DOMAIN_NOT_AUTHORIZED');
    expect(body.data).toEqual({ authorized_domains: ['shop.example.cn'] });
  });

  it('amount-out-of-range: the test amount is below min_amount', async () => {
    sandbox.setScenario('amount-out-of-range');
    const { min_amount, max_amount } = (await config()).products.baitiao;
    expect(Number(min_amount)).toBeGreaterThan(Number(sandbox.store.testOrder.amount));
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, 'A1'));
    const body = expectFailure(result.body, '40004', 'AMOUNT_OUT_OF_RANGE');
    expect(body.data).toEqual({ min_amount, max_amount });
    const plans = await client.call('baitiao.installment.query', { amount: '199.00' });
    expectFailure(plans.body, '40004', 'AMOUNT_OUT_OF_RANGE');
  });

  it('risk-rejected: COOLDOWN with cooldown_until, prepay → RISK_REJECTED with cooldown_seconds', async () => {
    sandbox.setScenario('risk-rejected');
    const risk = (await config()).risk;
    expect(risk.status).toBe('COOLDOWN');
    const until = parseGatewayTimestamp(risk.cooldown_until ?? '');
    expect(until?.getTime()).toBeGreaterThan(Date.now());
    const body = expectFailure(
      (await client.call('baitiao.prepay', prepayBiz(sandbox, 'R1'))).body,
      '40004',
      'RISK_REJECTED',
    );
    const seconds = (body.data as { cooldown_seconds: number }).cooldown_seconds;
    expect(seconds).toBeGreaterThan(0);
    expect(Math.abs(Date.now() + seconds * 1000 - (until?.getTime() ?? 0))).toBeLessThan(2000);
  });

  it('rate-limited: 429 RATE_LIMITED with Retry-After; the config query shows remaining 0', async () => {
    sandbox.setScenario('rate-limited');
    expect((await config()).rate_limit.remaining).toBe(0);
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, 'L1'));
    expect(result.httpStatus).toBe(429);
    expectFailure(result.body, '42900', 'RATE_LIMITED');
    expect(Number(result.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(result.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(result.signatureValid).toBe(true);
  });

  it('bad-platform-signature: answers are well formed but do not verify with platformPublicKey', async () => {
    sandbox.setScenario('bad-platform-signature');
    const result = await client.call('merchant.config.query', {});
    expect(result.body?.code).toBe('10000');
    expect(result.signatureValid).toBe(false);
    expect((await client.health()).signatureValid).toBe(false);
    sandbox.setScenario('healthy');
    expect((await client.call('merchant.config.query', {})).signatureValid).toBe(true);
  });

  it('response signatures cover the raw bytes: verifying a changed body fails', async () => {
    const result = await client.call('merchant.config.query', {});
    const headers = {
      timestamp: result.headers['x-platform-timestamp'] ?? '',
      nonce: result.headers['x-platform-nonce'] ?? '',
      signature: result.headers['x-platform-signature'] ?? '',
    };
    expect(verifyHeaderMessage(result.rawBytes, headers, sandbox.profile.platformPublicKey)).toBe(true);
    const changed = Buffer.from(result.rawBody.replace('10000', '10001'));
    expect(verifyHeaderMessage(changed, headers, sandbox.profile.platformPublicKey)).toBe(false);
  });

  it('notify-failing: notify.test sees HTTP 500 with body fail', async () => {
    sandbox.setScenario('notify-failing');
    const result = await client.call('notify.test', { notify_url: sandbox.store.notifyUrl });
    expect(NotifyTestDataSchema.parse(result.body?.data)).toMatchObject({
      delivered: true,
      http_status: 500,
      body_ok: false,
    });
  });

  it('the other scenarios leave the gateway healthy', async () => {
    for (const scenario of [
      'blank-cashier',
      'garbled-cashier',
      'redirect-loop',
      'insecure-redirect',
      'return-broken',
      'cashier-slow',
      'expired-tls',
    ] as const) {
      sandbox.setScenario(scenario);
      const result = await client.call('baitiao.prepay', prepayBiz(sandbox, `OK-${scenario}`));
      expect(result.body?.code, scenario).toBe('10000');
      expect(result.signatureValid, scenario).toBe(true);
    }
  });
});

describe('control endpoint and transport failures', () => {
  it('GET/PUT /__sandbox/scenario switches the scenario at run time, even while the gateway hangs', async () => {
    const url = `${new URL(sandbox.profile.gatewayUrl).origin}/__sandbox/scenario`;
    expect(JSON.parse((await request(sandbox, url)).text)).toMatchObject({ scenario: 'healthy' });
    const put = (scenario: string) =>
      request(sandbox, url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scenario }),
      });
    expect((await put('gateway-timeout')).status).toBe(200);
    expect(sandbox.scenario).toBe('gateway-timeout');
    expect((await put('healthy')).status).toBe(200);
    expect(sandbox.scenario).toBe('healthy');
    expect((await put('no-such-thing')).status).toBe(400);
    expect(sandbox.scenario).toBe('healthy');
  });

  it('a closed port is unreachable (ECONNREFUSED), an untrusting client gets a TLS error', async () => {
    const dead = gatewayClient(sandbox, {
      profile: { ...sandbox.profile, gatewayUrl: 'https://127.0.0.1:1/gateway' },
    });
    await expect(dead.call('merchant.config.query', {})).rejects.toMatchObject({
      kind: 'unreachable',
      code: 'ECONNREFUSED',
    });
    dead.close();
    const untrusting = gatewayClient(sandbox, { profile: { ...sandbox.profile, extraCaCertificates: [] } });
    await expect(untrusting.call('merchant.config.query', {})).rejects.toMatchObject({
      kind: 'tls',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    untrusting.close();
  });

  it('sorts transport errors by kind, looking through wrappers to the Node code', () => {
    const wrapped = (code: string) =>
      Object.assign(new Error('axios'), { cause: Object.assign(new Error(code), { code }) });
    expect(classifyTransportError(wrapped('CERT_HAS_EXPIRED'), false)).toEqual({
      kind: 'tls',
      code: 'CERT_HAS_EXPIRED',
    });
    expect(classifyTransportError(wrapped('ERR_TLS_CERT_ALTNAME_INVALID'), false).kind).toBe('tls');
    expect(classifyTransportError(wrapped('ERR_SSL_WRONG_VERSION_NUMBER'), false).kind).toBe('tls');
    expect(classifyTransportError(wrapped('ENOTFOUND'), false)).toEqual({
      kind: 'unreachable',
      code: 'ENOTFOUND',
    });
    expect(classifyTransportError(wrapped('ECONNRESET'), false).kind).toBe('unreachable');
    expect(
      classifyTransportError(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }), true),
    ).toEqual({
      kind: 'timeout',
      code: 'ETIMEDOUT',
    });
    expect(classifyTransportError(Object.assign(new Error('t'), { code: 'ECONNABORTED' }), false).kind).toBe(
      'timeout',
    );
    expect(classifyTransportError(wrapped('HPE_INVALID_CONSTANT'), false)).toEqual({
      kind: 'bad-response',
      code: 'HPE_INVALID_CONSTANT',
    });
  });

  it('an answer that is not HTTP (plain TCP junk) is a bad-response, not a hang', async () => {
    const { createServer } = await import('node:net');
    const junk = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
    const port = (junk.address() as { port: number }).port;
    const odd = gatewayClient(sandbox, {
      profile: { ...sandbox.profile, gatewayUrl: `https://127.0.0.1:${port}/gateway` },
    });
    const error = await odd.call('merchant.config.query', {}).catch((e: unknown) => e);
    odd.close();
    junk.close();
    expect(error).toBeInstanceOf(GatewayCallError);
    // A TLS client talking to a non-TLS server fails in the handshake: OpenSSL says "wrong version number".
    expect((error as GatewayCallError).kind).toBe('tls');
  });

  it('had no internal errors', () => {
    expect(internalErrors).toEqual([]);
  });
});
