import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';

/**
 * The three forms merchants meet a key in, the way the platforms' own key tools (Alipay's 开放平台密钥工具)
 * name them: PKCS#1 (`BEGIN RSA PRIVATE KEY` / `BEGIN RSA PUBLIC KEY`), PKCS#8 (`BEGIN PRIVATE KEY`, and
 * for a public key its SPKI `BEGIN PUBLIC KEY`), and "one line": the base64 of the DER without PEM lines,
 * which back offices ask for when a public key is pasted (应用公钥) and some SDKs take for the private key.
 * Converting between them re-encodes the same numbers, so it is lossless.
 */
export const KEY_FORMATS = ['pkcs1', 'pkcs8', 'one-line'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

export interface ReadKey {
  kind: 'private' | 'public';
  key: KeyObject;
  /** The form the text was in. */
  format: KeyFormat;
  bits: number;
}

export type ReadKeyResult =
  | { ok: true; value: ReadKey }
  | {
      ok: false;
      problem: 'encrypted' | 'wrong-passphrase' | 'not-a-key' | 'not-rsa';
      message: LocalizedText;
    };

/** An RSA key's public half as the one-line base64 of its SPKI DER (what 商家后台 ask to be pasted). */
export function publicKeyOneLine(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** `SHA256:<base64>` of the SPKI DER, as merchant.config.query's public_key_fingerprint (§3.3). */
export function fingerprintOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

/**
 * Reads a private or public RSA key in any of the three forms (and a certificate's public key). An
 * encrypted private key is read only with its passphrase; without one the answer says what to do.
 * No message ever contains any of the key.
 */
export function readKeyText(raw: string, passphrase?: string): ReadKeyResult {
  const content = raw.replace(/^\uFEFF/, '').trim();
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(content);
  if (encrypted && passphrase === undefined) return ENCRYPTED;
  let read: Omit<ReadKey, 'bits'> | null;
  try {
    read = content.includes('-----BEGIN') ? readPem(content, passphrase) : readOneLine(content);
  } catch {
    return encrypted ? WRONG_PASSPHRASE : NOT_A_KEY;
  }
  if (!read) return NOT_A_KEY;
  if (read.key.asymmetricKeyType !== 'rsa') return NOT_RSA;
  return { ok: true, value: { ...read, bits: read.key.asymmetricKeyDetails?.modulusLength ?? 0 } };
}

function readPem(content: string, passphrase: string | undefined): Omit<ReadKey, 'bits'> | null {
  if (/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(content)) {
    const key = createPrivateKey({ key: content, format: 'pem', ...(passphrase ? { passphrase } : {}) });
    return { kind: 'private', key, format: content.includes('BEGIN RSA PRIVATE KEY') ? 'pkcs1' : 'pkcs8' };
  }
  if (/-----BEGIN (RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(content)) {
    const key = createPublicKey({ key: content, format: 'pem' });
    return { kind: 'public', key, format: content.includes('BEGIN RSA PUBLIC KEY') ? 'pkcs1' : 'pkcs8' };
  }
  return null;
}

/** One line of base64: PKCS#8 or PKCS#1 private DER, or SPKI or PKCS#1 public DER, whichever parses. */
function readOneLine(content: string): Omit<ReadKey, 'bits'> | null {
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const der = Buffer.from(compact, 'base64');
  const attempts: Array<() => KeyObject> = [
    () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
    () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
    () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
  ];
  for (const attempt of attempts) {
    try {
      const key = attempt();
      return { kind: key.type === 'private' ? 'private' : 'public', key, format: 'one-line' };
    } catch {
      // not this encoding; try the next
    }
  }
  return null;
}

/**
 * The key in `to`, unencrypted. A private key's one-line form is its PKCS#8 DER in base64; a public
 * key's is its SPKI DER. Every result ends with a newline except one-line, which is exactly one line.
 */
export function exportKey(read: Pick<ReadKey, 'kind' | 'key'>, to: KeyFormat): string {
  if (read.kind === 'private') {
    if (to === 'one-line') return read.key.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    return read.key.export({ type: to, format: 'pem' }).toString();
  }
  if (to === 'one-line') return publicKeyOneLine(read.key);
  return read.key.export({ type: to === 'pkcs1' ? 'pkcs1' : 'spki', format: 'pem' }).toString();
}

/** True when the private key's public half is exactly this public key (same SPKI bytes). */
export function isKeyPair(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const a = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const b = publicKey.export({ type: 'spki', format: 'der' });
  return a.equals(b);
}

const ENCRYPTED: ReadKeyResult = {
  ok: false,
  problem: 'encrypted',
  message: text(
    '这把私钥设置了密码（是加密的私钥）。请提供密码：命令行加 --passphrase-file 密码文件；或用 openssl pkey -in 加密私钥.pem -out 私钥.pem 先去掉密码。',
    'This private key is protected by a password (encrypted). Give the password: add --passphrase-file FILE on the command line; or remove the password first with openssl pkey -in encrypted.pem -out key.pem.',
  ),
};
const WRONG_PASSPHRASE: ReadKeyResult = {
  ok: false,
  problem: 'wrong-passphrase',
  message: text(
    '用这个密码打不开这把加密私钥。请确认密码文件里只有密码本身（一行）。',
    'This password does not open the encrypted key. Make sure the password file holds only the password (one line).',
  ),
};
const NOT_A_KEY: ReadKeyResult = {
  ok: false,
  problem: 'not-a-key',
  message: text(
    '内容不是可识别的 RSA 密钥（应为 PEM，以 -----BEGIN … KEY----- 开头，或一整行 base64）。',
    'The content is not a recognisable RSA key (PEM starting with -----BEGIN … KEY-----, or one line of base64).',
  ),
};
const NOT_RSA: ReadKeyResult = {
  ok: false,
  problem: 'not-rsa',
  message: text(
    '这是一把密钥，但不是 RSA 密钥；RSA2 签名只能用 RSA 密钥。',
    'This is a key, but not an RSA key; RSA2 signing needs an RSA key.',
  ),
};
