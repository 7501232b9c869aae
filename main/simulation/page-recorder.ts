import { performance } from 'node:perf_hooks';
import type {
  CdpEvent,
  ConsoleMessage,
  GateBlock,
  PageException,
  SimulationHop,
  SimulationLeg,
  Subresource,
} from '../../shared/simulation/simulation-result';
import type { CaptureSanitizer } from './capture-sanitizer';
import type { CdpTransport } from './cdp-transport';
import {
  headerValue,
  hopTiming,
  type BindingCalled,
  type CdpResourceTiming,
  type CdpResponse,
  type ConsoleApiCalled,
  type ExceptionThrown,
  type LoadingFailed,
  type LoadingFinished,
  type RequestPaused,
  type RequestWillBeSent,
  type ResponseReceived,
} from './cdp-events';
import { CAPTURE_LIMITS } from './capture-limits';
import { handleDocumentPause, type DocumentBody, type DocumentPause } from './document-pause';
import { NavigationGate } from './navigation-gate';
import { consoleMessage, pageException } from './page-messages';
import { CASHIER_STATE_OBSERVER, OBSERVER_WORLD, STATE_BINDING } from './page-scripts';

export { CAPTURE_LIMITS };

/**
 * The CDP events chrome-har turns into a HAR; only these are kept. The *ExtraInfo events are left out on
 * purpose: chrome-har pairs them by requestId, which a redirect chain shares, so the final page would get
 * the first redirect's headers; and what they add over the plain events is mostly cookies, redacted anyway.
 */
const HAR_EVENTS = [
  'Page.frameStartedLoading',
  'Page.frameRequestedNavigation',
  'Page.navigatedWithinDocument',
  'Page.frameAttached',
  'Page.domContentEventFired',
  'Page.loadEventFired',
  'Network.requestWillBeSent',
  'Network.responseReceived',
  'Network.dataReceived',
  'Network.loadingFinished',
  'Network.loadingFailed',
  'Network.requestServedFromCache',
  'Network.resourceChangedPriority',
] as const;

/** Requests that are the browser's own (its error page's images, data: URLs), not the page's. */
const NOT_NETWORK = /^(data|blob|about|chrome|chrome-error|devtools):/i;
const CERTIFICATE_ERROR = /^net::ERR_(CERT_|SSL_|BAD_SSL_|CERTIFICATE_)/;

interface HopState {
  hop: SimulationHop;
  requestId: string;
  startTimestamp: number;
  /** Chrome's ResourceTiming of the response; the HAR phases are computed once the hop ends. */
  rawTiming: CdpResourceTiming | undefined;
  reported: boolean;
}

interface SubresourceState {
  entry: Subresource;
  startTimestamp: number;
}

export type { DocumentBody };

export interface CashierStateReport {
  state: string | null;
  errorCode: string | null;
  /** performance.now() when it arrived. */
  at: number;
}

export interface RecorderCallbacks {
  onHop?: (hop: SimulationHop) => void;
  onCashierState?: (report: CashierStateReport) => void;
  onCertificateError?: (leg: SimulationLeg, origin: string, browserError: string) => void;
}

/**
 * Listens to one page over CDP for a whole run and keeps what the result needs: each top-level document
 * hop, every subresource, console messages and uncaught exceptions, the cashier's state as it changes,
 * the raw bytes of each final document (for the charset check), and the sanitized events for the HAR.
 * It also owns the Fetch-domain gate that stops a loop or an http hop before the browser follows it.
 */
export class PageRecorder {
  leg: SimulationLeg = 'cashier';
  readonly hops: SimulationHop[] = [];
  readonly subresources: Subresource[] = [];
  readonly console: ConsoleMessage[] = [];
  readonly exceptions: PageException[] = [];
  readonly events: CdpEvent[] = [];
  eventsTruncated = false;
  cashierState: CashierStateReport | null = null;
  /** Page.loadEventFired since the latest top-level document started. */
  loaded = false;

