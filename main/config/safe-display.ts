/**
 * The only ways text from an imported file may reach a message. A store.json can hold a private key
 * anywhere (the right field, a wrong field, even a field name), so nothing from the file is echoed
 * unless it is short, printable and does not look like key material.
 */

const PEM_OR_KEY_MARKER = /-----(BEGIN|END)|PRIVATE KEY|PUBLIC KEY/;
// Base64 runs this long are key or certificate material, never a merchant number or a URL.
const LONG_BASE64_RUN = /[A-Za-z0-9+/=]{40,}/;

export function looksSecret(text: string): boolean {
  return PEM_OR_KEY_MARKER.test(text) || LONG_BASE64_RUN.test(text);
}

const MAX_ECHO = 24;

/** C0/C1 controls and the Unicode line separators: never shown as they are. */
export function isControlChar(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Each control character replaced by `replace(char)`. A loop, not a regex: lint bans control ranges. */
export function replaceControlChars(text: string, replace: (char: string) => string): string {
  let out = '';
  for (const char of text) out += isControlChar(char.charCodeAt(0)) ? replace(char) : char;
  return out;
}

function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlChar(text.charCodeAt(i))) return true;
  return false;
}

/** A field name as it may appear in a JSON path or message: short, printable, not key material. */
export function displayKeyName(key: string): string {
  if (looksSecret(key)) return '…';
  const printable = replaceControlChars(key, () => '?');
  const chars = Array.from(printable);
  return chars.length > MAX_ECHO ? `${chars.slice(0, MAX_ECHO).join('')}…` : printable;
}

/**
 * A value worth showing back ("现在是 "prod""), or null when it must not be shown. Only scalars,
 * only short ones, and never anything that looks like a key.
 */
export function echoValue(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') {
    const shown = String(value);
    return shown.length <= MAX_ECHO ? shown : null;
  }
  if (value === null) return 'null';
  if (typeof value !== 'string') return null;
  if (value.length > MAX_ECHO || looksSecret(value)) return null;
  if (hasControlChar(value)) return null;
  return JSON.stringify(value);
}

/** One character as a person can see it: itself if printable, else its U+ code. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const invisible =
    cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xfeff || (cp >= 0x2000 && cp <= 0x200f);
  if (invisible || cp === 0x3000 || cp === 0x2028 || cp === 0x2029) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return ch;
}

/**
 * A private key in PEM, or as bare base64 DER (what many key tools print). Bare RSA private keys start
 * with SEQUENCE, length, INTEGER 0 and then the algorithm (PKCS#8: "ADAN") or the modulus (PKCS#1:
 * "AAKB"/"AAKC"); public keys never do, so a platform public key pasted bare is not mistaken for one.
 */
export function looksLikePrivateKey(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return true;
  return /^\s*MII[A-Za-z0-9+/]{5}(?:ADAN|AAKB|AAKC)[A-Za-z0-9+/=\s]{300,}$/.test(text);
}
