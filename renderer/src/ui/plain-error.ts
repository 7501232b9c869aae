/**
 * What a library or the system said, as one plain sentence for a shop owner. Node's codes
 * (ECONNREFUSED…), a zod complaint about a call's input, the zip library's English, a certificate
 * error: each kind maps to a key under errorReasons; the raw text goes only to the 「给客服看」
 * disclosure beside it (see ErrorDetails). Unknown text maps to 'unknown', never shown as it is.
 */
export const PLAIN_REASONS = [
  'refused',
  'notFound',
  'timeout',
  'reset',
  'certificate',
  'permission',
  'missingFile',
  'diskFull',
  'badZip',
  'badInput',
  'offline',
  'unknown',
] as const;
export type PlainReason = (typeof PLAIN_REASONS)[number];

/** First match wins: the more telling kinds (a certificate, a timeout) before the general ones. */
const PATTERNS: readonly (readonly [PlainReason, RegExp])[] = [
  ['certificate', /CERT_|certificate|self[- ]signed|UNABLE_TO_VERIFY|ERR_TLS|SSL|ERR_CERT/i],
  ['timeout', /ETIMEDOUT|ESOCKETTIMEDOUT|TIMEOUT|timed? ?out|AbortError|aborted due to timeout/i],
  ['refused', /ECONNREFUSED|connection refused|ERR_CONNECTION_REFUSED/i],
  ['notFound', /ENOTFOUND|EAI_AGAIN|EAI_NONAME|ENODATA|getaddrinfo|ERR_NAME_NOT_RESOLVED/i],
  ['reset', /ECONNRESET|EPIPE|socket hang up|ERR_CONNECTION_RESET|other side closed/i],
  ['offline', /ENETUNREACH|EHOSTUNREACH|ERR_INTERNET_DISCONNECTED|network is unreachable/i],
  ['permission', /EACCES|EPERM|permission denied|operation not permitted/i],
  ['diskFull', /ENOSPC|EDQUOT|no space left/i],
  ['missingFile', /ENOENT|no such file/i],
  [
    'badZip',
    /end of central directory|central directory|invalid (local file header|signature|zip)|not a zip|zip file|yauzl|compressed size|invalid relative path/i,
  ],
  ['badInput', /INVALID_INPUT|ZodError|Invalid input|expected \w+, received|Too (big|small)|invalid_type/i],
];

export function plainReason(raw: string): PlainReason {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(raw)) return kind;
  return 'unknown';
}

/** The raw text of anything thrown, for the disclosure (and the code main gave it, if any). */
export function rawReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
