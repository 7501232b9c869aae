import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { fingerprintOf, publicKeyOneLine } from './key-formats';

const generateKeyPairAsync = promisify(generateKeyPair);

/** The sizes the platforms' key tools offer for RSA2; 2048 is what they default to. */
export const KEY_BITS = [2048, 4096] as const;
export type KeyBits = (typeof KEY_BITS)[number];

/**
 * A new merchant key pair in the forms a merchant needs: the private key as PKCS#8 PEM (for the shop's
 * system and this app), the public key as SPKI PEM and as the one line a 商家后台 asks to be pasted,
 * and the public key's fingerprint in the protocol's form, to compare with what the platform registers.
 */
export interface GeneratedKeyPair {
  privateKey: KeyObject;
  privateKeyPem: string;
  publicKeyPem: string;
  publicKeyOneLine: string;
  fingerprint: string;
  bits: KeyBits;
}

/** Async, on libuv's thread pool: a 4096-bit key takes seconds and must not block the app. */
export async function generateMerchantKeyPair(bits: KeyBits = 2048): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: bits });
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKeyOneLine: publicKeyOneLine(publicKey),
    fingerprint: fingerprintOf(publicKey),
    bits,
  };
}
