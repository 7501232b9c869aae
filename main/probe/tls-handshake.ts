import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { TlsInfo } from '../../shared/probe/probe-result';
import { describeCertificate, peerChain } from './certificate-info';
import { withinPhase } from './phase-deadline';
import { classifyTlsError, ProbeError } from './probe-error';
import { browserServerIdentity } from '../gateway-client/tls-trust';
import type { Trust } from './trust';

/**
 * Protocols offered in ALPN. Only HTTP/1.1: the exchange that follows speaks HTTP/1.1, and offering h2
 * without speaking it would make an h2 server's answer unreadable. The negotiated value is reported
 * (null when the server ignores ALPN).
 */
export const ALPN_PROTOCOLS = ['http/1.1'];

/** SNI must be a DNS name: an IP literal is verified against the certificate's IP SANs instead. */
export const serverNameFor = (host: string): string | null => (isIP(host) ? null : host);

export function tlsInfo(socket: TLSSocket, at: Date): TlsInfo {
  const cipher = socket.getCipher();
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: cipher?.name ?? null,
    cipherStandardName: cipher?.standardName ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    servername: typeof socket.servername === 'string' ? socket.servername : null,
    chain: peerChain(socket.getPeerCertificate(true)).map((cert) => describeCertificate(cert, at)),
  };
}

/**
 * The TLS handshake over an open socket (direct, or a proxy tunnel), verified as a browser would:
 * chain to a trusted root (Node's plus the profile's), host name matched. Never with checks off.
 */
export async function startTls(
  socket: Socket,
  options: {
    host: string;
    trust: Trust;
    timeoutMs: number;
    signal?: AbortSignal;
    at: Date;
    track: (s: TLSSocket) => void;
  },
): Promise<{ socket: TLSSocket; info: TlsInfo }> {
  const servername = serverNameFor(options.host);
  let tlsSocket: TLSSocket | null = null;
  const work = new Promise<TLSSocket>((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      host: options.host,
      ...(servername ? { servername } : {}),
      secureContext: options.trust.secureContext,
      ALPNProtocols: ALPN_PROTOCOLS,
      rejectUnauthorized: true,
      checkServerIdentity: browserServerIdentity,
    });
    tlsSocket = secure;
    options.track(secure);
    const onError = (error: Error) => reject(classifyTlsError(error));
    secure.once('error', onError);
    secure.once('secureConnect', () => {
      secure.off('error', onError);
      resolve(secure);
    });
  });
  const secure = await withinPhase('tls', work, {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    abandon: () => {
      (tlsSocket as TLSSocket | null)?.destroy();
      socket.destroy();
    },
    onTimeout: () =>
      new ProbeError('tls', 'tls-timeout', 'ETIMEDOUT', `TLS handshake took over ${options.timeoutMs} ms`, {
        timeoutMs: options.timeoutMs,
      }),
  });
  return { socket: secure, info: tlsInfo(secure, options.at) };
}
