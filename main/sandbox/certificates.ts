// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata API
// loaded before it; this import must stay above the x509 one.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { generateRsaKeyPair, type RsaKeyPair } from './keys';

type WebCryptoKey = webcrypto.CryptoKey;
// Node's WebCrypto, passed explicitly rather than set as x509's process-wide default provider.
const CRYPTO = webcrypto as unknown as NonNullable<
  Parameters<typeof x509.X509CertificateGenerator.create>[1]
>;
const SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

/**
 * The sandbox's own PKI, its certificates made fresh for every run: a root CA that only the sandbox profile trusts (through
 * extraCaCertificates, never system-wide), a server certificate for loopback signed by it, and an
 * already-expired one for the expired-tls scenario.
 */
export interface SandboxPki {
  caCertPem: string;
  leaf: ServerCertificate;
  expiredLeaf: ServerCertificate;
}

/** Host names the sandbox servers answer on; both IP SANs and the DNS name, as a browser checks them. */
const LOOPBACK_NAMES: x509.JsonGeneralNames = [
  { type: 'ip', value: '127.0.0.1' },
  { type: 'ip', value: '::1' },
  { type: 'dns', value: 'localhost' },
];

/** The PKI's three key pairs; new ones unless given (the app's demo keeps its keys between runs). */
export interface SandboxPkiKeys {
  ca: RsaKeyPair;
  leaf: RsaKeyPair;
  expiredLeaf: RsaKeyPair;
}

export async function createSandboxPki(now: Date = new Date(), keys?: SandboxPkiKeys): Promise<SandboxPki> {
  const [caKeys, leafKeys, expiredKeys] = keys
    ? [keys.ca, keys.leaf, keys.expiredLeaf]
    : await Promise.all([generateRsaKeyPair(), generateRsaKeyPair(), generateRsaKeyPair()]);
  const caCrypto = toCryptoKeys(caKeys);
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=Baitiao Doctor Sandbox Root CA, O=Baitiao Doctor Sandbox',
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 2 * 365 * DAY_MS),
      keys: caCrypto,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caCrypto.publicKey, false, CRYPTO),
      ],
    },
    CRYPTO,
  );
  const issue = (keys: RsaKeyPair, notBefore: Date, notAfter: Date): Promise<ServerCertificate> =>
    issueServerCertificate(ca, caCrypto.privateKey, keys, notBefore, notAfter);
  return {
    caCertPem: ca.toString('pem'),
    // 397 days, the longest a public CA may issue today, so tls.expiry sees a normal certificate (> 30 days).
    leaf: await issue(leafKeys, new Date(now.getTime() - DAY_MS), new Date(now.getTime() + 397 * DAY_MS)),
    expiredLeaf: await issue(
      expiredKeys,
      new Date(now.getTime() - 91 * DAY_MS),
      new Date(now.getTime() - DAY_MS),
    ),
  };
}

/**
 * The PKI for kept keys: the one made last when the keys are the same and it is less than a day old, else a
 * new one. Why: the simulation's browser trusts the sandbox CA by its exact certificate (one throw-away NSS
 * home per set of CAs, simulation/playwright-launcher.ts), so a sandbox restarted in the same process with the
 * same keys (the demo after a restart, every browser journey of the tests) presents the same certificates and
 * the browser already running is used again, rather than a new one started with a new trust home. One entry
 * only: a process runs one demo sandbox at a time. A day keeps every date the scenarios rely on true (the leaf
 * has 396 days left, the expired leaf stays expired).
 */
let lastPki: { id: string; madeAt: number; pki: Promise<SandboxPki> } | null = null;

export function sandboxPkiFor(keys: SandboxPkiKeys, now: Date = new Date()): Promise<SandboxPki> {
  const id = [keys.ca, keys.leaf, keys.expiredLeaf].map((pair) => pair.publicKeyPem).join('');
  if (lastPki && lastPki.id === id && Math.abs(now.getTime() - lastPki.madeAt) < DAY_MS) return lastPki.pki;
  const made = { id, madeAt: now.getTime(), pki: createSandboxPki(now, keys) };
  lastPki = made;
  // A failed one is not kept: the next start tries again.
  made.pki.catch(() => {
    if (lastPki === made) lastPki = null;
  });
  return made.pki;
}

async function issueServerCertificate(
  ca: x509.X509Certificate,
  caPrivateKey: WebCryptoKey,
  keys: RsaKeyPair,
  notBefore: Date,
  notAfter: Date,
): Promise<ServerCertificate> {
  const { publicKey } = toCryptoKeys(keys);
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: 'CN=localhost, O=Baitiao Doctor Sandbox',
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey,
      signingKey: caPrivateKey,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(LOOPBACK_NAMES),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false, CRYPTO),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, CRYPTO),
      ],
    },
    CRYPTO,
  );
  return { certPem: cert.toString('pem'), keyPem: keys.privateKeyPem };
}

/** Node KeyObjects → WebCrypto keys for x509 (the same key material, no second generation). */
function toCryptoKeys(keys: RsaKeyPair): { privateKey: WebCryptoKey; publicKey: WebCryptoKey } {
  return {
    privateKey: keys.privateKey.toCryptoKey(SIGNING_ALGORITHM, false, ['sign']),
    publicKey: keys.publicKey.toCryptoKey(SIGNING_ALGORITHM, true, ['verify']),
  };
}
