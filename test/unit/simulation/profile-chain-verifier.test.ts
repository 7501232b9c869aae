import { beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPki, type SandboxPki } from '../../../main/sandbox/certificates';
import { verifyChainWithProfileCas } from '../../../main/simulation';

/** What the Electron session's certificate verify proc relies on to accept the profile CA, and only it. */
let pki: SandboxPki;
let otherPki: SandboxPki;
beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createSandboxPki(), createSandboxPki()]);
});

describe('chain verification against the profile CAs only', () => {
  it('accepts the profile CA\u2019s loopback certificate for its names', () => {
    for (const host of ['127.0.0.1', '::1', '[::1]', 'localhost']) {
      expect(verifyChainWithProfileCas([pki.leaf.certPem], host, [pki.caCertPem])).toEqual({ ok: true });
    }
  });

  it('still refuses an expired certificate, another host, and a CA the profile does not name', () => {
    expect(verifyChainWithProfileCas([pki.expiredLeaf.certPem], '127.0.0.1', [pki.caCertPem])).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyChainWithProfileCas([pki.leaf.certPem], 'shop.example.cn', [pki.caCertPem])).toEqual({
      ok: false,
      reason: 'wrong-host',
    });
    expect(verifyChainWithProfileCas([pki.leaf.certPem], '127.0.0.1', [otherPki.caCertPem])).toEqual({
      ok: false,
      reason: 'untrusted',
    });
    expect(verifyChainWithProfileCas([pki.leaf.certPem], '127.0.0.1', [])).toEqual({
      ok: false,
      reason: 'untrusted',
    });
  });

  it('a leaf is never its own anchor, and an intermediate must be a CA', () => {
    expect(verifyChainWithProfileCas([pki.leaf.certPem], '127.0.0.1', [pki.leaf.certPem])).toEqual({
      ok: false,
      reason: 'untrusted',
    });
    expect(
      verifyChainWithProfileCas([pki.leaf.certPem, otherPki.leaf.certPem], '127.0.0.1', [otherPki.caCertPem]),
    ).toEqual({ ok: false, reason: 'untrusted' });
  });

  it('checks dates at the time given, and refuses what does not parse', () => {
    const later = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    expect(verifyChainWithProfileCas([pki.leaf.certPem], '127.0.0.1', [pki.caCertPem], later)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const before = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    expect(verifyChainWithProfileCas([pki.leaf.certPem], '127.0.0.1', [pki.caCertPem], before)).toEqual({
      ok: false,
      reason: 'not-yet-valid',
    });
    expect(verifyChainWithProfileCas(['not a pem'], '127.0.0.1', [pki.caCertPem])).toEqual({
      ok: false,
      reason: 'unparsable',
    });
  });
});
