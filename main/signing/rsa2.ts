import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * RSA2 = SHA256withRSA (PKCS#1 v1.5 padding), base64, over the UTF-8 bytes of the message.
 * Keys come as PEM; Node's parser takes PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1 ("BEGIN RSA PRIVATE KEY")
 * alike, which is exactly the pair merchants export from merchant back offices.
 */
export function signRsa2(message: string | Buffer, privateKeyPem: string | KeyObject): string {
  const key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  assertRsa(key);
  return sign('sha256', toBytes(message), key).toString('base64');
}

/**
 * True only if `signatureBase64` is a valid RSA2 signature of `message`. A malformed signature is simply
 * "does not verify" (false); a key that is not an RSA key is a caller error and throws.
 * Accepts a public key PEM, or a private key / certificate PEM from which Node derives the public half.
 */
export function verifyRsa2(
  message: string | Buffer,
  signatureBase64: string,
  publicKeyPem: string | KeyObject,
): boolean {
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  assertRsa(key);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64.trim())) return false;
  try {
    return verify('sha256', toBytes(message), key, Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    // OpenSSL rejects some wrong-length signatures by throwing rather than returning false.
    return false;
  }
}

function toBytes(message: string | Buffer): Buffer {
  return typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
}

function assertRsa(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`RSA2 needs an RSA key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  }
}
