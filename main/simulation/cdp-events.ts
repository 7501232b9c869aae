import type { HopTiming } from '../../shared/simulation/simulation-result';

/**
 * The few Chrome DevTools Protocol shapes the simulation reads (https://chromedevtools.github.io/devtools-protocol/),
 * written out rather than taken from a protocol package: only these fields are relied on, and every one is
 * treated as possibly missing, since the app drives whichever Chromium the machine or Electron has.
 */

export interface CdpResourceTiming {
  requestTime: number;
  proxyStart: number;
  proxyEnd: number;
  dnsStart: number;
  dnsEnd: number;
  connectStart: number;
  connectEnd: number;
  sslStart: number;
  sslEnd: number;
  sendStart: number;
  sendEnd: number;
  receiveHeadersEnd: number;
}

export interface CdpResponse {
  url: string;
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  mimeType?: string;
  remoteIPAddress?: string;
  remotePort?: number;
  protocol?: string;
  timing?: CdpResourceTiming;
}

export interface RequestWillBeSent {
  requestId: string;
  frameId?: string;
  type?: string;
  timestamp: number;
  wallTime: number;
  request: { url: string; method: string };
  redirectResponse?: CdpResponse;
}

export interface ResponseReceived {
  requestId: string;
  frameId?: string;
  type?: string;
  timestamp: number;
  response: CdpResponse;
}

export interface LoadingFinished {
  requestId: string;
  timestamp: number;
}

export interface LoadingFailed {
  requestId: string;
  timestamp: number;
  type?: string;
  errorText: string;
  canceled?: boolean;
  blockedReason?: string;
}

export interface RequestPaused {
  requestId: string;
  networkId?: string;
  frameId?: string;
  resourceType?: string;
  request: { url: string; method: string };
  responseStatusCode?: number;
  responseErrorReason?: string;
  responseHeaders?: { name: string; value: string }[];
}

export interface ConsoleApiCalled {
  type: string;
  args?: { value?: unknown; description?: string; unserializableValue?: string }[];
  stackTrace?: { callFrames?: { url?: string; lineNumber?: number }[] };
}

export interface ExceptionThrown {
  exceptionDetails: {
    text?: string;
    url?: string;
    lineNumber?: number;
    columnNumber?: number;
    exception?: { description?: string; value?: unknown };
  };
}

export interface BindingCalled {
  name: string;
  payload: string;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
const span = (start: number, end: number): number => (start >= 0 && end >= start ? round(end - start) : -1);

/**
 * HAR phases (as DevTools exports them) from Chrome's ResourceTiming, whose marks are milliseconds after
 * `requestTime` (-1 when a phase did not happen). `endTimestamp` is when the body finished (seconds, the
 * same monotonic clock as requestTime); for a redirect, when the next hop started.
 */
export function hopTiming(
  timing: CdpResourceTiming | undefined,
  endTimestamp: number | null,
): HopTiming | null {
  if (!timing || !(timing.requestTime > 0)) return null;
  const firstMark = [timing.dnsStart, timing.connectStart, timing.sendStart].find((mark) => mark >= 0) ?? 0;
  const endMs = endTimestamp === null ? null : (endTimestamp - timing.requestTime) * 1000;
  return {
    blocked: round(Math.max(0, firstMark)),
    dns: span(timing.dnsStart, timing.dnsEnd),
    connect: span(timing.connectStart, timing.connectEnd),
    ssl: span(timing.sslStart, timing.sslEnd),
    send: Math.max(0, span(timing.sendStart, timing.sendEnd)),
    wait: Math.max(0, span(timing.sendEnd, timing.receiveHeadersEnd)),
    receive: endMs === null ? 0 : Math.max(0, round(endMs - timing.receiveHeadersEnd)),
  };
}

/** A response header by name, whatever its case. */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}
