import { randomBytes } from 'node:crypto';

/** The gateway's clock is GMT+8 (China Standard Time, no daylight saving) whatever the machine's zone. */
const GMT8_OFFSET_MS = 8 * 60 * 60 * 1000;
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `yyyy-MM-dd HH:mm:ss` in GMT+8 (protocol §3.1). Built from UTC parts so the local zone never leaks in. */
export function gatewayTimestamp(date: Date): string {
  const shifted = new Date(date.getTime() + GMT8_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())} ` +
    `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  );
}

/**
 * Inverse of gatewayTimestamp: the instant a GMT+8 `yyyy-MM-dd HH:mm:ss` names, or null if the text is not
 * one (wrong shape, or a date that does not exist such as 2026-02-30). Used to compare against server_time.
 */
export function parseGatewayTimestamp(text: string): Date | null {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_OFFSET_MS);
  return gatewayTimestamp(date) === text ? date : null;
}

/** A fresh nonce: 32 lowercase hex characters from the CSPRNG, so it is never reused in practice. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Unix seconds as the decimal string the X-Platform-Timestamp / X-Timestamp headers carry. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
