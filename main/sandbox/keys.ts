import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM, the form a merchant's store.json points at. */
  privateKeyPem: string;
  /** SPKI PEM ("BEGIN PUBLIC KEY"), the form a platform profile carries. */
  publicKeyPem: string;
}

/** A fresh RSA key pair. Async so several keys are made in parallel on libuv's thread pool. */
export async function generateRsaKeyPair(modulusLength = 2048): Promise<RsaKeyPair> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength });
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The key pair of a kept PKCS#8 PEM (the demo's keys, generated once and kept in the key vault). */
export function rsaKeyPairFromPem(privateKeyPem: string): RsaKeyPair {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
