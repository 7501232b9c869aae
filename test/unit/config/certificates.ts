// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** A CA certificate for platform.json's extraCaCertificates, made with WebCrypto at test time. */
export async function makeCertificate(options: { ca: boolean; expired?: boolean }): Promise<string> {
  // The library's types come from the DOM lib, which this Node-only project does not load.
  type ProviderCrypto = Parameters<typeof x509.cryptoProvider.set>[0];
  type Params = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0];
  x509.cryptoProvider.set(webcrypto as unknown as ProviderCrypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const now = Date.now();
  const day = 86_400_000;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Baitiao Doctor Test CA',
    notBefore: new Date(options.expired ? now - 30 * day : now - day),
    notAfter: new Date(options.expired ? now - day : now + 365 * day),
    keys: keys as unknown as Params['keys'],
    signingAlgorithm: algorithm,
    extensions: [new x509.BasicConstraintsExtension(options.ca, undefined, true)],
  });
  return cert.toString('pem');
}
