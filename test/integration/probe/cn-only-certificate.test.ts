import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserServerIdentity, createProfileAgent } from '../../../main/gateway-client';
import { createTestPki, type Issued, type TestPki } from './support/test-pki';

/**
 * A certificate that names its host only in the subject CN (no DNS subjectAltName). Node's default check
 * accepts it for that name; Chromium, and so every buyer's browser, refuses it. The profile-CA verifier must
 * refuse it too. The servers listen on 127.0.0.1; the host name checked is `localhost` (sent as SNI).
 */
let pki: TestPki;
const servers: Server[] = [];
const ports = new Map<string, number>();

async function serve(name: string, leaf: Issued): Promise<void> {
  const server = createServer({ cert: leaf.cert, key: leaf.key }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  ports.set(name, (server.address() as AddressInfo).port);
}

beforeAll(async () => {
  pki = await createTestPki();
  await serve('cn-only', await pki.issue({ names: ['localhost'], san: [] }));
  await serve('ip-san-only', await pki.issue({ names: ['localhost'], san: ['127.0.0.1'] }));
  await serve('dns-san', await pki.issue({ names: ['localhost'] }));
});
afterAll(() => servers.forEach((s) => s.close()));

/** One request through the profile agent: 'ok', or the error code it failed with. */
function viaProfileAgent(name: string): Promise<string> {
  const agent = createProfileAgent([pki.caCert]);
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: ports.get(name), servername: 'localhost', path: '/', agent, timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve('ok'));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  }).finally(() => agent.destroy()) as Promise<string>;
}

/** The certificate as a TLS client sees it, with Node's own host check (which falls back to the CN). */
function nodeDefault(name: string): Promise<{ ok: boolean; cert: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: ports.get(name),
      servername: 'localhost',
      ca: [pki.caCert],
      rejectUnauthorized: true,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      resolve({ ok: true, cert });
    });
    socket.once('error', reject);
  });
}

describe('host names are matched as Chromium matches them: subjectAltName only, never the CN', () => {
  it.each(['cn-only', 'ip-san-only'])(
    '%s certificate for localhost: Node alone would accept it, the profile agent refuses it',
    async (name) => {
      const seen = await nodeDefault(name);
      expect(seen.ok).toBe(true);
      expect(seen.cert.subject.CN).toBe('localhost');
      expect(seen.cert.subjectaltname ?? '').not.toContain('DNS:');
      expect(browserServerIdentity('localhost', seen.cert)).toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
      expect(await viaProfileAgent(name)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    },
  );

  it('a certificate listing localhost as a DNS name passes (the control)', async () => {
    const seen = await nodeDefault('dns-san');
    expect(browserServerIdentity('localhost', seen.cert)).toBeUndefined();
    expect(await viaProfileAgent('dns-san')).toBe('ok');
  });

  it('an IP address is matched against IP entries, as before', async () => {
    const seen = await nodeDefault('ip-san-only');
    expect(browserServerIdentity('127.0.0.1', seen.cert)).toBeUndefined();
    expect(browserServerIdentity('127.0.0.2', seen.cert)).toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });
});
