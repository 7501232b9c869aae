import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import type { CertificateInfo } from '../../shared/probe/probe-result';

const DAY_MS = 86_400_000;
/** Real chains are 2 to 4 long; a hostile server cannot make a report grow past this. */
const MAX_CHAIN = 10;

/** "CN=shop.example.cn, O=Example" from X509Certificate's one-attribute-per-line form. */
const distinguishedName = (multiline: string): string =>
  multiline
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(', ');

const subjectAltNames = (cert: X509Certificate): string[] =>
  (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .slice(0, 100);

export function describeCertificate(cert: X509Certificate, at: Date): CertificateInfo {
  const validTo = new Date(cert.validTo);
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    subjectAltNames: subjectAltNames(cert),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - at.getTime()) / DAY_MS),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    selfIssued: cert.subject === cert.issuer,
  };
}

/** The peer's chain as X509Certificate objects, leaf first, walking issuerCertificate links. */
export function peerChain(peer: DetailedPeerCertificate | null | undefined): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer && peer.raw ? peer : undefined;
  while (current?.raw && chain.length < MAX_CHAIN) {
    const fingerprint = current.fingerprint256;
    if (seen.has(fingerprint)) break; // a self-signed root points at itself
    seen.add(fingerprint);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}
