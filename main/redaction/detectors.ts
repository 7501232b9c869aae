/**
 * Checks that turn "looks like" into "is": a Luhn digit for card numbers, the ISO 7064 check character of
 * an 18-digit resident ID, and the DER header of a private key. They keep the rules from eating order
 * numbers, timestamps and public keys.
 */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Card numbers the rule considers: 13 to 19 digits from the networks that issue cards in China and abroad
 * (UnionPay 62/81, Visa 4, Mastercard 51–55 and 2221–2720, Amex 34/37, JCB 35, Discover 60/64/65), so
 * a 16-digit merchant number (2088…) or a millisecond timestamp (17…) never qualifies. The Luhn digit is
 * not required: a number mistyped by one digit is still the buyer's card.
 */
export function looksLikeCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  return /^(?:4|5[1-5]|2[2-7]|3[457]|6|81)/.test(digits);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: 17 digits, then the check character of ISO 7064 MOD 11-2 (X for 10). */
export function idCardCheckValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/**
 * The birth date inside an ID is a real calendar day: YYYYMMDD in an 18-character ID, YYMMDD (19YY) in a
 * 15-digit one (issued until 1999, still on file in many shops' records).
 */
export function idCardDateValid(id: string): boolean {
  const short = id.length === 15;
  const year = short ? 1900 + Number(id.slice(6, 8)) : Number(id.slice(6, 10));
  const month = Number(short ? id.slice(8, 10) : id.slice(10, 12));
  const day = Number(short ? id.slice(10, 12) : id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Decoded base64 that begins like a private key: SEQUENCE, a length, then INTEGER 0 (PKCS#1 RSA and
 * PKCS#8), INTEGER 1 followed by an OCTET STRING (SEC1 EC keys, PKCS#8 v2) or INTEGER 3 followed by a
 * SEQUENCE (a PKCS#12 keystore, which holds a key). Public keys and
 * certificates open with a second SEQUENCE instead, so they are left alone.
 */
export function derLooksLikePrivateKey(der: Buffer): boolean {
  if (der.length < 8 || der[0] !== 0x30) return false;
  let at = 1;
  const lengthByte = der[at]!;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count < 1 || count > 3) return false;
    at += 1 + count;
  } else {
    at += 1;
  }
  if (der[at] !== 0x02 || der[at + 1] !== 0x01) return false;
  const version = der[at + 2];
  if (version === 0x00) return true;
  // PKCS#12 (a .p12/.pfx keystore): version 3, then the authenticated safe, a SEQUENCE.
  if (version === 0x03) return der[at + 3] === 0x30;
  return version === 0x01 && (der[at + 3] === 0x04 || der[at + 3] === 0x30);
}

/** RSA signatures are as long as the modulus: 1024 to 4096-bit keys. */
export const SIGNATURE_BYTE_LENGTHS: ReadonlySet<number> = new Set([128, 256, 384, 512]);
