import { isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type {
  HopTimings,
  HttpResponseInfo,
  ProbeHop,
  ProbePhase,
  ProxyUse,
  TlsInfo,
} from '../../shared/probe/probe-result';
import type { ProbeSettings } from '../../shared/probe/probe-settings';
import { connectTcp, familyOf, resolveHost, type LookupHost, type ResolvedAddress } from './connect';
import { exchangeHttp1, probeRequestHeaders, type ExchangeMarks } from './http-exchange';
import { withinPhase } from './phase-deadline';
import { isoAt, ms, now } from './phase-timer';
import { errorMessage, ProbeError } from './probe-error';
import { openConnectTunnel, parseProxyRule, type ProxyChoice, type ResolveProxy } from './proxy';
import { sanitizeUrl } from './sanitize';
import { SocketTracker } from './socket-tracker';
import { explainTlsFailure } from './tls-explain';
import { startTls } from './tls-handshake';
import type { Trust } from './trust';

/** What every hop of a run shares. */
export interface ProbeEnvironment {
  settings: ProbeSettings;
  resolveProxy: ResolveProxy;
  lookup: LookupHost;
  trust: Trust;
  signal?: AbortSignal;
  /** Wall clock for certificate days-left (injectable so tests can age a certificate). */
  clock: () => Date;
}

type Step = Exclude<keyof HopTimings, 'total'>;
const PHASE_OF_STEP: Record<Step, ProbePhase> = {
  blocked: 'proxy',
  dns: 'dns',
  connect: 'connect',
  proxyTunnel: 'proxy',
  tls: 'tls',
  send: 'send',
  wait: 'wait',
  receive: 'receive',
};

const PROXY_ROUTE_KINDS: ReadonlySet<string> = new Set([
  'connection-refused',
  'connection-reset',
  'network-unreachable',
  'connect-timeout',
]);

export const defaultPort = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
export const bareHost = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

export interface HopOutcome {
  hop: ProbeHop;
  /** Where a 3xx points, unsanitized, for the next hop to request; never stored. */
  redirectTo: URL | null;
}

/**
 * One request, one fresh connection, every phase timed on its own: proxy decision (blocked), DNS, TCP
 * connect, proxy tunnel, TLS, send, wait, receive. Never throws: any failure, including our own bugs,
 * comes back as the hop's `failure` naming its phase, with the timings up to that point.
 */
export async function probeHop(url: URL, index: number, env: ProbeEnvironment): Promise<HopOutcome> {
  const { settings, signal } = env;
  const { timeouts } = settings;
  const https = url.protocol === 'https:';
  const host = bareHost(url);
  const port = defaultPort(url);
  const tracker = new SocketTracker();
  const track = <S extends Socket>(s: S) => tracker.track(s);

  const t0 = now();
  const timings: HopTimings = {
    blocked: null,
    dns: null,
    connect: null,
    proxyTunnel: null,
    tls: null,
    send: null,
    wait: null,
    receive: null,
    total: 0,
  };
  // An object, not two lets: the steps advance inside closures, where TypeScript cannot follow them.
  const current: { step: Step; start: number } = { step: 'blocked', start: t0 };
  /**
   * Each step starts where the previous one ended, on the same reading of the clock: two readings would
   * leave the time between them in no phase (a busy machine can pause the process there for tens of ms),
   * and a HAR's phases must add up to its total.
   */
  let stepEnd = t0;
  const begin = (next: Step) => {
    current.step = next;
    current.start = stepEnd;
  };
  const finishStep = () => {
    stepEnd = now();
    timings[current.step] = ms(Math.max(0, stepEnd - current.start));
  };
  /** Where the request's sending begins: the end of the last step before it. */
  let sendBase: number | undefined;

  let choice: ProxyChoice | null = null;
  let proxy: ProxyUse | null = null;
  let dns: ProbeHop['dns'] = null;
  let remote: ProbeHop['remote'] = null;
  let failedAttempts: ProbeHop['failedAttempts'] = [];
  let tls: TlsInfo | null = null;
  let response: HttpResponseInfo | null = null;
  let redirectTo: URL | null = null;
  const marks: ExchangeMarks = {};
  let end: number | null = null;
  let failure: ProbeError | null = null;

  /**
   * TCP to the host or the proxy, then the tunnel when one is needed. `record` is false when the TLS
   * explanation reopens the route: that second connection is not part of the measured request.
   */
  const openRoute = async (record: boolean): Promise<Socket> => {
    const via = choice!.mode === 'http-proxy' ? { host: choice!.host!, port: choice!.port! } : { host, port };
    let addresses: ResolvedAddress[];
    if (isIP(via.host)) addresses = [{ address: via.host, family: familyOf(via.host) }];
    else {
      if (record) begin('dns');
      addresses = await resolveHost(via.host, env.lookup, { timeoutMs: timeouts.dnsMs, signal });
      if (record) {
        finishStep();
        dns = { host: via.host, addresses: addresses.slice(0, 16) };
      }
    }
    if (record) begin('connect');
    const tcp = await connectTcp(addresses, via.port, {
      timeoutMs: timeouts.connectMs,
      signal,
      onSocket: track,
    });
    if (record) {
      finishStep();
      remote = tcp.remote;
      failedAttempts = tcp.failedAttempts;
    }
    if (choice!.mode === 'http-proxy' && https) {
      if (record) begin('proxyTunnel');
      await withinPhase('proxy', openConnectTunnel(tcp.socket, { host, port }, choice!.authorization), {
        timeoutMs: timeouts.proxyTunnelMs,
        signal,
        abandon: () => tcp.socket.destroy(),
        onTimeout: () =>
          new ProbeError(
            'proxy',
            'proxy-timeout',
            'ETIMEDOUT',
            `Proxy did not open the tunnel within ${timeouts.proxyTunnelMs} ms`,
            {
              timeoutMs: timeouts.proxyTunnelMs,
            },
          ),
      });
      if (record) finishStep();
    }
    return tcp.socket;
  };

  try {
    const rule = await withinPhase(
      'proxy',
      env.resolveProxy(url.href).catch((error: unknown) => {
        throw new ProbeError(
          'proxy',
          'proxy-resolution-failed',
          null,
          `Proxy resolution failed: ${errorMessage(error)}`,
        );
      }),
      {
        timeoutMs: timeouts.proxyResolveMs,
        signal,
        onTimeout: () =>
          new ProbeError(
            'proxy',
            'proxy-resolution-failed',
            'ETIMEDOUT',
            `No proxy decision within ${timeouts.proxyResolveMs} ms`,
          ),
      },
    );
    choice = parseProxyRule(rule);
    proxy = { rule: choice.rule, mode: choice.mode, host: choice.host, port: choice.port };
    finishStep();

    let socket: Socket = await openRoute(true).catch((error: unknown) => {
      // A proxy that cannot be looked up or reached is the proxy's fault, not the host's: say so.
      const proxyRoute =
        choice!.mode === 'http-proxy' &&
        error instanceof ProbeError &&
        (error.phase === 'dns' || (error.phase === 'connect' && PROXY_ROUTE_KINDS.has(error.kind)));
      if (proxyRoute) {
        throw new ProbeError(error.phase, 'proxy-unreachable', error.code, error.message, {
          proxy: choice!.rule,
        });
      }
      throw error;
    });

    if (https) {
      begin('tls');
      const secured = await startTls(socket, {
        host,
        trust: env.trust,
        timeoutMs: timeouts.tlsMs,
        signal,
        at: env.clock(),
        track: (s: TLSSocket) => track(s),
      });
      finishStep();
      socket = secured.socket;
      tls = secured.info;
    }

    begin('send');
    sendBase = current.start;
    const throughPlainProxy = choice.mode === 'http-proxy' && !https;
    const exchanged = await exchangeHttp1(
      socket,
      {
        url,
        // A plain-http request through a proxy uses the absolute form, as browsers send it.
        target: throughPlainProxy ? url.href : `${url.pathname}${url.search}`,
        headers: probeRequestHeaders(
          url,
          throughPlainProxy && choice.authorization ? { 'Proxy-Authorization': choice.authorization } : {},
        ),
      },
      { settings, signal, tracker, marks },
    );
    response = exchanged.info;
    redirectTo = exchanged.location;
  } catch (error) {
    end = now();
    failure =
      error instanceof ProbeError
        ? error
        : new ProbeError(PHASE_OF_STEP[current.step], 'internal-error', null, errorMessage(error));
    // The exchange's own marks time send/wait/receive below; earlier steps end at the failure.
    if (!['send', 'wait', 'receive'].includes(current.step)) timings[current.step] = ms(end - current.start);
    if (failure.phase === 'tls' && failure.kind !== 'cancelled') {
      tracker.destroyAll();
      failure = await explainTlsFailure(failure, {
        host,
        reconnect: () => openRoute(false),
        trust: env.trust,
        timeoutMs: timeouts.tlsMs,
        signal,
        at: env.clock(),
        track: (s: TLSSocket) => track(s),
      });
    }
  } finally {
    tracker.destroyAll();
  }

  end ??= marks.end ?? now();
  response ??= marks.response ?? null;
  if (marks.sendStart !== undefined) {
    timings.send = ms((marks.sent ?? end) - (sendBase ?? marks.sendStart));
    if (marks.sent !== undefined) timings.wait = ms((marks.firstByte ?? end) - marks.sent);
    if (marks.firstByte !== undefined) timings.receive = ms((marks.end ?? end) - marks.firstByte);
  }
  timings.total = ms(end - t0);

  const hop: ProbeHop = {
    index,
    url: sanitizeUrl(url),
    method: 'GET',
    startedAt: isoAt(t0),
    proxy,
    dns,
    remote,
    failedAttempts,
    timings,
    tls,
    response,
    failure: failure
      ? failure.toFailure(host, { port, ...(proxy && proxy.mode !== 'direct' ? { proxy: proxy.rule } : {}) })
      : null,
  };
  return { hop, redirectTo: failure ? null : redirectTo };
}
