import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import axios, { type AxiosResponse } from 'axios';
import { z } from 'zod';
import type { OutboxError, UntrustedAnswerCode } from '../../shared/report/outbox-view';
import { createProfileAgent } from '../gateway-client/tls-trust';
import {
  INTAKE_SIGNATURE_HEADERS,
  newNonce,
  PLATFORM_SIGNATURE_HEADERS,
  readHeaderSignature,
  signHeaderMessage,
  unixSeconds,
  verifyHeaderMessage,
} from '../signing';
import { parseRetryAfter } from './backoff';
import { signFileForIntake } from './file-signature';

/** Where a store's reports go, and the key they are signed with. */
export interface IntakeTarget {
  supportApiUrl: string;
  extraCaCertificates: readonly string[];
  merchantNo: string;
  privateKeyPem: string;
  /** The profile's platformPublicKey: every intake answer must be signed with its private half (§5). */
  platformPublicKey: string;
}

export interface IntakeTimeouts {
  /** POST /reports and GET /reports/{id}: connect to last byte. */
  requestMs: number;
  /** The bundle PUT: a floor, plus time for the bytes at a slow line. */
  uploadMs: number;
  uploadBytesPerSecond: number;
}

export const DEFAULT_INTAKE_TIMEOUTS: IntakeTimeouts = {
  requestMs: 15_000,
  uploadMs: 60_000,
  // 32 KB/s: a weak mobile uplink still finishes a 32 MB bundle inside the deadline.
  uploadBytesPerSecond: 32 * 1024,
};

/** Intake answers are small JSON; anything bigger is not the intake. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** An attempt's result: done, worth retrying (maybe after a given time), or refused for good. */
export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'transient'; error: OutboxError; retryAfterMs: number | null }
  | { kind: 'permanent'; error: OutboxError }
  /** The upload URL is no longer valid (404/403/410): ask the intake for the ticket again. */
  | { kind: 'refresh-upload'; error: OutboxError }
  /**
   * An answer that is not believed: unsigned, signed wrongly, or sending the bundle off the intake's origin.
   * Nothing is recorded from it; the report stays queued and is tried again later.
   */
  | { kind: 'untrusted'; error: OutboxError };

const CreatedSchema = z.object({
  ticket_id: z.string().min(1).max(64),
  status: z.string(),
  upload: z.object({
    url: z.url({ protocol: /^https$/ }),
    method: z.literal('PUT'),
    max_bytes: z.number().int().positive(),
  }),
});
export type Created = z.infer<typeof CreatedSchema>;

const TicketSchema = z.object({
  ticket_id: z.string(),
  status: z.string(),
  updated_at: z.string().nullable().optional(),
  messages: z.array(z.object({ at: z.string(), from: z.string(), text: z.string() })).default([]),
});
export type TicketAnswer = z.infer<typeof TicketSchema>;

const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    fields: z.array(z.string()).optional(),
  }),
});

function errorFrom(
  response: AxiosResponse<Buffer> | null,
  fallback: string,
  code: string | null = null,
): OutboxError {
  const at = new Date().toISOString();
  if (!response) return { at, status: null, code, message: fallback, fields: [] };
  let body: z.infer<typeof ErrorBodySchema> | null;
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(Buffer.from(response.data).toString('utf8')));
    body = parsed.success ? parsed.data : null;
  } catch {
    // Not JSON (a proxy's error page): the status alone speaks.
    body = null;
  }
  return {
    at,
    status: response.status,
    code: body?.error.code ?? code,
    message: (body?.error.message ?? fallback).slice(0, 500),
    fields: (body?.error.fields ?? []).slice(0, 20).map((f) => f.slice(0, 100)),
  };
}

function untrusted(
  response: AxiosResponse<Buffer> | null,
  code: UntrustedAnswerCode,
  message: string,
): Outcome<never> {
  return {
    kind: 'untrusted',
    error: { at: new Date().toISOString(), status: response?.status ?? null, code, message, fields: [] },
  };
}

/**
 * §5: an upload URL is https on the very origin (scheme, host, port) of supportApiUrl. Anything else would
 * send the merchant's bundle wherever an answer says.
 */
export function isIntakeOrigin(url: string, supportApiUrl: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' && target.origin === new URL(supportApiUrl).origin;
  } catch {
    return false;
  }
}

/** 408, 425, 429 and 5xx are "later"; the other 4xx are "no" (the same request would be refused again). */
function isTransientStatus(status: number): boolean {
  return (
    status === 408 || status === 425 || status === 429 || status >= 500 || (status >= 300 && status < 400)
  );
}

