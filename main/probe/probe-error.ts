import { explainFailure, type FailureFacts } from '../../shared/probe/failure-explanations';
import type {
  ProbeFailure,
  ProbeFailureKind,
  ProbePhase,
  TlsExplanation,
} from '../../shared/probe/probe-result';
import { sanitizeText } from './sanitize';

/**
 * A failure that already knows its phase and kind. Everything below the hop throws only these, so the
 * hop never has to guess where a stray error came from; anything else reaching the hop is our bug
 * (reported as `internal-error`, never a crash).
 */
export class ProbeError extends Error {
  // Plain fields rather than constructor parameter properties: the module stays erasable TypeScript,
  // so the benchmark can run it under Node's own type stripping.
  readonly phase: ProbePhase;
  readonly kind: ProbeFailureKind;
  readonly code: string | null;
  readonly facts: Omit<FailureFacts, 'host'>;
  readonly tls: TlsExplanation | null;

  constructor(
    phase: ProbePhase,
    kind: ProbeFailureKind,
    code: string | null,
    message: string,
    facts: Omit<FailureFacts, 'host'> = {},
    tls: TlsExplanation | null = null,
  ) {
    super(message);
    this.name = 'ProbeError';
    this.phase = phase;
    this.kind = kind;
    this.code = code;
    this.facts = facts;
    this.tls = tls;
  }

  withTls(tls: TlsExplanation | null, kind: ProbeFailureKind = this.kind, facts = this.facts): ProbeError {
    return new ProbeError(this.phase, kind, this.code, this.message, facts, tls);
  }

  /** `context` holds facts the hop knows (port, proxy); the error's own facts win over them. */
  toFailure(host: string, context: Omit<FailureFacts, 'host'> = {}): ProbeFailure {
    return {
      phase: this.phase,
      kind: this.kind,
      code: this.code,
      message: sanitizeText(this.message),
      explanation: explainFailure(this.kind, { ...context, ...this.facts, host }),
      tls: this.tls,
    };
  }
}

export const errorCode = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
};

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** OpenSSL's verify results for a chain that does not lead to a root we trust. */
const UNTRUSTED_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
]);

/** The socket-level kinds every phase after DNS can meet. */
function socketKind(code: string | null): ProbeFailureKind | null {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return 'connection-reset';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
    case 'ENETDOWN':
      return 'network-unreachable';
    case 'ETIMEDOUT':
      return 'connect-timeout';
    default:
      return null;
  }
}

export function classifyDnsError(error: unknown): ProbeError {
  const code = errorCode(error);
  const kind: ProbeFailureKind =
    code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME' || code === 'EAI_NODATA'
      ? 'dns-not-found'
      : code === 'EAI_AGAIN' || code === 'ETIMEOUT' || code === 'ESERVFAIL'
        ? 'dns-temporary-failure'
        : 'dns-failed';
  return new ProbeError('dns', kind, code, errorMessage(error));
}

export function classifyConnectError(error: unknown): ProbeError {
  const code = errorCode(error);
  return new ProbeError('connect', socketKind(code) ?? 'connection-reset', code, errorMessage(error));
}

export function classifyTlsError(error: unknown): ProbeError {
  const code = errorCode(error);
  const message = errorMessage(error);
  const socket = socketKind(code);
  let kind: ProbeFailureKind;
  if (socket) kind = socket === 'connect-timeout' ? 'tls-timeout' : socket;
  else if (code === 'CERT_HAS_EXPIRED') kind = 'tls-expired';
  else if (code === 'CERT_NOT_YET_VALID') kind = 'tls-not-yet-valid';
  else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') kind = 'tls-wrong-host';
  else if (code && UNTRUSTED_CODES.has(code)) kind = 'tls-untrusted';
  else if (
    code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' ||
    code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' ||
    code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' ||
    /unsupported protocol|protocol version/i.test(message)
  )
    kind = 'tls-protocol-too-old';
  else if (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    /wrong version number/i.test(message)
  )
    kind = 'tls-not-tls';
  else kind = 'tls-handshake-failed';
  return new ProbeError('tls', kind, code, message);
}

/** Kinds for which a second look at the server's certificate (tls-explain) adds something. */
export const CERTIFICATE_KINDS: ReadonlySet<ProbeFailureKind> = new Set([
  'tls-expired',
  'tls-not-yet-valid',
  'tls-wrong-host',
  'tls-untrusted',
]);

/**
 * After the connection is up, errors come from the socket or from the HTTP parser. A closed socket
 * without an OS error is the server hanging up (FIN), which is not the same as a reset (RST).
 */
export function classifyExchangeError(
  phase: 'send' | 'wait' | 'receive',
  error: unknown,
  socketError: unknown,
  limits: { maxHeaderBytes: number },
): ProbeError {
  const osCode = errorCode(socketError);
  const code = errorCode(error);
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new ProbeError('receive', 'headers-too-large', code, errorMessage(error), {
      limitBytes: limits.maxHeaderBytes,
    });
  }
  if (code?.startsWith('HPE_')) return new ProbeError(phase, 'bad-response', code, errorMessage(error));
  const kind = socketKind(osCode);
  if (kind)
    return new ProbeError(
      phase,
      kind === 'connect-timeout' ? 'connection-reset' : kind,
      osCode,
      errorMessage(socketError),
    );
  return new ProbeError(phase, 'connection-closed', code, errorMessage(error));
}
