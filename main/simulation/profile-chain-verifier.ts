import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** TLS Web Server Authentication (RFC 5280 §4.2.1.12). */
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
const MAX_CHAIN_DEPTH = 6;

export type ChainVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'unparsable' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'not-for-servers' | 'untrusted';
    };

function withinValidity(cert: X509Certificate, now: Date): 'expired' | 'not-yet-valid' | null {
  if (now.getTime() < Date.parse(cert.validFrom)) return 'not-yet-valid';
  if (now.getTime() > Date.parse(cert.validTo)) return 'expired';
  return null;
}

function issuedBy(child: X509Certificate, parent: X509Certificate, now: Date): boolean {
  return (
    parent.ca &&
    withinValidity(parent, now) === null &&
    child.checkIssued(parent) &&
    child.verify(parent.publicKey)
  );
}

/**
 * Verifies a server's certificate chain against the platform profile's extra CAs only: leaf validity
 * dates, host name (DNS or IP SAN), server-auth usage, and every signature up to one of those CAs, each
 * issuer a CA within its own validity. Used where Chromium asks the app for a verdict (Electron's
 * setCertificateVerifyProc): a chain that passes here is the profile's own trust, anything else keeps
 * Chromium's verdict. Nothing here ever accepts a chain the profile did not vouch for.
 */
export function verifyChainWithProfileCas(
  chainPems: readonly string[],
  hostname: string,
  profileCaPems: readonly string[],
  now: Date = new Date(),
): ChainVerdict {
  let chain: X509Certificate[];
  let anchors: X509Certificate[];
  try {
    chain = chainPems.map((pem) => new X509Certificate(pem));
    anchors = profileCaPems.map((pem) => new X509Certificate(pem));
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  const leaf = chain[0];
  if (!leaf || anchors.length === 0) return { ok: false, reason: 'untrusted' };

  const dates = withinValidity(leaf, now);
  if (dates) return { ok: false, reason: dates };
  const host = hostname.replace(/^\[|\]$/g, '');
  const hostMatches = isIP(host) ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
  if (!hostMatches) return { ok: false, reason: 'wrong-host' };
  if (leaf.keyUsage && !leaf.keyUsage.includes(SERVER_AUTH_OID))
    return { ok: false, reason: 'not-for-servers' };

  let current = leaf;
  const intermediates = chain.slice(1);
  for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth += 1) {
    if (anchors.some((anchor) => issuedBy(current, anchor, now))) return { ok: true };
    const next = intermediates.find(
      (candidate) => candidate !== current && issuedBy(current, candidate, now),
    );
    if (!next) break;
    current = next;
  }
  return { ok: false, reason: 'untrusted' };
}