/** Signed calls to the support intake (§5), each with a deadline, every answer classified. */
export class IntakeClient {
  private readonly agent;
  private readonly key: KeyObject;
  private readonly platformKey: KeyObject;
  private readonly base: string;

  constructor(
    private readonly target: IntakeTarget,
    private readonly timeouts: IntakeTimeouts = DEFAULT_INTAKE_TIMEOUTS,
  ) {
    this.agent = createProfileAgent(target.extraCaCertificates);
    this.key = createPrivateKey(target.privateKeyPem);
    this.platformKey = createPublicKey(target.platformPublicKey);
    this.base = target.supportApiUrl.replace(/\/+$/, '');
  }

  close(): void {
    this.agent.destroy();
  }

  private signedHeaders(body: Buffer | string): Record<string, string> {
    const s = signHeaderMessage(body, this.key);
    return {
      [INTAKE_SIGNATURE_HEADERS.merchantNo]: this.target.merchantNo,
      [INTAKE_SIGNATURE_HEADERS.timestamp]: s.timestamp,
      [INTAKE_SIGNATURE_HEADERS.nonce]: s.nonce,
      [INTAKE_SIGNATURE_HEADERS.signature]: s.signature,
    };
  }

  /** One HTTP exchange under a hard deadline; a transport failure is returned as null plus its code. */
  private async exchange(
    config: {
      method: 'GET' | 'POST' | 'PUT';
      url: string;
      headers: Record<string, string | number>;
      data?: unknown;
    },
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<{ response: AxiosResponse<Buffer> } | { error: OutboxError }> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, deadlineMs);
    try {
      const response = await axios.request<Buffer>({
        ...config,
        httpsAgent: this.agent,
        proxy: false,
        maxRedirects: 0,
        timeout: deadlineMs + 1000,
        signal: controller.signal,
        responseType: 'arraybuffer',
        transformResponse: [],
        validateStatus: () => true,
        maxContentLength: MAX_RESPONSE_BYTES,
        maxBodyLength: Infinity,
      });
      return { response };
    } catch (error) {
      const code = timedOut ? 'TIMEOUT' : ((error as { code?: string }).code ?? 'NETWORK_ERROR');
      const message = timedOut
        ? `no answer within ${deadlineMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
      return { error: errorFrom(null, message.slice(0, 500), code) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private classify<T>(
    result: { response: AxiosResponse<Buffer> } | { error: OutboxError },
    accept: (response: AxiosResponse<Buffer>) => Outcome<T> | null,
  ): Outcome<T> {
    if ('error' in result) return { kind: 'transient', error: result.error, retryAfterMs: null };
    const { response } = result;
    // 2xx and 4xx answers are the intake's own and signed (§5); nothing in one is believed unless it
    // verifies, not even a refusal. 3xx and 5xx may come from any proxy on the way and only mean "later".
    if (
      response.status >= 200 &&
      response.status < 500 &&
      !(response.status >= 300 && response.status < 400)
    ) {
      const signature = readHeaderSignature(response.headers, PLATFORM_SIGNATURE_HEADERS);
      if (!signature) {
        return untrusted(
          response,
          'INTAKE_ANSWER_UNSIGNED',
          `HTTP ${response.status} without the platform signature (X-Platform-Signature); not believed`,
        );
      }
      if (!verifyHeaderMessage(Buffer.from(response.data), signature, this.platformKey)) {
        return untrusted(
          response,
          'INTAKE_SIGNATURE_INVALID',
          `HTTP ${response.status} whose signature does not verify with the profile's platform public key; not believed`,
        );
      }
    }
    const accepted = accept(response);
    if (accepted) return accepted;
    const error = errorFrom(response, `HTTP ${response.status}`);
    if (isTransientStatus(response.status)) {
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'transient',
        error,
        retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, Date.now()),
      };
    }
    return { kind: 'permanent', error };
  }

  /** POST /reports with Idempotency-Key = report_id: 201 the first time, 200 and the same ticket after. */
  async postReport(reportId: string, reportJson: Buffer, signal?: AbortSignal): Promise<Outcome<Created>> {
    const result = await this.exchange(
      {
        method: 'POST',
        url: `${this.base}/reports`,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Accept: 'application/json',
          'Idempotency-Key': reportId,
          ...this.signedHeaders(reportJson),
        },
        data: reportJson,
      },
      this.timeouts.requestMs,
      signal,
    );
    return this.classify(result, (response) => {
      if (response.status !== 200 && response.status !== 201) return null;
      const parsed = parseJson(response.data, CreatedSchema);
      if (parsed && !isIntakeOrigin(parsed.upload.url, this.base)) {
        return untrusted(
          response,
          'UPLOAD_TARGET_FOREIGN',
          `the upload URL ${parsed.upload.url.slice(0, 200)} is not on the intake's origin ${new URL(this.base).origin}; nothing uploaded`,
        );
      }
      return parsed
        ? { kind: 'ok', value: parsed }
        : // A 2xx that is not the intake's answer (a proxy's page): try again later.
          {
            kind: 'transient',
            error: errorFrom(response, "the answer is not the intake's JSON", 'BAD_RESPONSE'),
            retryAfterMs: null,
          };
    });
  }

  /** PUT the bundle to the ticket's upload URL, streamed from disk, signed over its bytes. */
  async putBundle(
    uploadUrl: string,
    bundlePath: string,
    expected: { sha256: string; bytes: number },
    onProgress: (sent: number) => void,
    signal?: AbortSignal,
  ): Promise<Outcome<null>> {
    // Checked again here, not only when the ticket came: a state.json written before this check existed,
    // or changed on disk, must not send the bundle elsewhere either.
    if (!isIntakeOrigin(uploadUrl, this.base)) {
      return untrusted(
        null,
        'UPLOAD_TARGET_FOREIGN',
        `the upload URL ${uploadUrl.slice(0, 200)} is not on the intake's origin ${new URL(this.base).origin}; nothing uploaded`,
      );
    }
    const header = { timestamp: unixSeconds(new Date()), nonce: newNonce() };
    let signed: Awaited<ReturnType<typeof signFileForIntake>> | null;
    try {
      signed = await signFileForIntake(bundlePath, this.key, header);
    } catch {
      // The queued copy is gone or unreadable: nothing to upload, now or later.
      signed = null;
    }
    if (!signed || signed.sha256 !== expected.sha256 || signed.bytes !== expected.bytes) {
      return {
        kind: 'permanent',
        error: {
          at: new Date().toISOString(),
          status: null,
          code: 'BUNDLE_CHANGED',
          message: 'the queued bundle file no longer matches what was queued (changed or damaged on disk)',
          fields: [],
        },
      };
    }
    let sent = 0;
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        onProgress(sent);
        done(null, chunk);
      },
    });
    const body = createReadStream(bundlePath).pipe(progress);
    const deadline =
      this.timeouts.uploadMs + Math.ceil((signed.bytes / this.timeouts.uploadBytesPerSecond) * 1000);
    const result = await this.exchange(
      {
        method: 'PUT',
        url: uploadUrl,
        headers: {
          'Content-Type': 'application/zip',
          'Content-Length': signed.bytes,
          'Content-SHA256': signed.sha256,
          Accept: 'application/json',
          [INTAKE_SIGNATURE_HEADERS.merchantNo]: this.target.merchantNo,
          [INTAKE_SIGNATURE_HEADERS.timestamp]: header.timestamp,
          [INTAKE_SIGNATURE_HEADERS.nonce]: header.nonce,
          [INTAKE_SIGNATURE_HEADERS.signature]: signed.signature,
        },
        data: body,
      },
      deadline,
      signal,
    );
    body.destroy();
    return this.classify(result, (response) => {
      if (response.status >= 200 && response.status < 300) return { kind: 'ok', value: null };
      if ([403, 404, 410].includes(response.status)) {
        return { kind: 'refresh-upload', error: errorFrom(response, `HTTP ${response.status}`) };
      }
      return null;
    });
  }

  /** GET /reports/{ticket_id}: the ticket's status and messages. */
  async getTicket(ticketId: string, signal?: AbortSignal): Promise<Outcome<TicketAnswer>> {
    const result = await this.exchange(
      {
        method: 'GET',
        url: `${this.base}/reports/${encodeURIComponent(ticketId)}`,
        headers: { Accept: 'application/json', ...this.signedHeaders('') },
      },
      this.timeouts.requestMs,
      signal,
    );
    return this.classify(result, (response) => {
      if (response.status !== 200) return null;
      const parsed = parseJson(response.data, TicketSchema);
      return parsed
        ? { kind: 'ok', value: parsed }
        : {
            kind: 'transient',
            error: errorFrom(response, "the answer is not the intake's JSON", 'BAD_RESPONSE'),
            retryAfterMs: null,
          };
    });
  }
}

function parseJson<T>(data: Buffer, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(data).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
