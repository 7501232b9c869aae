import type { KeyObject } from 'node:crypto';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { signHeaderMessage } from '../../../main/signing';
import type { Issued } from '../probe/support/test-pki';

/** One request exactly as the app put it on the wire (after TLS): what the canary test searches. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
}

/**
 * An HTTPS man-in-the-middle the test controls: it records every request the outbox sends, forwards it
 * to the sandbox intake, and rewrites the upload URL in answers so the bundle PUT comes through it too.
 * A rewritten answer no longer carries the platform's signature (§5), so the proxy signs it again with
 * `signingKey`: the outbox under test is given that key's public half as the platform key.
 */
export async function startRecordingProxy(options: {
  certificate: Issued;
  upstreamOrigin: string;
  upstreamCa: readonly string[];
  signingKey: KeyObject;
}): Promise<{ origin: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server: Server = createServer(
    { key: options.certificate.key, cert: options.certificate.cert },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers: [string, string][] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers, body });
        const forward = request(
          `${options.upstreamOrigin}${req.url}`,
          {
            method: req.method,
            ca: [...options.upstreamCa],
            headers: { ...req.headers, host: new URL(options.upstreamOrigin).host },
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => {
              const text = Buffer.concat(parts).toString('utf8').split(options.upstreamOrigin).join(origin);
              const out = Buffer.from(text, 'utf8');
              const signature = signHeaderMessage(out, options.signingKey);
              const headers = {
                ...answer.headers,
                'content-length': String(out.length),
                'x-platform-timestamp': signature.timestamp,
                'x-platform-nonce': signature.nonce,
                'x-platform-signature': signature.signature,
              };
              res.writeHead(answer.statusCode ?? 502, headers);
              res.end(out);
            });
          },
        );
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
