import type { X509Certificate } from 'node:crypto';
import { profileTrust, type ProfileTrust } from '../gateway-client/tls-trust';

/**
 * What a probe trusts: Node's bundled roots plus the profile's extra CA certificates (a sandbox CA, a
 * corporate TLS proxy the merchant chose to trust), for this profile only: the same trust, and the same
 * cached TLS context, as the gateway client's (gateway-client/tls-trust.ts).
 */
export type Trust = ProfileTrust;

export const trustFor = (extraCaCertificates: readonly string[] = []): Trust =>
  profileTrust(extraCaCertificates);

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
