import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  INTAKE_SIGNATURE_HEADERS,
  readHeaderSignature,
  signHeaderMessage,
  verifyHeaderMessage,
} from '../signing';
import { BodyTooLargeError, readBody, sendBytes, singleHeader } from './http-io';
import { IntakeReportSchema } from './intake-report-schema';
import { merchantRecord } from './merchant-registry';
import { platformNow, type SandboxContext } from './sandbox-context';

export const TICKET_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'NEEDS_INFO', 'RESOLVED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface TicketMessage {
  at: string;
  from: 'system' | 'support' | 'merchant';
  text: string;
}

export interface Ticket {
  ticketId: string;
  reportId: string;
  merchantNo: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  messages: TicketMessage[];
  report: Record<string, unknown>;
  upload: { token: string; maxBytes: number };
}

export interface StoredUpload {
  ticketId: string;
  sha256: string;
  bytes: Buffer;
  contentType: string;
  receivedAt: string;
  /** How many PUTs carried these bytes (a retry of the same bundle is fine and counted). */
  puts: number;
}

/** Test hooks and the intake's state, in memory for the sandbox's lifetime. */
export interface SupportIntake {
  readonly tickets: ReadonlyMap<string, Ticket>;
  readonly uploads: ReadonlyMap<string, StoredUpload>;
  /** max_bytes offered to tickets created from now on. */
  maxUploadBytes: number;
  /** The next `count` intake requests answer `status` (5xx transient, or 429 with Retry-After) before any check. */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  /** Support staff moving a ticket along, optionally with a message to the merchant. */
  setStatus(ticketId: string, status: TicketStatus, message?: string): void;
  /** How many requests reached the intake (including refused ones). */
  readonly requestCount: number;
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const MAX_REPORT_BYTES = 1024 * 1024;
/**
 * The intake accepts a wide X-Timestamp window: a merchant whose clock is wrong (the very fault being
 * reported) must still be able to file. Replays are stopped by the nonce, remembered for the same window.
 */
const TIMESTAMP_WINDOW_S = 24 * 60 * 60;

/**
 * Support intake (§5): signed JSON reports, idempotent by report id, one zip upload each (hash-checked),
 * and ticket status. Requests are verified with the merchant public key the platform has on file, the same
 * one the gateway uses, so a merchant whose registered key is wrong is refused here too (401).
 */
export function createSupportIntake(ctx: SandboxContext, apiPath: string): SupportIntake {
  const tickets = new Map<string, Ticket>();
  const ticketByKey = new Map<string, string>();
  const ticketByUploadToken = new Map<string, string>();
  const uploads = new Map<string, StoredUpload>();
  const nonces = new Map<string, number>();
  const injected = { remaining: 0, status: 503, retryAfter: 1 };
  let sequence = 0;
  let requestCount = 0;

  const nowIso = (): string => platformNow(ctx).toISOString();
  /**
   * Every answer is signed like a gateway answer (§5, §3.2): X-Platform-Timestamp/-Nonce/-Signature over
   * the raw body, with the platform key, on the platform clock. Always the real key, whatever the scenario:
   * bad-platform-signature is the gateway's fault, and the merchant must still be able to report it.
   */
  const sendJson = (
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const raw = value === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(value), 'utf8');
    const now = platformNow(ctx);
    const signature = signHeaderMessage(raw, ctx.platformKeys.privateKey, { now });
    sendBytes(res, status, raw, {
      ...(value === null ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      'Cache-Control': 'no-store',
      'X-Platform-Timestamp': signature.timestamp,
      'X-Platform-Nonce': signature.nonce,
      'X-Platform-Signature': signature.signature,
      ...headers,
    });
  };
  const error = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    fields?: string[],
  ): void => sendJson(res, status, { error: { code, message, ...(fields ? { fields } : {}) } });

