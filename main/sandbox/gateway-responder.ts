import type { ServerResponse } from 'node:http';
import type { GatewayResponse } from '../../shared/protocol/gateway';
import { gatewayTimestamp, signHeaderMessage } from '../signing';
import { sendBytes } from './http-io';
import { platformNow, type SandboxContext } from './sandbox-context';

/** A gateway answer before it is signed and sent: HTTP status, body, extra headers (Retry-After). */
export interface GatewayReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function success(ctx: SandboxContext, data: unknown): GatewayReply {
  return { status: 200, body: envelope(ctx, '10000', 'Success', null, null, data) };
}

/**
 * An error answer in the §3.2 shape. `msg` follows the code (like Alipay's gateway); `sub_msg` says what is
 * wrong in Chinese, since the platform is Chinese and support staff read it.
 */
export function failure(
  ctx: SandboxContext,
  code: FailureCode,
  subCode: string,
  subMsg: string,
  data: unknown = null,
  http: { status?: number; headers?: Record<string, string> } = {},
): GatewayReply {
  return {
    status: http.status ?? 200,
    body: envelope(ctx, code, FAILURE_MSG[code], subCode, subMsg, data),
    headers: http.headers,
  };
}

type FailureCode = keyof typeof FAILURE_MSG;
const FAILURE_MSG = {
  '20000': 'Service Currently Unavailable',
  '20001': 'Authentication Failed',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
  '42900': 'Too Many Requests',
} as const;

function envelope(
  ctx: SandboxContext,
  code: string,
  msg: string,
  subCode: string | null,
  subMsg: string | null,
  data: unknown,
): GatewayResponse {
  return {
    code,
    msg,
    sub_code: subCode,
    sub_msg: subMsg,
    data,
    server_time: gatewayTimestamp(platformNow(ctx)),
  };
}

/**
 * Sends a gateway answer signed as §3.2 says, on the platform's clock (Date header and X-Platform-Timestamp
 * both). In bad-platform-signature the signature is made with a key that is not the profile's
 * platformPublicKey: well-formed, so only verification can tell.
 */
export function sendSignedReply(ctx: SandboxContext, res: ServerResponse, reply: GatewayReply): void {
  const raw = Buffer.from(JSON.stringify(reply.body), 'utf8');
  const now = platformNow(ctx);
  const key =
    ctx.scenario.current === 'bad-platform-signature'
      ? ctx.impostorPlatformKeys.privateKey
      : ctx.platformKeys.privateKey;
  const signature = signHeaderMessage(raw, key, { now });
  sendBytes(res, reply.status, raw, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Date: now.toUTCString(),
    'X-Platform-Timestamp': signature.timestamp,
    'X-Platform-Nonce': signature.nonce,
    'X-Platform-Signature': signature.signature,
    ...reply.headers,
  });
}