  private mainFrameId: string | null = null;
  private readonly hopStates = new Map<string, HopState>();
  private readonly allHopStates: HopState[] = [];
  private readonly subresourceStates = new Map<string, SubresourceState>();
  private readonly bodies = new Map<string, DocumentBody>();
  private readonly gate = new NavigationGate();
  private readonly blockedBy = new Map<string, GateBlock>();
  private readonly listeners: (() => void)[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly transport: CdpTransport,
    private readonly sanitizer: CaptureSanitizer,
    private readonly runStart: number,
    private readonly callbacks: RecorderCallbacks = {},
  ) {}

  async start(): Promise<void> {
    const on = (event: string, handler: (params: Record<string, unknown>) => void) =>
      this.listeners.push(this.transport.on(event, handler));
    for (const event of HAR_EVENTS) {
      on(event, (params) => this.keep(event, params));
    }
    // Read, not kept (see HAR_EVENTS): their cookies, HttpOnly too, are blanked wherever a page echoes them.
    for (const event of ['Network.responseReceivedExtraInfo', 'Network.requestWillBeSentExtraInfo'])
      on(event, (params) => void this.sanitizer.params(params));
    on('Network.requestWillBeSent', (p) => this.requestWillBeSent(p as unknown as RequestWillBeSent));
    on('Network.responseReceived', (p) => this.responseReceived(p as unknown as ResponseReceived));
    on('Network.loadingFinished', (p) => this.loadingFinished(p as unknown as LoadingFinished));
    on('Network.loadingFailed', (p) => this.loadingFailed(p as unknown as LoadingFailed));
    on('Page.loadEventFired', () => {
      this.loaded = true;
      this.changed();
    });
    on('Page.javascriptDialogOpening', () => {
      // An alert() would stop the page until someone answers it; the simulated buyer dismisses it.
      this.track(this.transport.send('Page.handleJavaScriptDialog', { accept: false }));
    });
    on('Runtime.consoleAPICalled', (p) => this.consoleCalled(p as unknown as ConsoleApiCalled));
    on('Runtime.exceptionThrown', (p) => this.exceptionThrown(p as unknown as ExceptionThrown));
    on('Runtime.bindingCalled', (p) => this.bindingCalled(p as unknown as BindingCalled));
    on('Fetch.requestPaused', (p) =>
      this.track(handleDocumentPause(p as unknown as RequestPaused, this.documentPause())),
    );

    const send = this.transport.send.bind(this.transport);
    await send('Page.enable');
    await send('Network.enable', { maxPostDataSize: 0 });
    // A fresh session has no cache; disabling it also keeps every run of a series a full load.
    await send('Network.setCacheDisabled', { cacheDisabled: true });
    await send('Runtime.enable');
    const tree = (await send('Page.getFrameTree')) as { frameTree?: { frame?: { id?: string } } };
    this.mainFrameId = tree.frameTree?.frame?.id ?? null;
    await send('Runtime.addBinding', { name: STATE_BINDING, executionContextName: OBSERVER_WORLD });
    await send('Page.addScriptToEvaluateOnNewDocument', {
      source: CASHIER_STATE_OBSERVER,
      worldName: OBSERVER_WORLD,
    });
    // Documents pause twice: at the request (the gate: loop, hop count, https) and at the response (the raw
    // bytes, before the browser decodes them with whatever charset the page declares).
    await send('Fetch.enable', {
      patterns: [
        { urlPattern: '*', resourceType: 'Document', requestStage: 'Request' },
        { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
      ],
    });
  }

  /** A new leg (cashier, return, store page): its own redirect chain, counted and loop-checked afresh. */
  beginLeg(leg: SimulationLeg): void {
    this.leg = leg;
    this.gate.reset();
    this.loaded = false;
  }

  /** Hops of one leg, in order. */
  legHops(leg: SimulationLeg): SimulationHop[] {
    return this.hops.filter((hop) => hop.leg === leg);
  }

  /** The leg's chain has ended: a final answer arrived in full, or a hop failed or was blocked. */
  legEnded(leg: SimulationLeg): boolean {
    const last = this.legHops(leg).at(-1);
    if (!last) return false;
    if (last.error || last.blockedBy) return true;
    return last.status !== null && !isRedirect(last) && last.durationMs !== null;
  }

  /** The final document's bytes for a hop (only the last hop of a chain has a body). */
  bodyOf(hop: SimulationHop): DocumentBody | null {
    const state = this.allHopStates.find((s) => s.hop === hop);
    return state ? (this.bodies.get(state.requestId) ?? null) : null;
  }

  /** Resolves true as soon as `predicate` holds, false at `deadline` (performance.now() ms) or on abort. */
  waitFor(predicate: () => boolean, deadline: number, signal?: AbortSignal): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        this.waiters.delete(check);
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        resolve(value);
      };
      const check = () => {
        if (predicate()) finish(true);
      };
      const abort = () => finish(false);
      const timer = setTimeout(() => finish(predicate()), Math.max(0, deadline - performance.now()));
      this.waiters.add(check);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Hops that never finished (a hung server) are closed as they stand; then listeners are removed. */
  async stop(): Promise<void> {
    for (const state of this.allHopStates) this.report(state);
    for (const unsubscribe of this.listeners.splice(0)) unsubscribe();
    await Promise.allSettled([...this.pending]);
  }