  /** 401 unless the request is signed by the merchant key on file, fresh, and not a replay. */
  function authenticate(req: IncomingMessage, body: Buffer): { merchantNo: string } | string {
    const merchantNo = singleHeader(req, INTAKE_SIGNATURE_HEADERS.merchantNo);
    const signature = readHeaderSignature(req.headers, INTAKE_SIGNATURE_HEADERS);
    if (!merchantNo || !signature) return 'missing X-Merchant-No, X-Timestamp, X-Nonce or X-Sign';
    if (merchantNo !== ctx.merchant.merchantNo) return 'unknown merchant';
    const sentAt = Number(signature.timestamp);
    const nowS = platformNow(ctx).getTime() / 1000;
    if (!/^\d{9,11}$/.test(signature.timestamp) || Math.abs(nowS - sentAt) > TIMESTAMP_WINDOW_S) {
      return 'X-Timestamp is not unix seconds near the platform clock';
    }
    if (!verifyHeaderMessage(body, signature, merchantRecord(ctx).registeredPublicKey)) {
      return 'signature does not verify with the merchant public key on file';
    }
    for (const [nonce, at] of nonces) if (nowS - at > TIMESTAMP_WINDOW_S) nonces.delete(nonce);
    if (nonces.has(signature.nonce)) return 'nonce already used';
    nonces.set(signature.nonce, nowS);
    return { merchantNo };
  }

  function ticketView(ticket: Ticket): Record<string, unknown> {
    return {
      ticket_id: ticket.ticketId,
      status: ticket.status,
      updated_at: ticket.updatedAt,
      messages: ticket.messages,
    };
  }

  function createdView(ticket: Ticket): Record<string, unknown> {
    return {
      ticket_id: ticket.ticketId,
      status: ticket.status,
      upload: {
        url: `${ctx.urls.supportApiUrl}/uploads/${ticket.upload.token}`,
        method: 'PUT',
        max_bytes: ticket.upload.maxBytes,
      },
    };
  }

