import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerCertificate } from './certificates';
import { RequestAbortedError } from './http-io';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HostedServer {
  readonly origin: string;
  readonly port: number;
  /** Serve another certificate from the next handshake on; open connections are closed so clients see it. */
  useCertificate(certificate: ServerCertificate): void;
  close(): Promise<void>;
}

/**
 * One loopback HTTPS server of the sandbox. It tracks its sockets so close() can destroy them: a hanging
 * gateway (gateway-timeout) or a keep-alive client must never keep a test run or the app from exiting.
 * A handler that throws answers 500 and reports through onError, rather than leaving the request hanging.
 */
export async function startHttpsServer(options: {
  host: string;
  port: number;
  certificate: ServerCertificate;
  handler: RequestHandler;
  onError: (error: unknown) => void;
}): Promise<HostedServer> {
  const sockets = new Set<Socket>();
  // Bumped on every certificate change; a request on a connection from before the change closes it after
  // its answer, so the next request handshakes again and sees the new certificate.
  let generation = 0;
  const socketGeneration = new WeakMap<Socket, number>();

  const server = https.createServer(
    { cert: options.certificate.certPem, key: options.certificate.keyPem, minVersion: 'TLSv1.2' },
    (req, res) => {
      if ((socketGeneration.get(req.socket) ?? generation) !== generation)
        res.setHeader('Connection', 'close');
      Promise.resolve()
        .then(() => options.handler(req, res))
        .catch((error: unknown) => {
          if (error instanceof RequestAbortedError) return void res.destroy();
          options.onError(error);
          if (!res.headersSent) {
            res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
            res.end('sandbox internal error');
          } else {
            res.destroy();
          }
        });
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => socketGeneration.set(socket, generation));
  // Clients that refuse our certificate abort the handshake; that is expected in TLS scenarios, not an error.
  server.on('tlsClientError', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox server has no TCP address');
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    origin: `https://${hostInUrl}:${address.port}`,
    port: address.port,
    useCertificate(certificate) {
      generation += 1;
      server.setSecureContext({ cert: certificate.certPem, key: certificate.keyPem, minVersion: 'TLSv1.2' });
      server.closeIdleConnections();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    },
  };
}
