import type { ProbeHop, ProbeRequestResult } from '../../shared/probe/probe-result';
import { probeRequestHeaders } from './http-exchange';
import { ms } from './phase-timer';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts we write. */
export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}
export interface HarNameValue {
  name: string;
  value: string;
}
export interface HarTimings {
  blocked: number;
  dns: number;
  /** Includes ssl, as the spec defines it (and a proxy tunnel: part of creating the connection). */
  connect: number;
  ssl: number;
  send: number;
  wait: number;
  receive: number;
}
export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  [custom: `_${string}`]: unknown;
}
export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad: number; onLoad: number };
  [custom: `_${string}`]: unknown;
}
export interface Har {
  log: { version: '1.2'; creator: HarCreator; pages: HarPage[]; entries: HarEntry[]; comment?: string };
}

/**
 * HAR timings from a hop. HAR's optional phases are -1 when they did not happen (an IP literal has no
 * DNS, http has no ssl); send, wait and receive are required and are 0 when not reached. `connect`
 * includes `ssl` as the spec says, so `time` is the sum of every phase but ssl.
 */
export function harTimings(hop: ProbeHop): HarTimings {
  const t = hop.timings;
  const connectParts = [t.connect, t.proxyTunnel, t.tls].filter((v): v is number => v !== null);
  return {
    blocked: t.blocked ?? -1,
    dns: t.dns ?? -1,
    connect: connectParts.length ? ms(connectParts.reduce((a, b) => a + b, 0)) : -1,
    ssl: t.tls ?? -1,
    send: t.send ?? 0,
    wait: t.wait ?? 0,
    receive: t.receive ?? 0,
  };
}

export const harTime = (timings: HarTimings): number =>
  ms(
    [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive]
      .filter((v) => v > 0)
      .reduce((a, b) => a + b, 0),
  );

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function requestHeaders(url: string): HarNameValue[] {
  try {
    return Object.entries(probeRequestHeaders(new URL(url))).map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function entryFor(result: ProbeRequestResult, hop: ProbeHop): HarEntry {
  const timings = harTimings(hop);
  const response = hop.response;
  return {
    pageref: result.id,
    startedDateTime: hop.startedAt,
    time: harTime(timings),
    request: {
      method: hop.method,
      url: hop.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: requestHeaders(hop.url),
      queryString: queryString(hop.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: response
      ? {
          status: response.status,
          statusText: response.statusText,
          httpVersion: response.httpVersion,
          // Cookies are redacted at capture: none to list.
          cookies: [],
          headers: response.headers,
          content: { size: response.bodySize, mimeType: response.contentType ?? 'x-unknown' },
          redirectURL: response.redirectURL ?? '',
          headersSize: response.headersSize,
          bodySize: response.bodySize,
        }
      : {
          status: 0,
          statusText: '',
          httpVersion: '',
          cookies: [],
          headers: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          // Chromium's HAR names a failed request's error here; ours is the probe's failure kind.
          ...(hop.failure ? { _error: hop.failure.kind } : {}),
        },
    cache: {},
    timings,
    ...(hop.remote ? { serverIPAddress: hop.remote.address, connection: `${result.id}/${hop.index}` } : {}),
    _hopTimings: hop.timings,
    _proxy: hop.proxy,
    _tls: hop.tls,
    _failure: hop.failure,
  };
}

/**
 * The probes as one HAR 1.2 log: each request is a page, each hop an entry under it, so a viewer shows
 * a redirect chain as the steps it was. Everything in it was sanitized when captured.
 */
export function harFromProbes(results: readonly ProbeRequestResult[], creator: HarCreator): Har {
  return {
    log: {
      version: '1.2',
      creator,
      pages: results.map((result) => ({
        startedDateTime: result.startedAt,
        id: result.id,
        title: `${result.target.role} #${result.sequence + 1} ${result.target.url}`,
        pageTimings: { onContentLoad: -1, onLoad: -1 },
        _outcome: result.outcome,
        _failure: result.failure,
        _redirects: result.redirects,
        _totalMs: result.totalMs,
      })),
      entries: results.flatMap((result) => result.hops.map((hop) => entryFor(result, hop))),
    },
  };
}