  async function postReport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_REPORT_BYTES);
    const auth = authenticate(req, body);
    if (typeof auth === 'string') return error(res, 401, 'INVALID_SIGNATURE', auth);
    const key = singleHeader(req, 'idempotency-key');
    if (!key)
      return error(res, 400, 'MISSING_IDEMPOTENCY_KEY', 'Idempotency-Key header is required', [
        'Idempotency-Key',
      ]);
    // Idempotency: the first report filed under a key wins; the same key again gets the same ticket back.
    const existing = ticketByKey.get(`${auth.merchantNo}:${key}`);
    if (existing) return sendJson(res, 200, createdView(tickets.get(existing) as Ticket));

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return error(res, 400, 'INVALID_REPORT', 'body is not JSON', ['$']);
    }
    const parsed = IntakeReportSchema.safeParse(json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '$'))];
      return error(res, 400, 'INVALID_REPORT', 'the report breaks the schema', fields);
    }
    if (parsed.data.report_id !== key) {
      return error(res, 400, 'INVALID_REPORT', 'Idempotency-Key must be the report_id', [
        'Idempotency-Key',
        'report_id',
      ]);
    }
    if (parsed.data.merchant_no !== auth.merchantNo) {
      return error(res, 400, 'INVALID_REPORT', 'merchant_no differs from X-Merchant-No', ['merchant_no']);
    }
    const now = platformNow(ctx);
    sequence += 1;
    const ticketId = `TK${now.toISOString().slice(0, 10).replace(/-/g, '')}${String(sequence).padStart(6, '0')}`;
    const ticket: Ticket = {
      ticketId,
      reportId: key,
      merchantNo: auth.merchantNo,
      status: 'RECEIVED',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      messages: [
        { at: now.toISOString(), from: 'system', text: '已收到您的问题报告。We have received your report.' },
      ],
      report: parsed.data,
      upload: { token: randomBytes(16).toString('hex'), maxBytes: intake.maxUploadBytes },
    };
    tickets.set(ticketId, ticket);
    ticketByKey.set(`${auth.merchantNo}:${key}`, ticketId);
    ticketByUploadToken.set(ticket.upload.token, ticketId);
    sendJson(res, 201, createdView(ticket));
  }

  async function putUpload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const ticket = tickets.get(ticketByUploadToken.get(token) ?? '');
    if (!ticket) return error(res, 404, 'NOT_FOUND', 'unknown upload URL');
    let body: Buffer;
    try {
      body = await readBody(req, ticket.upload.maxBytes);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      return error(res, 413, 'PAYLOAD_TOO_LARGE', `the bundle is over max_bytes (${ticket.upload.maxBytes})`);
    }
    const auth = authenticate(req, body);
    if (typeof auth === 'string') return error(res, 401, 'INVALID_SIGNATURE', auth);
    if (auth.merchantNo !== ticket.merchantNo) return error(res, 404, 'NOT_FOUND', 'unknown upload URL');
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (contentType !== 'application/zip') {
      return error(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/zip', [
        'Content-Type',
      ]);
    }
    const declared = singleHeader(req, 'content-sha256')?.toLowerCase();
    if (!declared || !/^[0-9a-f]{64}$/.test(declared)) {
      return error(res, 400, 'INVALID_HASH', 'Content-SHA256 must be the hex SHA-256 of the body', [
        'Content-SHA256',
      ]);
    }
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== declared) {
      return error(res, 400, 'HASH_MISMATCH', 'the body does not match Content-SHA256', ['Content-SHA256']);
    }
    const previous = uploads.get(ticket.ticketId);
    // A later, different bundle replaces the earlier one (like a pre-signed object-store PUT).
    uploads.set(ticket.ticketId, {
      ticketId: ticket.ticketId,
      sha256: actual,
      bytes: body,
      contentType,
      receivedAt: nowIso(),
      puts: previous?.sha256 === actual ? previous.puts + 1 : 1,
    });
    if (!previous) {
      ticket.messages.push({
        at: nowIso(),
        from: 'system',
        text: '诊断包已上传。The diagnostic bundle was uploaded.',
      });
      ticket.updatedAt = nowIso();
    }
    sendJson(res, 204, null);
  }

  async function getTicket(req: IncomingMessage, res: ServerResponse, ticketId: string): Promise<void> {
    const body = await readBody(req, MAX_REPORT_BYTES);
    const auth = authenticate(req, body);
    if (typeof auth === 'string') return error(res, 401, 'INVALID_SIGNATURE', auth);
    const ticket = tickets.get(ticketId);
    if (!ticket || ticket.merchantNo !== auth.merchantNo)
      return error(res, 404, 'NOT_FOUND', 'no such ticket');
    sendJson(res, 200, ticketView(ticket));
  }

  const intake: SupportIntake = {
    tickets,
    uploads,
    maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
    get requestCount() {
      return requestCount;
    },
    failNext(count, status = 503, retryAfterSeconds = 1) {
      Object.assign(injected, { remaining: count, status, retryAfter: retryAfterSeconds });
    },
    setStatus(ticketId, status, message) {
      const ticket = tickets.get(ticketId);
      if (!ticket) throw new Error(`no ticket ${ticketId}`);
      ticket.status = status;
      ticket.updatedAt = nowIso();
      if (message) ticket.messages.push({ at: ticket.updatedAt, from: 'support', text: message });
    },
    async handler(req, res) {
      requestCount += 1;
      res.setHeader('Date', platformNow(ctx).toUTCString());
      if (injected.remaining > 0) {
        injected.remaining -= 1;
        // Take the whole body first: answering mid-upload would reset the connection under the client.
        await new Promise<void>((done) => {
          req.once('end', done).once('close', done).resume();
        });
        const retry = injected.status === 429 || injected.status === 503;
        return sendJson(
          res,
          injected.status,
          {
            error: {
              code: injected.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE',
              message: 'try again later',
            },
          },
          retry ? { 'Retry-After': String(injected.retryAfter) } : {},
        );
      }
      const path = new URL(req.url ?? '/', ctx.urls.supportOrigin).pathname;
      const rest = path.startsWith(`${apiPath}/`) ? path.slice(apiPath.length) : null;
      try {
        if (rest === '/reports' && req.method === 'POST') return await postReport(req, res);
        const upload = /^\/uploads\/([0-9a-f]{32})$/.exec(rest ?? '');
        if (upload && req.method === 'PUT') return await putUpload(req, res, upload[1] as string);
        const report = /^\/reports\/([A-Za-z0-9-]{1,64})$/.exec(rest ?? '');
        if (report && req.method === 'GET') return await getTicket(req, res, report[1] as string);
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          return error(res, 413, 'PAYLOAD_TOO_LARGE', e.message);
        }
        throw e;
      }
      req.resume();
      error(res, 404, 'NOT_FOUND', 'no such endpoint');
    },
  };
  return intake;
}
