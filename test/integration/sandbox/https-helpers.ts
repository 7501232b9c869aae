import https from 'node:https';
import tls from 'node:tls';
import type { Sandbox } from '../../../main/sandbox';
import { createGatewayClient, type GatewayClientOptions } from '../../../main/gateway-client';
import { INTAKE_SIGNATURE_HEADERS, signHeaderMessage } from '../../../main/signing';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/**
 * One HTTPS request that trusts exactly what the sandbox profile trusts (public roots + the sandbox CA),
 * certificate checks on, no redirects followed: the tests look at every hop themselves.
 */
export function request(
  sandbox: Sandbox,
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    timeoutMs?: number;
    /** Called once the TLS connection is up and the whole request has been handed to it. */
    onSent?: () => void;
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: [...tls.rootCertificates, ...sandbox.profile.extraCaCertificates],
        rejectUnauthorized: true,
        agent: false,
        timeout: options.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('test request timed out')));
    req.on('error', reject);
    if (options.onSent) {
      const onSent = options.onSent;
      const secured = new Promise<void>((done) =>
        req.once('socket', (socket) => socket.once('secureConnect', () => done())),
      );
      const finished = new Promise<void>((done) => req.once('finish', () => done()));
      void Promise.all([secured, finished]).then(onSent);
    }
    req.end(options.body);
  });
}

export function gatewayClient(sandbox: Sandbox, overrides: Partial<GatewayClientOptions> = {}) {
  return createGatewayClient({
    profile: sandbox.profile,
    store: {
      appId: sandbox.store.appId,
      merchantNo: sandbox.store.merchantNo,
      privateKeyPem: sandbox.merchantPrivateKeyPem,
      charset: sandbox.store.charset,
    },
    timeoutMs: 5000,
    ...overrides,
  });
}

/** Headers of a §5 signed intake request over `body`. */
export function intakeHeaders(
  sandbox: Sandbox,
  body: Buffer | string,
  privateKeyPem = sandbox.merchantPrivateKeyPem,
): Record<string, string> {
  const signed = signHeaderMessage(body, privateKeyPem);
  return {
    [INTAKE_SIGNATURE_HEADERS.merchantNo]: sandbox.store.merchantNo,
    [INTAKE_SIGNATURE_HEADERS.timestamp]: signed.timestamp,
    [INTAKE_SIGNATURE_HEADERS.nonce]: signed.nonce,
    [INTAKE_SIGNATURE_HEADERS.signature]: signed.signature,
  };
}

/** A prepay for the demo store's test order; returns the session's cashier URL. */
export async function prepay(sandbox: Sandbox, outTradeNo = `T${Date.now()}`): Promise<string> {
  const client = gatewayClient(sandbox);
  try {
    const result = await client.call('baitiao.prepay', prepayBiz(sandbox, outTradeNo));
    const data = result.body?.data as { cashier_url?: string } | undefined;
    if (result.body?.code !== '10000' || !data?.cashier_url)
      throw new Error(`prepay failed: ${result.rawBody}`);
    return data.cashier_url;
  } finally {
    client.close();
  }
}

export function prepayBiz(sandbox: Sandbox, outTradeNo: string) {
  return {
    out_trade_no: outTradeNo,
    amount: sandbox.store.testOrder.amount,
    subject: sandbox.store.testOrder.subject,
    installments: 6,
    return_url: sandbox.store.returnUrl,
    notify_url: sandbox.store.notifyUrl,
    diagnostic: true,
  };
}
