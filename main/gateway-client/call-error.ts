/**
 * Why a gateway call got no HTTP answer at all. The kinds are what the outcome codes (§7) need to tell
 * apart: a timeout (GATEWAY_TIMEOUT), no connection (GATEWAY_UNREACHABLE), a TLS failure (TLS_ERROR), and
 * an answer that is not HTTP we can read (GATEWAY_ERROR). HTTP error statuses are not errors here.
 */
export type GatewayCallErrorKind = 'timeout' | 'unreachable' | 'tls' | 'bad-response';

export class GatewayCallError extends Error {
  override readonly name = 'GatewayCallError';

  constructor(
    readonly kind: GatewayCallErrorKind,
    /** The Node / OpenSSL error code (ECONNREFUSED, CERT_HAS_EXPIRED, ETIMEDOUT, …), or null if none. */
    readonly code: string | null,
    message: string,
    readonly url: string,
    readonly timing: { startedAt: string; totalMs: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// OpenSSL verification results and Node's TLS errors; anything here means "the handshake was refused",
// whether the certificate is expired, untrusted, for another host, or the protocol too old.
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|UNABLE_TO_|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|HOSTNAME_MISMATCH|EPROTO$)/;
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'EPIPE',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** The Node error code of a transport failure, looking through axios's wrapper to its cause. */
export function transportErrorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_CANCELED' && code !== 'ECONNABORTED') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Sorts a transport failure into a kind. `timedOut` is whether our own deadline fired. */
export function classifyTransportError(
  error: unknown,
  timedOut: boolean,
): { kind: GatewayCallErrorKind; code: string | null } {
  const code = transportErrorCode(error);
  if (code && TLS_CODE.test(code)) return { kind: 'tls', code };
  // axios reports its own timeout as ECONNABORTED; it is only a backstop to our deadline, but counts the same.
  const axiosTimeout = (error as { code?: unknown })?.code === 'ECONNABORTED';
  if (timedOut || axiosTimeout || (code && TIMEOUT_CODES.has(code))) {
    return { kind: 'timeout', code: code ?? 'ETIMEDOUT' };
  }
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_SOCKET_')))
    return { kind: 'unreachable', code };
  return { kind: 'bad-response', code };
}
