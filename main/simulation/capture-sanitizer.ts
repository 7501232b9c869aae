import { REDACTED_HEADERS, sanitizeText } from '../probe';

/**
 * Everything the simulation keeps (CDP events for the HAR, console text, URLs) is sanitized when it is
 * captured, the way the probe does it, so nothing downstream can forget to: cookies and credentials go
 * whole, and `token`, `trade_token` and `sign` lose their values wherever they appear (query strings,
 * form and JSON bodies, free text). The run's own secrets (this prepay's trade_token and sign) are also
 * replaced wherever they appear verbatim, whatever surrounds them.
 */

export const REDACTED = '[REDACTED]';
/** Inside a URL or query the marker must stay a valid value (HAR validators check `format: uri`). */
export const REDACTED_IN_URL = 'REDACTED';

/** Cookie lists CDP attaches to requests and responses: dropped whole. */
const COOKIE_LIST_KEYS = new Set(['associatedCookies', 'blockedCookies', 'exemptedCookies', 'cookies']);
const SECRET_FIELDS = 'token|trade_token|sign';
const SECRET_PARAMS = new Set(['token', 'trade_token', 'sign']);
/** "sign":"…" in JSON and sign=… in form bodies (sanitizeText covers ?/& query parameters). */
const JSON_SECRET = new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi');
const FORM_SECRET = new RegExp(`(^|[&\\s])((?:${SECRET_FIELDS})=)[^&\\s]*`, 'gi');
const RAW_HEADER_LINE = /^(cookie|set-cookie|authorization|proxy-authorization)\s*:.*$/gim;
/** Strings longer than this are cut (an inline data URL, a huge header) to keep a result bounded. */
const MAX_STRING = 8192;

export interface CaptureSanitizer {
  /** Adds a value that must never appear (a trade_token, a signature), from now on. */
  addSecret(value: string | null | undefined): void;
  text(value: string): string;
  /** A deep copy of a CDP event's params (or any JSON, a HAR) with every secret removed. */
  params(params: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The values a cookie or credential header carries: cookie pairs' values, a Set-Cookie line's first pair,
 * an Authorization credential without its scheme. They are blanked where they stand and, from then on,
 * wherever a page echoes them (an HttpOnly cookie printed into a title, a session id in console text).
 */
function headerSecrets(name: string, value: string): string[] {
  if (name === 'cookie')
    return [...value.matchAll(/(?:^|;)\s*[^=;\s][^=;]*=([^;]*)/g)].map((m) => m[1]!.trim());
  if (name === 'set-cookie')
    return [...value.matchAll(/^\s*[^=;\s][^=;]*=([^;\r\n]*)/gm)].map((m) => m[1]!.trim());
  return [value.replace(/^\s*[A-Za-z][A-Za-z0-9-]*\s+/, '').trim()];
}

export function createCaptureSanitizer(): CaptureSanitizer {
  const secrets = new Set<string>();
  // Shorter values would blank unrelated text; session cookies and credentials are longer.
  const learn = (name: string, value: string) => {
    for (const secret of headerSecrets(name, value)) {
      if (secret.length >= 8 && !secret.includes(REDACTED_IN_URL)) secrets.add(secret);
    }
  };

  const textOf = (value: string): string => {
    for (const line of value.matchAll(RAW_HEADER_LINE)) {
      learn(line[1]!.toLowerCase(), line[0].slice(line[0].indexOf(':') + 1));
    }
    let result = sanitizeText(value)
      .replace(JSON_SECRET, `$1${REDACTED_IN_URL}$2`)
      .replace(FORM_SECRET, `$1$2${REDACTED_IN_URL}`)
      .replace(RAW_HEADER_LINE, `$1: ${REDACTED}`);
    for (const secret of secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED_IN_URL);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && result.includes(encoded))
        result = result.split(encoded).join(REDACTED_IN_URL);
    }
    return result.length > MAX_STRING ? `${result.slice(0, MAX_STRING)}…[truncated]` : result;
  };

  const walk = (value: unknown, key: string | null, depth: number): unknown => {
    if (depth > 12) return null;
    if (typeof value === 'string') {
      if (key && REDACTED_HEADERS.has(key.toLowerCase())) {
        learn(key.toLowerCase(), value);
        return REDACTED;
      }
      return textOf(value);
    }
    if (Array.isArray(value)) {
      if (key && COOKIE_LIST_KEYS.has(key)) return [];
      return value.map((item) => walk(item, null, depth + 1));
    }
    if (value && typeof value === 'object') {
      const pair = value as { name?: unknown; value?: unknown };
      // Name/value pairs (HAR headers and query strings): the name says whether the value is a secret.
      if (typeof pair.name === 'string' && typeof pair.value === 'string') {
        const name = pair.name.toLowerCase();
        if (REDACTED_HEADERS.has(name)) {
          learn(name, pair.value);
          return { ...walkObject(value, depth), value: REDACTED };
        }
        if (SECRET_PARAMS.has(name)) return { ...walkObject(value, depth), value: REDACTED_IN_URL };
      }
      return walkObject(value, depth);
    }
    return value;
  };

  const walkObject = (value: object, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = walk(item, name, depth + 1);
    return out;
  };

  return {
    addSecret(value) {
      // Short values would redact unrelated text; real tokens and signatures are long.
      if (value && value.length >= 8) secrets.add(value);
    },
    text: textOf,
    params: (params) => walk(params, null, 0) as Record<string, unknown>,
  };
}
