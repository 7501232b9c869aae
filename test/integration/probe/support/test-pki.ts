import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/**
 * Certificates made at test time, never checked in: a CA the probe is told to trust (as a profile's
 * extraCaCertificates), a second CA it is not told about, and leaves for every TLS failure the probe
 * must name. ECDSA P-256 because it is generated in milliseconds and every TLS version can use it.
 */
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface Issued {
  cert: string;
  key: string;
}

export interface TestPki {
  /** PEM of the trusted test root (pass as extraCaCertificates). */
  caCert: string;
  /** Leaf for 127.0.0.1, ::1 and localhost, valid now. */
  good: Issued;
  /** Same names, expired yesterday. */
  expired: Issued;
  /** Valid, but made out to other.example only. */
  wrongHost: Issued;
  /** Valid names, signed by a CA nobody trusts. */
  untrusted: Issued;
  /** Issues another leaf from the trusted CA. */
  issue(options: LeafOptions): Promise<Issued>;
}

const pem = (label: string, der: ArrayBuffer): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`;

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify',
  ])) as unknown as webcrypto.CryptoKeyPair;
}

async function makeCa(name: string): Promise<{ cert: x509.X509Certificate; keys: webcrypto.CryptoKeyPair }> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name}, O=Baitiao Doctor tests`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 30 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

const randomSerial = (): string =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');

export interface LeafOptions {
  /** CN is the first; the subjectAltName lists them all unless `san` says otherwise. */
  names?: string[];
  /** The subjectAltName entries instead of `names`; [] leaves the extension out (a CN-only certificate). */
  san?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

async function makeLeaf(
  issuer: { cert: x509.X509Certificate; keys: webcrypto.CryptoKeyPair },
  options: LeafOptions,
): Promise<Issued> {
  const keys = await newKeys();
  const names = options.names ?? ['127.0.0.1', '::1', 'localhost'];
  const san = options.san ?? names;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${names[0]}`,
    issuer: issuer.cert.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 20 * DAY),
    signingKey: issuer.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      ...(san.length
        ? [
            new x509.SubjectAlternativeNameExtension(
              san.map((value) => ({
                type: /^[\d.]+$|:/.test(value) ? ('ip' as const) : ('dns' as const),
                value,
              })),
            ),
          ]
        : []),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.cert),
    ],
  });
  return {
    cert: cert.toString('pem'),
    key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

export async function createTestPki(): Promise<TestPki> {
  const ca = await makeCa('Probe Test Root');
  const stranger = await makeCa('Unknown Interception CA');
  const [good, expired, wrongHost, untrusted] = await Promise.all([
    makeLeaf(ca, {}),
    makeLeaf(ca, { notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY) }),
    makeLeaf(ca, { names: ['other.example'] }),
    makeLeaf(stranger, {}),
  ]);
  return {
    caCert: ca.cert.toString('pem'),
    good,
    expired,
    wrongHost,
    untrusted,
    issue: (options) => makeLeaf(ca, options),
  };
}
