/**
 * Protocol §3.1: the string the merchant signs and the gateway verifies.
 *
 * Every top-level field except `sign`, empty values dropped, keys sorted by their UTF-8 bytes
 * (not localeCompare: a Chinese locale would sort differently from the gateway), `key=value`
 * joined with `&`, values raw (biz_content stays the JSON string it is, nothing is URL-encoded).
 */
export type SignableValue = string | number | boolean | null | undefined;

export function stringToSign(fields: Readonly<Record<string, SignableValue>>): string {
  return Object.entries(fields)
    .filter(([key, value]) => key !== 'sign' && value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => compareUtf8(a, b))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('&');
}

/** Byte-order comparison of two strings as UTF-8, the way the gateway (and Java's byte[] sort) does. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
