import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * `SHA256:<base64 of the SHA-256 of the DER SubjectPublicKeyInfo>`, the form merchant.config.query returns
 * as public_key_fingerprint (§3.3). Given a private key, Node derives its public half, so the merchant's
 * own key file can be compared with what the platform has registered without ever exporting the secret.
 */
export function publicKeyFingerprint(pem: string | KeyObject): string {
  const key = typeof pem !== 'string' && pem.type === 'public' ? pem : createPublicKey(pem);
  const spki = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(spki).digest('base64')}`;
}
