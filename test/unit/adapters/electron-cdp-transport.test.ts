import { beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPki, type SandboxPki } from '../../../main/sandbox/certificates';
// The verdict both verify procs (the simulation's session and the back office's) hand Chromium.
import { certificateVerdict } from '../../../main/adapters/certificate-verdict';
type Certificate = Parameters<typeof certificateVerdict>[0]['certificate'];

const ACCEPT = 0;
const USE_CHROMIUM_VERDICT = -3;
let pki: SandboxPki;
let otherPki: SandboxPki;
beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createSandboxPki(), createSandboxPki()]);
});

/**
 * Electron's Certificate as the verify proc receives it (net_converter.cc): PEM data, and issuerCert only for
 * the intermediates the server sent; the last one has none (a root does not point at itself).
 */
function electronCertificate(leafPem: string, caPem: string): Certificate {
  return { data: leafPem, issuerCert: { data: caPem } } as Certificate;
}

describe('the simulation session’s certificate verify proc, with the values Electron passes', () => {
  it("Chromium's own yes (errorCode 0, verificationResult 'net::OK') stands", () => {
    const verify = {
      hostname: '127.0.0.1',
      certificate: electronCertificate(pki.leaf.certPem, pki.caCertPem),
      verificationResult: 'net::OK',
      errorCode: 0,
    };
    expect(certificateVerdict(verify, [pki.caCertPem])).toBe(USE_CHROMIUM_VERDICT);
  });

  it("a chain Chromium refused ('net::ERR_CERT_AUTHORITY_INVALID', -202) is accepted when the profile's CA vouches for it", () => {
    const verify = {
      hostname: '127.0.0.1',
      certificate: electronCertificate(pki.leaf.certPem, pki.caCertPem),
      verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      errorCode: -202,
    };
    expect(certificateVerdict(verify, [pki.caCertPem])).toBe(ACCEPT);
  });

  it("another CA's chain, a wrong host or no profile CAs keep Chromium's refusal", () => {
    const refused = (leaf: string, ca: string, hostname = '127.0.0.1') => ({
      hostname,
      certificate: electronCertificate(leaf, ca),
      verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      errorCode: -202,
    });
    expect(certificateVerdict(refused(otherPki.leaf.certPem, otherPki.caCertPem), [pki.caCertPem])).toBe(
      USE_CHROMIUM_VERDICT,
    );
    expect(
      certificateVerdict(refused(pki.leaf.certPem, pki.caCertPem, 'pay.example.com'), [pki.caCertPem]),
    ).toBe(USE_CHROMIUM_VERDICT);
    expect(certificateVerdict(refused(pki.leaf.certPem, pki.caCertPem), [])).toBe(USE_CHROMIUM_VERDICT);
    // An expired leaf ('net::ERR_CERT_DATE_INVALID', -201) stays refused even under the profile's CA.
    expect(
      certificateVerdict(
        {
          ...refused(pki.expiredLeaf.certPem, pki.caCertPem),
          verificationResult: 'net::ERR_CERT_DATE_INVALID',
          errorCode: -201,
        },
        [pki.caCertPem],
      ),
    ).toBe(USE_CHROMIUM_VERDICT);
  });
});