  private documentPause(): DocumentPause {
    return {
      send: this.transport.send.bind(this.transport),
      isMainDocument: (type, frameId) => this.isMainDocument(type, frameId),
      gate: this.gate,
      blockedBy: this.blockedBy,
      bodies: this.bodies,
    };
  }

  private atMs(): number {
    return Math.round((performance.now() - this.runStart) * 10) / 10;
  }

  private changed(): void {
    for (const check of [...this.waiters]) check();
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.catch(() => {}).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  private keep(method: string, params: Record<string, unknown>): void {
    const url =
      (params.request as { url?: unknown } | undefined)?.url ??
      (params.response as { url?: unknown } | undefined)?.url;
    if (typeof url === 'string' && NOT_NETWORK.test(url)) return;
    if (this.events.length >= CAPTURE_LIMITS.events) {
      this.eventsTruncated = true;
      return;
    }
    this.events.push({ method, params: this.sanitizer.params(params) });
  }

  private isMainDocument(type: string | undefined, frameId: string | undefined): boolean {
    return type === 'Document' && (this.mainFrameId === null || frameId === this.mainFrameId);
  }

  private requestWillBeSent(p: RequestWillBeSent): void {
    if (NOT_NETWORK.test(p.request.url)) return;
    if (this.isMainDocument(p.type, p.frameId)) {
      const previous = this.hopStates.get(p.requestId);
      if (previous && p.redirectResponse) {
        this.applyResponse(previous, p.redirectResponse, p.timestamp);
        previous.hop.durationMs = round((p.timestamp - previous.startTimestamp) * 1000);
        this.report(previous);
      }
      const legHops = this.legHops(this.leg).length;
      const state: HopState = {
        requestId: p.requestId,
        startTimestamp: p.timestamp,
        rawTiming: undefined,
        reported: false,
        hop: {
          index: this.hops.length,
          leg: this.leg,
          position: legHops,
          method: p.request.method,
          url: this.sanitizer.text(p.request.url),
          status: null,
          statusText: null,
          location: null,
          mimeType: null,
          remoteAddress: null,
          protocol: null,
          timing: null,
          startedAt: new Date(p.wallTime * 1000).toISOString(),
          durationMs: null,
          error: null,
          blockedBy: null,
        },
      };
      this.hops.push(state.hop);
      this.allHopStates.push(state);
      this.hopStates.set(p.requestId, state);
      // A new top-level document: its own load event and cashier state are still to come.
      this.loaded = false;
      this.cashierState = null;
    } else {
      const existing = this.subresourceStates.get(p.requestId);
      if (existing) {
        existing.entry.url = this.sanitizer.text(p.request.url);
        existing.entry.insecure = isInsecure(p.request.url);
      } else if (this.subresources.length < CAPTURE_LIMITS.subresources) {
        const entry: Subresource = {
          leg: this.leg,
          url: this.sanitizer.text(p.request.url),
          type: p.type ?? 'Other',
          status: null,
          mimeType: null,
          error: null,
          blockedReason: null,
          durationMs: null,
          insecure: isInsecure(p.request.url),
        };
        this.subresources.push(entry);
        this.subresourceStates.set(p.requestId, { entry, startTimestamp: p.timestamp });
      }
    }
    this.changed();
  }

  private responseReceived(p: ResponseReceived): void {
    const hop = this.hopStates.get(p.requestId);
    if (hop && this.isMainDocument(p.type, p.frameId)) {
      this.applyResponse(hop, p.response, null);
    } else {
      const sub = this.subresourceStates.get(p.requestId);
      if (sub) {
        sub.entry.status = p.response.status;
        sub.entry.mimeType = p.response.mimeType ?? null;
      }
    }
    this.changed();
  }

  private loadingFinished(p: LoadingFinished): void {
    const hop = this.hopStates.get(p.requestId);
    if (hop && !hop.reported) {
      hop.hop.durationMs = round((p.timestamp - hop.startTimestamp) * 1000);
      hop.hop.timing = hopTiming(hop.rawTiming, p.timestamp);
      this.report(hop);
    }
    const sub = this.subresourceStates.get(p.requestId);
    if (sub) sub.entry.durationMs = round((p.timestamp - sub.startTimestamp) * 1000);
    this.changed();
  }

  private loadingFailed(p: LoadingFailed): void {
    const hop = this.hopStates.get(p.requestId);
    const leg = hop?.hop.leg ?? this.subresourceStates.get(p.requestId)?.entry.leg ?? this.leg;
    if (hop && !hop.reported) {
      hop.hop.error = p.errorText;
      hop.hop.blockedBy = this.blockedBy.get(p.requestId) ?? null;
      hop.hop.durationMs = round((p.timestamp - hop.startTimestamp) * 1000);
      this.report(hop);
    }
    const sub = this.subresourceStates.get(p.requestId);
    if (sub) {
      sub.entry.error = p.errorText;
      sub.entry.blockedReason = p.blockedReason ?? null;
      sub.entry.durationMs = round((p.timestamp - sub.startTimestamp) * 1000);
    }
    if (CERTIFICATE_ERROR.test(p.errorText)) {
      const url = hop ? hop.hop.url : sub?.entry.url;
      const origin = url ? originOf(url) : null;
      if (origin) this.callbacks.onCertificateError?.(leg, origin, p.errorText);
    }
    this.changed();
  }

  private applyResponse(state: HopState, response: CdpResponse, endTimestamp: number | null): void {
    const hop = state.hop;
    hop.status = response.status;
    hop.statusText = response.statusText ?? null;
    const location = headerValue(response.headers, 'location');
    hop.location = location === null ? null : this.sanitizer.text(location);
    hop.mimeType = response.mimeType ?? null;
    hop.remoteAddress = response.remoteIPAddress
      ? `${response.remoteIPAddress.includes(':') ? `[${response.remoteIPAddress}]` : response.remoteIPAddress}:${response.remotePort ?? ''}`
      : null;
    hop.protocol = response.protocol ?? null;
    state.rawTiming = response.timing;
    hop.timing = hopTiming(response.timing, endTimestamp);
  }

  private report(state: HopState): void {
    if (state.reported) return;
    state.reported = true;
    this.callbacks.onHop?.({ ...state.hop });
  }

  private consoleCalled(p: ConsoleApiCalled): void {
    if (this.console.length >= CAPTURE_LIMITS.console) return;
    this.console.push(consoleMessage(p, this.leg, this.sanitizer, this.atMs()));
  }

  private exceptionThrown(p: ExceptionThrown): void {
    if (this.exceptions.length >= CAPTURE_LIMITS.exceptions) return;
    this.exceptions.push(pageException(p, this.leg, this.sanitizer, this.atMs()));
  }

  private bindingCalled(p: BindingCalled): void {
    if (p.name !== STATE_BINDING) return;
    try {
      const parsed = JSON.parse(p.payload) as { state?: unknown; errorCode?: unknown };
      const report: CashierStateReport = {
        state: typeof parsed.state === 'string' ? parsed.state.slice(0, 64) : null,
        errorCode: typeof parsed.errorCode === 'string' ? parsed.errorCode.slice(0, 64) : null,
        at: performance.now(),
      };
      this.cashierState = report;
      this.callbacks.onCashierState?.(report);
      this.changed();
    } catch {
      // Not our observer's JSON: ignore.
    }
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const isRedirect = (hop: SimulationHop): boolean =>
  hop.status !== null && hop.status >= 300 && hop.status < 400 && hop.location !== null;

function isInsecure(url: string): boolean {
  return /^http:/i.test(url);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
