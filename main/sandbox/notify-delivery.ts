import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import type { NotifyTestData } from '../../shared/protocol/gateway';
import { gatewayTimestamp, newNonce, signRsa2, stringToSign } from '../signing';
import { platformNow, type SandboxContext } from './sandbox-context';

/** The protocol's deadline for a store to answer a notification (§3.3). */
export const NOTIFY_TIMEOUT_MS = 5000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * notify.test: POST a signed test notification to the store, the way the platform delivers real ones
 * (form-encoded, signed with the platform key like Alipay's asynchronous notifications), and report what
 * came back. Over HTTPS only, trusting the public roots plus the sandbox CA, with certificate checks on.
 *
 * The sandbox only ever calls loopback: a notify URL elsewhere is reported as not delivered rather than
 * contacted, so a demo can never send traffic off the machine.
 */
export async function deliverTestNotification(
  ctx: SandboxContext,
  notifyUrl: string,
): Promise<NotifyTestData> {
  const refused = (error: string): NotifyTestData => ({
    delivered: false,
    http_status: null,
    elapsed_ms: 0,
    body_ok: false,
    error,
  });
  let url: URL;
  try {
    url = new URL(notifyUrl);
  } catch {
    return refused('INVALID_URL');
  }
  if (url.protocol !== 'https:') return refused('NOT_HTTPS');
  if (!isLoopback(url.hostname)) return refused('SANDBOX_LOOPBACK_ONLY');

  const now = platformNow(ctx);
  const fields: Record<string, string> = {
    notify_id: newNonce(),
    notify_type: 'diagnostic_test',
    notify_time: gatewayTimestamp(now),
    app_id: ctx.merchant.appId,
    merchant_no: ctx.merchant.merchantNo,
    out_trade_no: `DIAG-TEST-${now.getTime()}`,
    trade_status: 'TEST',
    charset: 'UTF-8',
    sign_type: 'RSA2',
    version: '1.0',
  };
  fields.sign = signRsa2(stringToSign(fields), ctx.platformKeys.privateKey);
  const body = Buffer.from(new URLSearchParams(fields).toString(), 'utf8');
  return post(url, body, [...tls.rootCertificates, ctx.pki.caCertPem]);
}

function post(url: URL, body: Buffer, ca: string[]): Promise<NotifyTestData> {
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    let settled = false;
    // Set once the store's status line arrives: a store that then stalls was still reached.
    let status: number | null = null;
    const finish = (data: NotifyTestData): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(data);
    };
    const req = https.request(
      url,
      {
        method: 'POST',
        ca,
        rejectUnauthorized: true,
        agent: false,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          'Content-Length': body.length,
          'User-Agent': 'BaitiaoSandboxNotifier/1.0',
        },
      },
      (res) => {
        status = res.statusCode ?? null;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').trim();
          finish({
            delivered: true,
            http_status: res.statusCode ?? null,
            elapsed_ms: elapsed(),
            body_ok: res.statusCode === 200 && text === 'success',
            error: null,
          });
        });
        res.on('error', (error) => finish(failed(error, res.statusCode ?? null)));
      },
    );
    const failed = (error: unknown, status: number | null = null): NotifyTestData => ({
      delivered: status !== null,
      http_status: status,
      elapsed_ms: elapsed(),
      body_ok: false,
      error: (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)),
    });
    const deadline = setTimeout(() => {
      finish({
        delivered: status !== null,
        http_status: status,
        elapsed_ms: elapsed(),
        body_ok: false,
        error: 'TIMEOUT',
      });
      req.destroy();
    }, NOTIFY_TIMEOUT_MS);
    req.on('error', (error) => finish(failed(error)));
    req.end(body);
  });
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
