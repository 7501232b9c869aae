import https from 'node:https';
import tls from 'node:tls';

/**
 * What a profile trusts: Node's bundled public roots plus that profile's `extraCaCertificates` (a sandbox
 * CA, a corporate TLS proxy the merchant chose to trust). Passing `ca` replaces Node's default list, so
 * the public roots are added back explicitly. Certificate and host-name checks are never turned off.
 */
export function profileTrustedCas(extraCaCertificates: readonly string[] = []): string[] {
  return [...tls.rootCertificates, ...extraCaCertificates];
}

export function createProfileAgent(extraCaCertificates: readonly string[] = []): https.Agent {
  return new https.Agent({
    ca: profileTrustedCas(extraCaCertificates),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    // A fresh connection per call: each diagnostic call then measures (and can fail at) connect and TLS.
    keepAlive: false,
  });
}
