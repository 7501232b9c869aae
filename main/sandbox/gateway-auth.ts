import { GATEWAY_METHODS, type GatewayMethod } from '../../shared/protocol/gateway';
import { parseGatewayTimestamp, stringToSign, verifyRsa2 } from '../signing';
import { failure, type GatewayReply } from './gateway-responder';
import { merchantRecord } from './merchant-registry';
import type { NonceRegistry } from './nonce-registry';
import { platformNow, type SandboxContext } from './sandbox-context';

export interface AuthenticatedRequest {
  method: GatewayMethod;
  bizContent: string;
}

export type AuthOutcome = { ok: true; request: AuthenticatedRequest } | { ok: false; reply: GatewayReply };

const REQUIRED_FIELDS = [
  'app_id',
  'merchant_no',
  'method',
  'charset',
  'sign_type',
  'timestamp',
  'version',
  'nonce',
  'biz_content',
  'sign',
] as const;

/**
 * The gateway's checks on a §3.1 envelope, in the order a real gateway runs them: shape, who is calling
 * (app_id / merchant_no), the signature with the key on file, then freshness (timestamp, nonce), then the
 * method. Freshness comes after the signature so a forged request can neither burn a nonce nor probe the
 * clock. Sub-codes beyond the protocol's table follow Alipay's style (documented in the sandbox README).
 */
export function authenticate(ctx: SandboxContext, raw: Buffer, nonces: NonceRegistry): AuthOutcome {
  const fail = (reply: GatewayReply): AuthOutcome => ({ ok: false, reply });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return fail(failure(ctx, '40002', 'isv.invalid-parameter', '请求体不是合法的 JSON'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail(failure(ctx, '40002', 'isv.invalid-parameter', '请求体必须是 JSON 对象'));
  }
  const fields = parsed as Record<string, unknown>;
  // The string to sign takes every top-level field raw, so every one must be a string (no nesting).
  const nonString = Object.keys(fields).find((k) => typeof fields[k] !== 'string' && fields[k] !== null);
  if (nonString) {
    return fail(failure(ctx, '40002', 'isv.invalid-parameter', `参数 ${nonString} 必须是字符串`));
  }
  const text = fields as Record<string, string | null>;
  const missing = REQUIRED_FIELDS.find((k) => !text[k]);
  if (missing) {
    return fail(
      failure(ctx, '40001', `isv.missing-${missing.replace(/_/g, '-')}`, `缺少必选参数 ${missing}`),
    );
  }
  const field = (k: (typeof REQUIRED_FIELDS)[number]): string => text[k] as string;

  if (field('app_id') !== ctx.merchant.appId || field('merchant_no') !== ctx.merchant.merchantNo) {
    return fail(failure(ctx, '20001', 'isv.invalid-app-id', 'app_id 不存在，或不属于该商户号'));
  }
  if (field('sign_type') !== 'RSA2') {
    return fail(failure(ctx, '40002', 'isv.invalid-signature-type', '仅支持 sign_type=RSA2'));
  }
  if (field('version') !== '1.0') {
    return fail(failure(ctx, '40002', 'isv.invalid-parameter', '仅支持 version=1.0'));
  }
  if (field('charset').toUpperCase() !== 'UTF-8') {
    return fail(failure(ctx, '40002', 'isv.invalid-charset', '仅支持 charset=UTF-8'));
  }

  const verifyString = stringToSign(text);
  if (!verifyRsa2(verifyString, field('sign'), merchantRecord(ctx).registeredPublicKey)) {
    return fail(
      failure(ctx, '20001', 'isv.invalid-signature', '验签出错，请确认待签名字符串和商户私钥', {
        verify_string: verifyString,
      }),
    );
  }

  const now = platformNow(ctx);
  const sent = parseGatewayTimestamp(field('timestamp'));
  const toleranceMs = ctx.clockSkewToleranceSeconds * 1000;
  if (!sent || Math.abs(sent.getTime() - now.getTime()) > toleranceMs) {
    return fail(
      failure(
        ctx,
        '20001',
        'isv.invalid-timestamp',
        `timestamp 与平台时间相差超过 ${ctx.clockSkewToleranceSeconds} 秒`,
        {
          received_timestamp: field('timestamp'),
          tolerance_seconds: ctx.clockSkewToleranceSeconds,
        },
      ),
    );
  }
  if (!/^[0-9a-f]{32}$/.test(field('nonce'))) {
    return fail(failure(ctx, '20001', 'isv.invalid-nonce', 'nonce 必须是 32 位小写十六进制字符'));
  }
  if (!nonces.claim(field('nonce'), now.getTime())) {
    return fail(failure(ctx, '20001', 'isv.invalid-nonce', 'nonce 已被使用过，疑似重放请求'));
  }

  const method = GATEWAY_METHODS.find((m) => m === field('method'));
  if (!method) {
    return fail(failure(ctx, '40002', 'isv.invalid-method', `不存在的接口：${field('method')}`));
  }
  return { ok: true, request: { method, bizContent: field('biz_content') } };
}
