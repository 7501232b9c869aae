import type { Certificate, Request } from 'electron';
import { verifyChainWithProfileCas } from '../simulation/profile-chain-verifier';

/**
 * Chromium's answers to a certificate verify proc (docs/api/session.md, setCertificateVerifyProc): 0 accepts,
 * -2 fails, -3 uses Chromium's own verdict.
 */
export const ACCEPT = 0;
export const USE_CHROMIUM_VERDICT = -3;

/**
 * The PEM chain Chromium presents: the leaf, then each issuer it attached (Certificate.issuerCert; a
 * self-signed root may point at itself, so the walk is bounded).
 */
export function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  for (let cert: Certificate | undefined = certificate; cert && chain.length < 8; cert = cert.issuerCert) {
    chain.push(cert.data);
    if (cert.issuerCert === cert) break;
  }
  return chain;
}

/**
 * The verify proc's answer for a session that trusts a platform profile's extra CAs. Chromium already
 * trusts the chain when errorCode is 0; Electron hands verificationResult as Chromium's error string
 * ('net::OK', 'net::ERR_CERT_AUTHORITY_INVALID'), never a bare 'OK', so the number is what is compared.
 * Only a chain Chromium refused is tried against the profile's CAs (leaf dates, host name, every
 * signature); otherwise Chromium's verdict stands, so an expired certificate still fails.
 */
export function certificateVerdict(
  verify: Pick<Request, 'hostname' | 'certificate' | 'errorCode' | 'verificationResult'>,
  profileCas: readonly string[],
): number {
  if (verify.errorCode === 0 || profileCas.length === 0) return USE_CHROMIUM_VERDICT;
  const verdict = verifyChainWithProfileCas(chainOf(verify.certificate), verify.hostname, [...profileCas]);
  return verdict.ok ? ACCEPT : USE_CHROMIUM_VERDICT;
}
