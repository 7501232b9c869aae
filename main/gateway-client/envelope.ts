import type { KeyObject } from 'node:crypto';
import type { GatewayMethod, GatewayRequest } from '../../shared/protocol/gateway';
import { gatewayTimestamp, newNonce, signRsa2, stringToSign } from '../signing';

export interface EnvelopeInput {
  appId: string;
  merchantNo: string;
  charset: string;
  method: GatewayMethod;
  /** An object is serialized once with JSON.stringify; a string is sent (and signed) exactly as given. */
  bizContent: unknown;
  now: Date;
  nonce?: string;
}

/** Builds and signs the §3.1 envelope; returns the string it signed so a failure can be compared later. */
export function buildSignedRequest(
  input: EnvelopeInput,
  privateKey: string | KeyObject,
): { requestFields: GatewayRequest; stringToSign: string } {
  const unsigned = {
    app_id: input.appId,
    merchant_no: input.merchantNo,
    method: input.method,
    charset: input.charset,
    sign_type: 'RSA2' as const,
    timestamp: gatewayTimestamp(input.now),
    version: '1.0' as const,
    nonce: input.nonce ?? newNonce(),
    biz_content:
      typeof input.bizContent === 'string' ? input.bizContent : JSON.stringify(input.bizContent ?? {}),
  };
  const signed = stringToSign(unsigned);
  return { requestFields: { ...unsigned, sign: signRsa2(signed, privateKey) }, stringToSign: signed };
}
