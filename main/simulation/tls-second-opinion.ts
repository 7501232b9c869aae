import { isIP } from 'node:net';
import tls from 'node:tls';
import { browserServerIdentity, profileTrustedCas, transportErrorCode } from '../gateway-client';

const TIMEOUT_MS = 3000;

/**
 * When Chrome refuses a certificate, Node's TLS (with the same trust the gateway client uses: public roots
 * plus the profile's CAs, checks on) says why in OpenSSL's words (CERT_HAS_EXPIRED, …): support staff
 * read that more easily than net::ERR_CERT_DATE_INVALID. 'OK' means Node accepted what Chrome refused
 * (worth knowing: antivirus or a proxy in the browser's path); null means it could not tell.
 */
export function nodeTlsVerdict(
  origin: string,
  extraCaCertificates: readonly string[],
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return Promise.resolve(null);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = tls.connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ca: profileTrustedCas(extraCaCertificates),
      rejectUnauthorized: true,
      checkServerIdentity: browserServerIdentity,
      minVersion: 'TLSv1.2',
    });
    const timer = setTimeout(() => done(null), TIMEOUT_MS);
    socket.once('secureConnect', () => done('OK'));
    socket.once('error', (error) => done(transportErrorCode(error)));
  });
}
