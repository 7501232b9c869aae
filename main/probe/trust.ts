import { X509Certificate } from 'node:crypto';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/**
 * What a probe trusts: Node's bundled roots plus the profile's extra CA certificates (a sandbox CA, a
 * corporate TLS proxy the merchant chose to trust), for this profile only. Built once per set of extra
 * CAs and reused, because parsing ~140 roots for every hop would show up in the measured TLS phase.
 */
export interface Trust {
  secureContext: SecureContext;
  /** Parsed lazily, only to explain an untrusted chain. */
  anchors(): X509Certificate[];
}

const cache = new Map<string, Trust>();

export function trustFor(extraCaCertificates: readonly string[] = []): Trust {
  const key = extraCaCertificates.join('\n');
  const cached = cache.get(key);
  if (cached) return cached;
  const pems = [...rootCertificates, ...extraCaCertificates];
  let parsed: X509Certificate[] | null = null;
  const trust: Trust = {
    secureContext: createSecureContext({ ca: pems }),
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
  if (cache.size >= 16) cache.delete(cache.keys().next().value!);
  cache.set(key, trust);
  return trust;
}

/** Whether some certificate of the chain is, or is signed by, one of the trusted anchors. */
export function chainIsAnchored(chain: readonly X509Certificate[], trust: Trust): boolean {
  const anchors = trust.anchors();
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  return chain.some(
    (cert) =>
      anchorPrints.has(cert.fingerprint256) ||
      anchors.some((anchor) => {
        try {
          return cert.checkIssued(anchor) && cert.verify(anchor.publicKey);
        } catch {
          return false;
        }
      }),
  );
}
