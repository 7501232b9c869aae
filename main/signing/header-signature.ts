import type { KeyObject } from 'node:crypto';
import { newNonce, unixSeconds } from './gateway-time';
import { signRsa2, verifyRsa2 } from './rsa2';

/**
 * Signatures carried in headers rather than in the body: the platform's gateway responses (§3.2,
 * X-Platform-Timestamp / -Nonce / -Signature) and the merchant's support-intake requests (§5, X-Timestamp /
 * X-Nonce / X-Sign) sign the same message, `timestamp + "\n" + nonce + "\n" + rawBody + "\n"`, over bytes:
 * the raw body is whatever went on the wire (a zip upload is not text), so it is never re-decoded.
 */
export interface HeaderSignature {
  timestamp: string;
  nonce: string;
  signature: string;
}

export function headerSignatureMessage(timestamp: string, nonce: string, rawBody: string | Buffer): Buffer {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
}

export function signHeaderMessage(
  rawBody: string | Buffer,
  privateKeyPem: string | KeyObject,
  options: { now?: Date; nonce?: string } = {},
): HeaderSignature {
  const timestamp = unixSeconds(options.now ?? new Date());
  const nonce = options.nonce ?? newNonce();
  const signature = signRsa2(headerSignatureMessage(timestamp, nonce, rawBody), privateKeyPem);
  return { timestamp, nonce, signature };
}

export function verifyHeaderMessage(
  rawBody: string | Buffer,
  headers: HeaderSignature,
  publicKeyPem: string | KeyObject,
): boolean {
  return verifyRsa2(
    headerSignatureMessage(headers.timestamp, headers.nonce, rawBody),
    headers.signature,
    publicKeyPem,
  );
}

/** Header names of the gateway's response signature (§3.2), lower-case as Node and axios expose them. */
export const PLATFORM_SIGNATURE_HEADERS = {
  timestamp: 'x-platform-timestamp',
  nonce: 'x-platform-nonce',
  signature: 'x-platform-signature',
} as const;

/** Header names of a support-intake request signature (§5). */
export const INTAKE_SIGNATURE_HEADERS = {
  merchantNo: 'x-merchant-no',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-sign',
} as const;

/**
 * Picks the three signature headers out of a header bag (Node's IncomingHttpHeaders or axios's), or null
 * when any is missing or repeated: an unsigned answer is "cannot verify", which callers keep apart from
 * "signed but wrong".
 */
export function readHeaderSignature(
  headers: Readonly<Record<string, unknown>>,
  names: { timestamp: string; nonce: string; signature: string },
): HeaderSignature | null {
  const pick = (name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' && value.length > 0 ? value : null;
  };
  const timestamp = pick(names.timestamp);
  const nonce = pick(names.nonce);
  const signature = pick(names.signature);
  return timestamp && nonce && signature ? { timestamp, nonce, signature } : null;
}
