import { createPrivateKey } from 'node:crypto';

/** Length of the base64 pieces of a known key that are looked for, and how far apart they start. */
export const NEEDLE_LENGTH = 32;
const NEEDLE_STEP = 16;
const SHARED_HEADER_CHARS = 64;

/**
 * Pieces of a key we know is on this machine (the merchant's), in every encoding it is commonly found in:
 * the PEM as given, PKCS#8 and PKCS#1, each as one base64 body. Any stretch of base64 of 48 characters or
 * more cut from one of those bodies contains a whole piece, however the text around it was wrapped, so a
 * single line of the key pasted into a log is still found.
 */
export function knownSecretNeedles(secrets: readonly string[]): Set<string> {
  const needles = new Set<string>();
  for (const secret of secrets) {
    for (const body of bodiesOf(secret)) {
      // The first characters are DER headers every key of that type and size shares: not this key's.
      const from = body.length > 2 * SHARED_HEADER_CHARS ? SHARED_HEADER_CHARS : 0;
      for (let at = from; at + NEEDLE_LENGTH <= body.length; at += NEEDLE_STEP) {
        needles.add(body.slice(at, at + NEEDLE_LENGTH));
      }
    }
  }
  return needles;
}

function bodiesOf(secret: string): string[] {
  const bodies = new Set<string>();
  const stripBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
  bodies.add(stripBody(secret));
  try {
    const key = createPrivateKey(secret);
    bodies.add(stripBody(String(key.export({ type: 'pkcs8', format: 'pem' }))));
    if (key.asymmetricKeyType === 'rsa') {
      bodies.add(stripBody(String(key.export({ type: 'pkcs1', format: 'pem' }))));
    }
  } catch {
    // Not a key Node can read (a token, a password): its own text is the only form there is.
  }
  return [...bodies].filter((b) => b.length >= NEEDLE_LENGTH);
}

/** True when `run` (base64, separators removed) contains a piece of a known secret. */
export function containsNeedle(run: string, needles: ReadonlySet<string>): boolean {
  if (needles.size === 0) return false;
  for (let at = 0; at + NEEDLE_LENGTH <= run.length; at++) {
    if (needles.has(run.slice(at, at + NEEDLE_LENGTH))) return true;
  }
  return false;
}
