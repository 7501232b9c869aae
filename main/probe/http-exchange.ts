import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpResponseInfo } from '../../shared/probe/probe-result';
import type { ProbeSettings } from '../../shared/probe/probe-settings';
import { cancelledIn } from './phase-deadline';
import { now } from './phase-timer';
import { classifyExchangeError, ProbeError } from './probe-error';
import { sanitizeRawHeaders, sanitizeUrl } from './sanitize';
import type { SocketTracker } from './socket-tracker';

/** Monotonic marks of the exchange; filled as it goes, so a failure still shows how far it got. */
export interface ExchangeMarks {
  sendStart?: number;
  sent?: number;
  firstByte?: number;
  end?: number;
  /** Set once the headers are in: a body that then stalls still reports status and headers. */
  response?: HttpResponseInfo;
}

export interface ExchangeRequest {
  url: URL;
  /** Origin-form ("/pay?token=…") direct or through a tunnel; absolute-form to a plain HTTP proxy. */
  target: string;
  headers: Record<string, string>;
}

/** A browser-like GET that asks for an uncompressed body, so the bytes counted are the bytes sent. */
export function probeRequestHeaders(url: URL, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Host: url.host,
    'User-Agent': 'BaitiaoDoctor-Probe/1',
    Accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
    'Accept-Encoding': 'identity',
    Connection: 'close',
    ...extra,
  };
}

/** Approximate size of the header block as received: status line, each header, the blank line. */
function headerBlockSize(res: IncomingMessage): number {
  let size = `HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}\r\n`.length + 2;
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    size += Buffer.byteLength(res.rawHeaders[i]!) + 2 + Buffer.byteLength(res.rawHeaders[i + 1]!) + 2;
  }
  return size;
}

/**
 * One HTTP/1.1 GET over an already connected socket, timed at socket level: request handed to the
 * kernel (send), first byte back (wait), last byte (receive). Each phase has its own timer; the body is
 * counted and dropped, never buffered, and both header and body sizes are capped, so a hostile or broken
 * server can stall or flood us without growing our memory or blocking the run.
 */
export interface ExchangeResult {
  info: HttpResponseInfo;
  /** The redirect target as sent, token and all: followed, never stored (info.redirectURL is sanitized). */
  location: URL | null;
}

export function exchangeHttp1(
  socket: Socket,
  request: ExchangeRequest,
  options: { settings: ProbeSettings; signal?: AbortSignal; tracker: SocketTracker; marks: ExchangeMarks },
): Promise<ExchangeResult> {
  const { settings, signal, tracker, marks } = options;
  const { timeouts, maxBodyBytes, maxHeaderBytes } = settings;
  return new Promise<ExchangeResult>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let totalTimer: NodeJS.Timeout | undefined;
    let response: HttpResponseInfo | null = null;
    let location: URL | null = null;
    const phase = (): 'send' | 'wait' | 'receive' =>
      marks.firstByte !== undefined ? 'receive' : marks.sent !== undefined ? 'wait' : 'send';

    const settle = (error: ProbeError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onSocketData);
      if (error) {
        req.destroy();
        socket.destroy();
        reject(error);
      } else resolve({ info: response!, location });
    };
    const arm = (ms: number, make: () => ProbeError) => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(make()), ms);
    };
    const onAbort = () => settle(cancelledIn(phase()));
    const onSocketData = () => {
      if (marks.firstByte === undefined) {
        marks.firstByte = now();
        totalTimer = setTimeout(
          () =>
            settle(
              new ProbeError(
                'receive',
                'body-timeout',
                'ETIMEDOUT',
                `Answer still arriving after ${timeouts.bodyTotalMs} ms`,
                {
                  timeoutMs: timeouts.bodyTotalMs,
                },
              ),
            ),
          timeouts.bodyTotalMs,
        );
      }
      // Any byte, header or body, restarts the silence timer: a stall is silence, not slowness.
      // refresh() re-arms the same timer, so a body in many small chunks costs no timer churn.
      if (idleTimer) idleTimer.refresh();
      else {
        clearTimeout(timer);
        idleTimer = setTimeout(
          () =>
            settle(
              new ProbeError(
                'receive',
                'body-stalled',
                'ETIMEDOUT',
                `No data for ${timeouts.bodyIdleMs} ms while receiving`,
                { timeoutMs: timeouts.bodyIdleMs },
              ),
            ),
          timeouts.bodyIdleMs,
        );
      }
    };

    marks.sendStart = now();
    const req = httpRequest({
      createConnection: () => socket,
      method: 'GET',
      path: request.target,
      headers: request.headers,
      setHost: false,
      maxHeaderSize: maxHeaderBytes,
    });
    req.on('socket', (s) => s.prependListener('data', onSocketData));
    const toProbeError = (error: unknown): ProbeError =>
      error instanceof ProbeError
        ? error
        : classifyExchangeError(phase(), error, tracker.lastError, { maxHeaderBytes });
    req.on('error', (error) => settle(toProbeError(error)));

    req.on('response', (res: IncomingMessage) => {
      let bodySize = 0;
      const rawLocation = res.headers.location;
      if (rawLocation && res.statusCode && res.statusCode >= 300 && res.statusCode < 400) {
        try {
          location = new URL(rawLocation, request.url);
        } catch {
          location = null;
        }
      }
      const redirectURL = location ? sanitizeUrl(location) : null;
      response = {
        httpVersion: `HTTP/${res.httpVersion}`,
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: sanitizeRawHeaders(res.rawHeaders),
        headersSize: headerBlockSize(res),
        bodySize: 0,
        contentType: res.headers['content-type'] ?? null,
        redirectURL,
      };
      marks.response = response;
      res.on('data', (chunk: Buffer) => {
        bodySize += chunk.length;
        response!.bodySize = bodySize;
        if (bodySize > maxBodyBytes) {
          settle(
            new ProbeError(
              'receive',
              'body-too-large',
              'BODY_TOO_LARGE',
              `Body passed ${maxBodyBytes} bytes without ending`,
              {
                limitBytes: maxBodyBytes,
              },
            ),
          );
        }
      });
      res.on('end', () => {
        marks.end = now();
        settle(null);
      });
      res.on('error', (error) => settle(toProbeError(error)));
      res.on('close', () => {
        if (!res.complete)
          settle(
            classifyExchangeError(
              'receive',
              new Error('The server closed the connection mid-answer'),
              tracker.lastError,
              { maxHeaderBytes },
            ),
          );
      });
    });

    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    arm(
      timeouts.sendMs,
      () =>
        new ProbeError('send', 'send-timeout', 'ETIMEDOUT', `Request not sent within ${timeouts.sendMs} ms`, {
          timeoutMs: timeouts.sendMs,
        }),
    );
    // The callback runs once the last byte is handed to the kernel: that ends "send" as curl sees it.
    req.end(() => {
      if (settled) return;
      marks.sent = now();
      if (marks.firstByte === undefined) {
        arm(
          timeouts.firstByteMs,
          () =>
            new ProbeError(
              'wait',
              'first-byte-timeout',
              'ETIMEDOUT',
              `No answer within ${timeouts.firstByteMs} ms`,
              {
                timeoutMs: timeouts.firstByteMs,
              },
            ),
        );
      }
    });
  });
}
