import { BlockList, isIP, type Socket } from 'node:net';
import { ProbeError } from './probe-error';

/**
 * How a URL is routed, asked the way the browser engine decides it. In the app this is Electron's
 * `session.resolveProxy(url)` (system settings, PAC scripts and all); in the CLI it is
 * `proxyFromEnvironment()`. The answer is PAC-style: "DIRECT" or "PROXY host:port", possibly a list.
 */
export type ResolveProxy = (url: string) => Promise<string>;

export const resolveDirect: ResolveProxy = () => Promise.resolve('DIRECT');

export interface ProxyChoice {
  mode: 'direct' | 'http-proxy';
  /** As given, credentials removed: this is what reports show. */
  rule: string;
  host: string | null;
  port: number | null;
  /** Proxy-Authorization header value, from credentials in HTTPS_PROXY; never reported. */
  authorization: string | null;
}

const DIRECT_CHOICE: ProxyChoice = {
  mode: 'direct',
  rule: 'DIRECT',
  host: null,
  port: null,
  authorization: null,
};

function splitHostPort(value: string, defaultPort: number): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : defaultPort };
  if (isIP(value) === 6) return { host: value, port: defaultPort };
  const match = /^([^:\s]+)(?::(\d+))?$/.exec(value);
  if (!match) return null;
  return { host: match[1]!, port: match[2] ? Number(match[2]) : defaultPort };
}

/**
 * Reads a PAC-style answer. Only the first entry counts: a browser would use it and fall back to the
 * next only when it fails, so measuring a later entry would measure a route the browser does not take.
 * SOCKS and HTTPS proxies are reported as unsupported rather than silently bypassed.
 * Credentials are accepted as `PROXY user:pass@host:port` (only the environment resolver makes these;
 * Electron answers without them and asks for a login separately).
 */
export function parseProxyRule(answer: string): ProxyChoice {
  const first = answer.split(';')[0]?.trim() ?? '';
  if (first === '' || /^direct$/i.test(first)) return DIRECT_CHOICE;
  const match = /^(\S+)\s+(\S+)$/.exec(first);
  const scheme = match?.[1]?.toUpperCase();
  let where = match?.[2] ?? '';
  let authorization: string | null = null;
  const at = where.lastIndexOf('@');
  if (at !== -1) {
    const credentials = where.slice(0, at);
    where = where.slice(at + 1);
    const colon = credentials.indexOf(':');
    const user = decodeURIComponent(colon === -1 ? credentials : credentials.slice(0, colon));
    const pass = decodeURIComponent(colon === -1 ? '' : credentials.slice(colon + 1));
    authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  const rule = scheme ? `${scheme} ${where}` : first;
  if (scheme !== 'PROXY') {
    throw new ProbeError(
      'proxy',
      'proxy-unsupported',
      null,
      `Proxy rule not supported by the probe: ${rule}`,
      {
        proxy: rule,
      },
    );
  }
  const hostPort = splitHostPort(where, 80);
  if (!hostPort || !(hostPort.port > 0 && hostPort.port < 65536)) {
    throw new ProbeError('proxy', 'proxy-resolution-failed', null, `Unreadable proxy rule: ${rule}`, {
      proxy: rule,
    });
  }
  return { mode: 'http-proxy', rule, host: hostPort.host, port: hostPort.port, authorization };
}

const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' ||
  host.endsWith('.localhost') ||
  (isIP(host) === 4 && host.startsWith('127.')) ||
  host === '::1';

function ipInCidr(ip: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  const ipFamily = isIP(ip);
  if (!family || family !== ipFamily || bits === undefined || !/^\d+$/.test(bits)) return false;
  const list = new BlockList();
  list.addSubnet(network!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  return list.check(ip, ipFamily === 4 ? 'ipv4' : 'ipv6');
}

/**
 * NO_PROXY as curl reads it: comma- or space-separated; `*` for everything; a name matches itself and
 * its subdomains (a leading `.` or `*.` changes nothing); `host:port` only on that port; IP addresses
 * and CIDR ranges. Loopback is always direct, as in Chromium: a proxy cannot reach this machine's
 * own services (the bundled sandbox among them).
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  if (isLoopbackHost(host)) return true;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (ipInCidr(host, entry)) return true;
      continue;
    }
    const parsed = splitHostPort(entry, 0);
    if (!parsed) continue;
    if (parsed.port && parsed.port !== port) continue;
    const name = parsed.host.replace(/^\*?\./, '');
    if (host === name || (!isIP(host) && host.endsWith(`.${name}`))) return true;
  }
  return false;
}

function ruleForProxyUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return `PROXY ${value}`;
  }
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (url.protocol) {
    case 'http:':
      return `PROXY ${credentials}${where}`;
    case 'https:':
      return `HTTPS ${where}`;
    default:
      return `${url.protocol.replace(':', '').toUpperCase()} ${where}`;
  }
}

/**
 * The CLI's resolver: HTTPS_PROXY for https URLs, HTTP_PROXY for http (lowercase first, as curl),
 * ALL_PROXY for either, NO_PROXY to bypass. A port missing from the proxy URL defaults to the proxy
 * scheme's own (80 for http://), as Node and Go read these variables.
 */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): ResolveProxy {
  const pick = (...names: string[]) =>
    names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '');
  return (url: string) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve('DIRECT');
    }
    const noProxy = pick('no_proxy', 'NO_PROXY') ?? '';
    if (bypassesProxy(target, noProxy)) return Promise.resolve('DIRECT');
    const proxy =
      target.protocol === 'https:'
        ? pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY')
        : pick('http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
    return Promise.resolve(proxy ? ruleForProxyUrl(proxy.trim()) : 'DIRECT');
  };
}

const MAX_CONNECT_RESPONSE = 16 * 1024;

/**
 * Asks an HTTP proxy to open a tunnel (CONNECT host:port) and waits for its 2xx. Written by hand
 * rather than with node:http so the socket is handed back untouched for TLS, and the proxy's answer
 * is read with a hard size cap. Settles once; the caller's phase deadline handles stalls.
 */
export function openConnectTunnel(
  socket: Socket,
  target: { host: string; port: number },
  authorization: string | null,
): Promise<void> {
  const authority = `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;
  return new Promise<void>((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.pause();
    };
    const fail = (error: ProbeError) => {
      cleanup();
      reject(error);
    };
    const onError = (error: Error & { code?: string }) =>
      fail(
        new ProbeError(
          'proxy',
          'proxy-rejected',
          error.code ?? null,
          `Proxy connection failed: ${error.message}`,
        ),
      );
    const onClose = () =>
      fail(new ProbeError('proxy', 'proxy-rejected', null, 'The proxy closed the connection during CONNECT'));
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_CONNECT_RESPONSE) {
          fail(
            new ProbeError(
              'proxy',
              'proxy-rejected',
              null,
              'The proxy answered CONNECT with an oversized header',
            ),
          );
        }
        return;
      }
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
      const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? NaN);
      if (!(status >= 200 && status < 300)) {
        fail(
          new ProbeError(
            'proxy',
            'proxy-rejected',
            Number.isNaN(status) ? null : `HTTP_${status}`,
            `Proxy answered CONNECT with "${statusLine}"`,
            {
              status: Number.isNaN(status) ? undefined : status,
            },
          ),
        );
        return;
      }
      // A server speaks only after our ClientHello, so nothing can follow the proxy's header here.
      cleanup();
      resolve();
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (authorization) lines.push(`Proxy-Authorization: ${authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
