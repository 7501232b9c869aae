import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { TlsExplanation, TlsProblem } from '../../shared/probe/probe-result';
import { describeCertificate, peerChain } from './certificate-info';
import { withinPhase } from './phase-deadline';
import { CERTIFICATE_KINDS, ProbeError } from './probe-error';
import { serverNameFor } from './tls-handshake';
import { chainIsAnchored, type Trust } from './trust';

const OLD_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** Failures where looking at what the server presents can tell the shop owner more. */
export const isExplainable = (error: ProbeError): boolean =>
  CERTIFICATE_KINDS.has(error.kind) ||
  error.kind === 'tls-protocol-too-old' ||
  error.kind === 'tls-handshake-failed';

/**
 * Explains a failed handshake by looking at the server a second time, on a separate connection made
 * only for that. THIS CONNECTION SKIPS VERIFICATION ON PURPOSE (rejectUnauthorized off, no host check,
 * old protocols and weak ciphers allowed): its sole use is to read the certificate chain and the
 * protocol the server speaks, so we can say "expired on 3 May" or "only speaks TLS 1.0". It sends no
 * request and carries no data; the probe's verdict stays the failure of the verified handshake.
 */
export async function explainTlsFailure(
  failure: ProbeError,
  options: {
    host: string;
    /** Opens the same route again (direct TCP, or the proxy tunnel). */
    reconnect: () => Promise<Socket>;
    trust: Trust;
    timeoutMs: number;
    signal?: AbortSignal;
    at: Date;
    track: (s: TLSSocket) => void;
  },
): Promise<ProbeError> {
  if (!isExplainable(failure)) return failure;
  let inspection: { protocol: string | null; chain: ReturnType<typeof peerChain> };
  try {
    inspection = await inspectServer(options);
  } catch {
    // The explanation is a bonus: if the second look fails too, the original failure stands alone.
    return failure;
  }
  const { chain } = inspection;
  const leaf = chain[0];
  const problems: TlsProblem[] = [];
  if (inspection.protocol && OLD_PROTOCOLS.has(inspection.protocol)) problems.push('protocol-too-old');
  if (leaf) {
    const now = options.at.getTime();
    if (chain.some((cert) => new Date(cert.validTo).getTime() < now)) problems.push('expired');
    if (chain.some((cert) => new Date(cert.validFrom).getTime() > now)) problems.push('not-yet-valid');
    const hostMatches = serverNameFor(options.host)
      ? leaf.checkHost(options.host)
      : leaf.checkIP(options.host);
    if (!hostMatches) problems.push('wrong-host');
    if (!chainIsAnchored(chain, options.trust)) {
      problems.push('untrusted');
      if (leaf.subject === leaf.issuer) problems.push('self-signed');
    }
  }
  const explanation: TlsExplanation = {
    problems,
    serverProtocol: inspection.protocol,
    peerChain: chain.map((cert) => describeCertificate(cert, options.at)),
  };
  // A generic handshake failure becomes "too old" when the relaxed look shows an old protocol.
  const kind =
    failure.kind === 'tls-handshake-failed' && problems.includes('protocol-too-old')
      ? 'tls-protocol-too-old'
      : failure.kind;
  const names = leaf
    ? (leaf.subjectAltName ?? '')
        .split(/,\s*/)
        .map((n) => n.replace(/^(DNS|IP Address):/, ''))
        .filter(Boolean)
    : [];
  return failure.withTls(explanation, kind, {
    ...failure.facts,
    serverProtocol: inspection.protocol,
    ...(leaf
      ? { validTo: new Date(leaf.validTo).toISOString(), issuer: explanation.peerChain[0]?.issuer }
      : {}),
    ...(names.length ? { certificateNames: names } : {}),
  });
}

async function inspectServer(options: {
  host: string;
  reconnect: () => Promise<Socket>;
  timeoutMs: number;
  signal?: AbortSignal;
  track: (s: TLSSocket) => void;
}): Promise<{ protocol: string | null; chain: ReturnType<typeof peerChain> }> {
  const socket = await options.reconnect();
  let secure: TLSSocket | null = null;
  const work = new Promise<{ protocol: string | null; chain: ReturnType<typeof peerChain> }>(
    (resolve, reject) => {
      const servername = serverNameFor(options.host);
      secure = tlsConnect({
        socket,
        ...(servername ? { servername } : {}),
        // Inspection only, see above: never used for a request.
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      });
      options.track(secure);
      secure.once('error', reject);
      secure.once('secureConnect', () => {
        const result = {
          protocol: secure!.getProtocol() ?? null,
          chain: peerChain(secure!.getPeerCertificate(true)),
        };
        secure!.destroy();
        resolve(result);
      });
    },
  );
  return withinPhase('tls', work, {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    abandon: () => {
      (secure as TLSSocket | null)?.destroy();
      socket.destroy();
    },
    onTimeout: () => new ProbeError('tls', 'tls-timeout', 'ETIMEDOUT', 'TLS inspection timed out'),
  });
}
