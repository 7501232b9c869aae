import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown by readBody when a body is over its limit; the caller answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/** The client went away mid-body: nothing to answer, and not a sandbox fault. */
export class RequestAbortedError extends Error {
  constructor() {
    super('client aborted the request');
  }
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it keeps no more bytes but still drains the
 * request to its end before failing: answering 413 while the client is still sending would reset the
 * connection, and the client would see ECONNRESET instead of the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () =>
      size > limit ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks)),
    );
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new RequestAbortedError());
    });
  });
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  body: Buffer | string,
  headers: Record<string, string | number>,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
  res.end(bytes);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string | number> = {},
): void {
  sendBytes(res, status, JSON.stringify(value), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  });
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  sendBytes(res, status, html, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
}

/** Escapes text for an HTML text node or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One header value, or undefined when absent or sent more than once (ambiguous, so treated as absent). */
export function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}
