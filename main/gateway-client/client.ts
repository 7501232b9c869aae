import { GATEWAY_CALL_TIMEOUT_MS } from '../../shared/diagnosis/wait-limits';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosResponse } from 'axios';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import {
  GatewayResponseSchema,
  HealthSchema,
  type GatewayMethod,
  type GatewayRequest,
  type GatewayResponse,
} from '../../shared/protocol/gateway';
import { PLATFORM_SIGNATURE_HEADERS, readHeaderSignature, verifyHeaderMessage } from '../signing';
import { GatewayCallError, classifyTransportError } from './call-error';
import { buildSignedRequest } from './envelope';
import { createProfileAgent } from './tls-trust';
import type { z } from 'zod';

export const DEFAULT_GATEWAY_TIMEOUT_MS = GATEWAY_CALL_TIMEOUT_MS;
// Gateway answers are small JSON; anything bigger is not the gateway talking.
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface GatewayClientOptions {
  profile: Pick<PlatformProfile, 'gatewayUrl' | 'platformPublicKey' | 'extraCaCertificates'>;
  store: { appId: string; merchantNo: string; privateKeyPem: string; charset: string };
  /** Deadline for the whole call, connect to last byte. */
  timeoutMs?: number;
  /** Clock for the envelope's timestamp (tests, or replaying a skewed machine). */
  now?: () => Date;
  /**
   * The run's cancel signal: a call in flight is abandoned at once and rejects with the signal's reason (not a
   * GatewayCallError), so cancelling a diagnosis never waits out a gateway that does not answer.
   */
  signal?: AbortSignal;
}

export interface CallTiming {
  /** Wall-clock start, ISO 8601 UTC. */
  startedAt: string;
  /** Monotonic duration of the whole exchange. */
  totalMs: number;
}

interface HttpAnswer<Body> {
  url: string;
  httpStatus: number;
  headers: Record<string, string>;
  /** The body decoded as UTF-8, for display and for the verify-string comparison. */
  rawBody: string;
  /** The body exactly as received: the response signature covers these bytes. */
  rawBytes: Buffer;
  /** The parsed answer if it has the protocol's shape, else null (an HTML error page, a proxy's answer). */
  body: Body | null;
  /** true/false: signature headers present and (not) verifying with platformPublicKey; null: no signature headers. */
  signatureValid: boolean | null;
  timing: CallTiming;
}

export interface GatewayCallResult extends HttpAnswer<GatewayResponse> {
  method: GatewayMethod;
  requestFields: GatewayRequest;
  stringToSign: string;
}

export type GatewayHealth = z.infer<typeof HealthSchema>;
export type GatewayHealthResult = HttpAnswer<GatewayHealth>;

export interface GatewayClient {
  /** A signed call. Resolves for every HTTP answer, whatever its status; rejects only with GatewayCallError. */
  call(method: GatewayMethod, bizContent?: unknown): Promise<GatewayCallResult>;
  /** The unsigned `GET {gatewayUrl}/health`. */
  health(): Promise<GatewayHealthResult>;
  close(): void;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const { profile, store } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const now = options.now ?? ((): Date => new Date());
  const agent = createProfileAgent(profile.extraCaCertificates ?? []);
  const platformKey = createPublicKey(profile.platformPublicKey);
  // Parsed on first use: a broken key file must not stop the unsigned health probe.
  let merchantKey: KeyObject | null = null;
  const healthUrl = `${profile.gatewayUrl.replace(/\/+$/, '')}/health`;

  async function exchange<Body>(
    request: { method: 'GET' | 'POST'; url: string; data?: string },
    parse: (json: unknown) => Body | null,
  ): Promise<HttpAnswer<Body>> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const { signal } = options;
    signal?.throwIfAborted();
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCancel = (): void => controller.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    let response: AxiosResponse<ArrayBuffer | Buffer>;
    try {
      response = await axios.request<Buffer>({
        method: request.method,
        url: request.url,
        data: request.data,
        headers: {
          Accept: 'application/json',
          ...(request.data !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        },
        httpsAgent: agent,
        // Environment proxies are diagnosed by local.proxy; the API client goes direct so what it measures
        // is the platform, not a proxy in between.
        proxy: false,
        maxRedirects: 0,
        // Our deadline (the AbortController above) decides; axios's timeout is only a backstop behind it.
        timeout: timeoutMs + 1000,
        signal: controller.signal,
        responseType: 'arraybuffer',
        transformResponse: [],
        validateStatus: () => true,
        maxContentLength: MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const timing = { startedAt, totalMs: elapsed(t0) };
      const { kind, code } = classifyTransportError(error, timedOut);
      const detail = error instanceof Error ? error.message : String(error);
      throw new GatewayCallError(kind, code, describe(kind, code, detail, timeoutMs), request.url, timing, {
        cause: error,
      });
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onCancel);
    }
    const rawBytes = Buffer.from(response.data as ArrayBuffer);
    const rawBody = rawBytes.toString('utf8');
    const headers = flattenHeaders(response.headers as Record<string, unknown>);
    const signature = readHeaderSignature(headers, PLATFORM_SIGNATURE_HEADERS);
    return {
      url: request.url,
      httpStatus: response.status,
      headers,
      rawBody,
      rawBytes,
      body: parse(parseJson(rawBody)),
      signatureValid: signature ? verifyHeaderMessage(rawBytes, signature, platformKey) : null,
      timing: { startedAt, totalMs: elapsed(t0) },
    };
  }

  return {
    async call(method, bizContent = {}) {
      merchantKey ??= createPrivateKey(store.privateKeyPem);
      const { requestFields, stringToSign } = buildSignedRequest(
        {
          appId: store.appId,
          merchantNo: store.merchantNo,
          charset: store.charset,
          method,
          bizContent,
          now: now(),
        },
        merchantKey,
      );
      const answer = await exchange(
        { method: 'POST', url: profile.gatewayUrl, data: JSON.stringify(requestFields) },
        (json) => nullOnFailure(GatewayResponseSchema.safeParse(json)),
      );
      return { ...answer, method, requestFields, stringToSign };
    },
    health() {
      return exchange({ method: 'GET', url: healthUrl }, (json) =>
        nullOnFailure(HealthSchema.safeParse(json)),
      );
    },
    close() {
      agent.destroy();
    },
  };
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function nullOnFailure<T>(result: { success: true; data: T } | { success: false }): T | null {
  return result.success ? result.data : null;
}

/** axios headers → plain lower-case record; repeated headers joined the way HTTP folds them. */
function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

function describe(kind: string, code: string | null, detail: string, timeoutMs: number): string {
  switch (kind) {
    case 'timeout':
      return `gateway did not answer within ${timeoutMs} ms`;
    case 'tls':
      return `TLS handshake with the gateway failed: ${code ?? 'unknown'} (${detail})`;
    case 'unreachable':
      return `gateway unreachable: ${code ?? 'unknown'} (${detail})`;
    default:
      return `gateway answer unreadable: ${code ?? 'unknown'} (${detail})`;
  }
}
