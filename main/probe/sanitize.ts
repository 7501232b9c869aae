import type { Header } from '../../shared/probe/probe-result';

/**
 * Probe results travel into reports, bundles and support tickets, so secrets are removed when they are
 * captured, not when they are exported: nothing downstream can forget to. Cookies and credentials go
 * whole; the cashier's `token`, the prepay's `trade_token` and any `sign` lose their values.
 */
export const REDACTED_HEADERS: ReadonlySet<string> = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
]);
export const REDACTED_QUERY_PARAMS: ReadonlySet<string> = new Set(['token', 'trade_token', 'sign']);
/** Headers whose value is a URL that may carry a token (a redirect's target). */
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'refresh', 'link']);

export const REDACTED = '[REDACTED]';
/** Inside a URL the marker must stay a valid query value (HAR validators check `format: uri`). */
export const REDACTED_IN_URL = 'REDACTED';

/** Keeps a hostile server from filling a report: header values and counts are capped. */
const MAX_HEADER_VALUE = 2048;
const MAX_HEADERS = 100;

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** Rewrites only the sensitive parameters, leaving every other byte of the query as the server sent it. */
function sanitizeQuery(search: string): string {
  if (search.length <= 1) return search;
  const parts = search
    .slice(1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      return REDACTED_QUERY_PARAMS.has(decodeName(name)) ? `${name}=${REDACTED_IN_URL}` : part;
    });
  return `?${parts.join('&')}`;
}

export function sanitizeUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    // Not a URL we can take apart: keep what is before any query, which is where tokens live.
    return String(input).replace(/[?#].*$/s, '');
  }
  if (url.username) url.username = REDACTED_IN_URL;
  if (url.password) url.password = REDACTED_IN_URL;
  url.search = sanitizeQuery(url.search);
  return url.href;
}

/** For free text (error messages) that may quote a URL or a header. */
export function sanitizeText(message: string): string {
  return message
    .replace(/([?&](?:token|trade_token|sign)=)[^&\s#"']*/gi, `$1${REDACTED_IN_URL}`)
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]+@/g, `$1${REDACTED_IN_URL}:${REDACTED_IN_URL}@`);
}

function sanitizeHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (REDACTED_HEADERS.has(lower)) return REDACTED;
  let result = value;
  if (URL_HEADERS.has(lower)) {
    // An absolute URL is taken apart properly; a relative one keeps the form the server sent.
    result = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? sanitizeUrl(value) : sanitizeText(value);
  }
  return result.length > MAX_HEADER_VALUE ? `${result.slice(0, MAX_HEADER_VALUE)}…[truncated]` : result;
}

/** From Node's rawHeaders ([name, value, name, value…]), keeping order, case and repeats. */
export function sanitizeRawHeaders(rawHeaders: readonly string[]): Header[] {
  const headers: Header[] = [];
  for (let i = 0; i + 1 < rawHeaders.length && headers.length < MAX_HEADERS; i += 2) {
    const name = rawHeaders[i]!;
    headers.push({ name, value: sanitizeHeaderValue(name, rawHeaders[i + 1]!) });
  }
  return headers;
}
