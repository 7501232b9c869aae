import { createPrivateKey, type KeyObject } from 'node:crypto';

/** Length of the pieces of a known key that are looked for, and how far apart they start. */
export const NEEDLE_LENGTH = 32;
const NEEDLE_STEP = 16;
/** DER and PEM open with headers every key of a type and size shares: those characters are not this key's. */
const SHARED_HEADER_CHARS = 64;

/**
 * Every text form a private key is commonly found in, on a merchant's machine, in CI variables and in
 * `.env` files: the PEM body (PKCS#8, PKCS#1, SEC1), base64 of the whole PEM file (the usual way to put a
 * key in one environment variable), DER as base64, base64url and hex, and the JWK private members
 * (`d`, `p`, `q`, `dp`, `dq`, `qi`). Each form is a run of base64, base64url or hex characters.
 */
export function keyEncodings(pem: string): string[] {
  const forms = new Set<string>();
  const stripBody = (text: string) => text.replace(/-----[^-]+-----/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
  const addPemText = (text: string) => {
    forms.add(stripBody(text));
    for (const variant of [text, text.trim(), text.replace(/\r?\n/g, '\r\n'), `${text.trim()}\n`]) {
      const b64 = Buffer.from(variant, 'utf8');
      forms.add(b64.toString('base64'));
      forms.add(b64.toString('base64url'));
    }
  };
  const addDer = (der: Buffer) => {
    forms.add(der.toString('base64'));
    forms.add(der.toString('base64url'));
    forms.add(der.toString('hex'));
    forms.add(der.toString('hex').toUpperCase());
  };
  addPemText(pem);
  let key: KeyObject | null = null;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Not a key Node can read (cut short, encrypted): its own text is the only form there is.
  }
  if (key) {
    addPemText(String(key.export({ type: 'pkcs8', format: 'pem' })));
    addDer(key.export({ type: 'pkcs8', format: 'der' }));
    if (key.asymmetricKeyType === 'rsa') {
      addPemText(String(key.export({ type: 'pkcs1', format: 'pem' })));
      addDer(key.export({ type: 'pkcs1', format: 'der' }));
    }
    if (key.asymmetricKeyType === 'ec') addDer(key.export({ type: 'sec1', format: 'der' }));
    try {
      const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
        const value = jwk[member];
        if (typeof value === 'string') {
          forms.add(value);
          forms.add(Buffer.from(value, 'base64url').toString('base64'));
          forms.add(Buffer.from(value, 'base64url').toString('hex'));
        }
      }
    } catch {
      // Key types without a JWK form (none Node signs with today): the DER forms above cover them.
    }
  }
  return [...forms].filter((f) => f.length >= NEEDLE_LENGTH);
}

/**
 * Pieces of keys we know are on this machine (the merchant's), in every encoding above. Any stretch of 48
 * characters or more cut from one of those forms contains a whole piece, however the text around it was
 * wrapped or glued, so a single line of the key pasted into a log is still found.
 */
export function knownSecretNeedles(secrets: readonly string[]): Set<string> {
  const needles = new Set<string>();
  for (const secret of secrets) {
    for (const form of keyEncodings(secret)) {
      const from = form.length > 3 * SHARED_HEADER_CHARS ? SHARED_HEADER_CHARS : 0;
      for (let at = from; at + NEEDLE_LENGTH <= form.length; at += NEEDLE_STEP) {
        needles.add(form.slice(at, at + NEEDLE_LENGTH));
      }
      // The tail too, so the last characters of a form are never left without a piece.
      needles.add(form.slice(-NEEDLE_LENGTH));
    }
  }
  return needles;
}

/** True when `run` (base64, base64url or hex, separators removed) contains a piece of a known secret. */
export function containsNeedle(run: string, needles: ReadonlySet<string>): boolean {
  if (needles.size === 0) return false;
  for (let at = 0; at + NEEDLE_LENGTH <= run.length; at++) {
    if (needles.has(run.slice(at, at + NEEDLE_LENGTH))) return true;
  }
  return false;
}
