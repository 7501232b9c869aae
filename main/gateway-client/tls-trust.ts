import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import { isIP } from 'node:net';
import tls, { type PeerCertificate, type SecureContext } from 'node:tls';

/**
 * What a profile trusts: Node's bundled public roots plus that profile's `extraCaCertificates` (a sandbox
 * CA, a corporate TLS proxy the merchant chose to trust). Passing `ca` replaces Node's default list, so
 * the public roots are added back explicitly. Certificate and host-name checks are never turned off.
 */
export function profileTrustedCas(extraCaCertificates: readonly string[] = []): string[] {
  return [...tls.rootCertificates, ...extraCaCertificates];
}

/** Whether a subjectaltname string (`DNS:a, IP Address:1.2.3.4`) lists any DNS name. */
const hasDnsName = (altNames: string | undefined): boolean =>
  (altNames ?? '').split(/,\s*/).some((entry) => entry.startsWith('DNS:'));

/**
 * The host-name check as Chromium does it: only the subjectAltName counts. Node's own check falls back to
 * the subject CN when a certificate lists no DNS name; Chromium stopped doing that in version 58 (RFC 6125
 * deprecated it), so a certificate that passes here and fails in every buyer's browser would hide the very
 * fault the app looks for. A host name needs a DNS entry; an IP address is matched against IP entries only
 * (Node already does that). Everything else is Node's check.
 */
export function browserServerIdentity(hostname: string, cert: PeerCertificate): Error | undefined {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host) && !hasDnsName(cert.subjectaltname)) {
    const reason = `Host: ${host}. is not in the cert's altnames: ${cert.subjectaltname ?? '(none)'} (the certificate's CN is not used, as in browsers)`;
    return Object.assign(new Error(`Hostname/IP does not match certificate's altnames: ${reason}`), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      reason,
      host,
      cert,
    });
  }
  return tls.checkServerIdentity(hostname, cert);
}

const MIN_TLS_VERSION = 'TLSv1.2';

/** A profile's trust, built once per set of extra CAs and shared by the gateway client, the intake and the probe. */
export interface ProfileTrust {
  secureContext: SecureContext;
  /** The trusted certificates parsed, only when asked (to explain an untrusted chain). */
  anchors(): X509Certificate[];
}

const trusts = new Map<string, ProfileTrust>();

/**
 * The profile's trust as one TLS context, built once per set of extra CAs and reused: handing `ca` to every
 * agent made Node parse ~140 roots again for every gateway call (a diagnosis' largest cost in Node after the
 * browser's protocol traffic), and in a probe that parsing would show up in the measured TLS phase.
 * Throws when an extra CA does not parse (Node's own error).
 */
export function profileTrust(extraCaCertificates: readonly string[] = []): ProfileTrust {
  const key = extraCaCertificates.join('\n');
  const cached = trusts.get(key);
  if (cached) return cached;
  const pems = profileTrustedCas(extraCaCertificates);
  let parsed: X509Certificate[] | null = null;
  const trust: ProfileTrust = {
    secureContext: tls.createSecureContext({ ca: pems, minVersion: MIN_TLS_VERSION }),
    anchors: () =>
      (parsed ??= pems.flatMap((pem) => {
        try {
          return [new X509Certificate(pem)];
        } catch {
          return [];
        }
      })),
  };
  // Profiles are few; a bound keeps a long-running app from collecting contexts forever.
  if (trusts.size >= 16) trusts.delete(trusts.keys().next().value!);
  trusts.set(key, trust);
  return trust;
}

/** null when a CA does not parse: the call then fails at connect with its own error, as before. */
function profileSecureContext(extraCaCertificates: readonly string[]): SecureContext | null {
  try {
    return profileTrust(extraCaCertificates).secureContext;
  } catch {
    return null;
  }
}

export function createProfileAgent(extraCaCertificates: readonly string[] = []): https.Agent {
  const secureContext = profileSecureContext(extraCaCertificates);
  return new https.Agent({
    ...(secureContext ? { secureContext } : { ca: profileTrustedCas(extraCaCertificates) }),
    rejectUnauthorized: true,
    checkServerIdentity: browserServerIdentity,
    minVersion: MIN_TLS_VERSION,
    // A fresh connection per call: each diagnostic call then measures (and can fail at) connect and TLS.
    keepAlive: false,
  });
}
