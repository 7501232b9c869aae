import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect as netConnect,
  createServer as createNetServer,
  isIP,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import type { SecureVersion } from 'node:tls';

/**
 * Servers on loopback only (127.0.0.1, ::1), each playing one behaviour the probe must time or name.
 * Every socket they accept is tracked and destroyed on close, so a test that fails midway cannot leave
 * a connection (or an endless body) running.
 */
export interface Loopback {
  /** Requests being answered right now, and the most at once so far (to check concurrency bounds). */
  load: { inFlight: number; maxInFlight: number; requests: number };
  port: number;
  host: string;
  url: (path?: string) => string;
  close(): Promise<void>;
}

function trackSockets(server: NetServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS servers report the raw socket here, after 'connection' on the TLS layer.
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  return sockets;
}

async function listen(server: NetServer, scheme: string, host = '127.0.0.1'): Promise<Loopback> {
  const sockets = trackSockets(server);
  const load = { inFlight: 0, maxInFlight: 0, requests: 0 };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    load.requests += 1;
    load.inFlight += 1;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    res.once('close', () => (load.inFlight -= 1));
  });
  server.on('tlsClientError', () => undefined);
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const authority = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  return {
    load,
    port,
    host,
    url: (path = '/') => `${scheme}://${authority}${path}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviours, by path. Query: `first` (ms before the first byte), `chunks`, `every` (ms between
 * chunks), `size` (bytes per chunk); for /answer-then-hold, `series` (a name) and `answers` (how many).
 */
export function behaviours(httpBase: () => string) {
  /** /answer-then-hold: requests seen per series name. */
  const seenInSeries = new Map<string, number>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const q = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
    res.on('error', () => undefined);
    switch (url.pathname) {
      case '/delay': {
        await delay(q('first', 0));
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '2' }).end('ok');
        return;
      }
      case '/chunks': {
        await delay(q('first', 0));
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        const chunk = Buffer.alloc(q('size', 1000), 0x61);
        for (let i = 0; i < q('chunks', 5); i += 1) {
          if (i > 0) await delay(q('every', 50));
          if (res.destroyed) return;
          res.write(chunk);
        }
        res.end();
        return;
      }
      case '/endless': {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 0x62);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case '/stall-body': {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
        res.write('partial');
        return; // and never the rest
      }
      case '/no-answer':
        return; // request read, nothing ever sent
      case '/answer-then-hold': {
        // The first `answers` requests of a series are answered, the rest held without a byte: a test can
        // cancel a run while a request is surely in flight, without racing a timer.
        const series = url.searchParams.get('series') ?? '';
        const seen = (seenInSeries.get(series) ?? 0) + 1;
        seenInSeries.set(series, seen);
        if (seen <= q('answers', 1)) res.writeHead(200, { 'Content-Length': '2' }).end('ok');
        return;
      }
      case '/reset':
        req.socket.resetAndDestroy();
        return;
      case '/reset-mid-body':
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
        res.write('partial', () => setTimeout(() => req.socket.resetAndDestroy(), 20));
        return;
      case '/hang-up':
        req.socket.end();
        return;
      case '/big-header':
        res.writeHead(200, { 'X-Padding': 'x'.repeat(1024 * 1024) }).end('ok');
        return;
      case '/secrets':
        res.setHeader('Set-Cookie', ['session=abc123; HttpOnly', 'csrf=zzz']);
        res.setHeader('Authorization', 'Bearer should-not-leak');
        res
          .writeHead(302, { Location: '/landing?token=T-SECRET&trade_token=TT-SECRET&sign=S-SECRET&keep=1' })
          .end();
        return;
      case '/landing':
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>landed</p>');
        return;
      case '/chain/1':
        res.writeHead(302, { Location: `/chain/2${url.search}` }).end();
        return;
      case '/chain/2':
        await delay(q('first', 0));
        res.writeHead(301, { Location: `/chain/3${url.search}` }).end();
        return;
      case '/chain/3':
        res
          .writeHead(200, { 'Content-Type': 'text/plain' })
          .end(`token seen: ${url.searchParams.get('token') ?? ''}`);
        return;
      case '/loop/a':
        res.writeHead(302, { Location: '/loop/b' }).end();
        return;
      case '/loop/b':
        res.writeHead(302, { Location: '/loop/a#again' }).end();
        return;
      case '/many': {
        const n = q('n', 0);
        if (n > 0) res.writeHead(302, { Location: `/many?n=${n - 1}` }).end();
        else res.writeHead(200).end('done');
        return;
      }
      case '/to-ftp':
        res.writeHead(302, { Location: 'ftp://127.0.0.1/file' }).end();
        return;
      case '/to-http':
        res.writeHead(302, { Location: `${httpBase()}/landing` }).end();
        return;
      default:
        res.writeHead(404).end('no such behaviour');
    }
  };
}

export async function startHttp(httpBase: () => string, host = '127.0.0.1'): Promise<Loopback> {
  const handle = behaviours(httpBase);
  const server: Server = createHttpServer({ maxHeaderSize: 16 * 1024 }, (req, res) => void handle(req, res));
  return listen(server, 'http', host);
}

export async function startHttps(
  tls: {
    cert: string;
    key: string;
    minVersion?: SecureVersion;
    maxVersion?: SecureVersion;
    ciphers?: string;
  },
  httpBase: () => string = () => 'http://127.0.0.1:9',
  host = '127.0.0.1',
): Promise<Loopback> {
  const handle = behaviours(httpBase);
  const server = createHttpsServer(tls, (req, res) => void handle(req, res));
  return listen(server, 'https', host);
}

/** Accepts TCP and then says nothing: a TLS handshake (or any phase) that stalls. */
export async function startSilent(): Promise<Loopback> {
  return listen(
    createNetServer(() => undefined),
    'https',
  );
}

/** Accepts TCP and answers with a reset at once. */
export async function startResetting(): Promise<Loopback> {
  return listen(
    createNetServer((socket) => socket.resetAndDestroy()),
    'https',
  );
}

/** A port that was free a moment ago and has nobody listening: connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestProxy extends Loopback {
  /** CONNECT targets and absolute-form URLs seen, in order. */
  seen: string[];
}

/**
 * An HTTP proxy: CONNECT tunnels and absolute-form GETs, to loopback targets only (anything else is
 * refused with 403, so a test can never reach out). `reject` answers every CONNECT with that status.
 */
export async function startProxy(
  options: { reject?: number; tunnelDelayMs?: number } = {},
): Promise<TestProxy> {
  const seen: string[] = [];
  const loopbackOnly = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';
  const server = createHttpServer((req, res) => {
    seen.push(req.url ?? '');
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!loopbackOnly(target.hostname.replace(/^\[|\]$/g, ''))) {
      res.writeHead(403).end();
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(req.url ?? '');
    client.on('error', () => undefined);
    const [host, port] = (() => {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
      return m ? [m[1]!, Number(m[2])] : ['', 0];
    })();
    if (options.reject || !loopbackOnly(host)) {
      client.end(`HTTP/1.1 ${options.reject ?? 403} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const go = () => {
      const upstream = netConnect({ host, port }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    if (options.tunnelDelayMs) setTimeout(go, options.tunnelDelayMs);
    else go();
  });
  const loopback = await listen(server, 'http');
  return { ...loopback, seen };
}

/**
 * A listener whose accept queue is full: SYNs to it are dropped, so a connect neither succeeds nor is
 * refused, it just waits. Node always accepts, so this one is a 4-line Python listener that never does
 * (listen backlog 0), filled by one connection of ours. Throws when python3 is not there.
 */
export async function startUnaccepting(): Promise<{ port: number; close(): Promise<void> }> {
  const script = [
    'import socket, sys',
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
    'print(s.getsockname()[1], flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  const fillers: Socket[] = [];
  // Fill the queue (backlog 0 still admits one or two): connect until one hangs.
  for (let i = 0; i < 4; i += 1) {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    fillers.push(socket);
    const connected = await Promise.race([
      once(socket, 'connect').then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
    ]);
    if (!connected) break;
  }
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
