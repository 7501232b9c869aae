import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScenarioSchema, SCENARIOS } from '../../shared/sandbox/scenarios';
import { BACK_OFFICE_PATH, createBackOffice } from './back-office';
import { authenticate } from './gateway-auth';
import { runMethod } from './gateway-methods';
import { failure, sendSignedReply, type GatewayReply } from './gateway-responder';
import { BodyTooLargeError, readBody, sendJson } from './http-io';
import { RATE_LIMIT_PER_MINUTE } from './merchant-registry';
import { createNonceRegistry } from './nonce-registry';
import { platformNow, type SandboxContext } from './sandbox-context';

export const GATEWAY_PATH = '/gateway';
export const CONTROL_PATH = '/__sandbox/scenario';
/** slow-gateway: slower than the 2 s a checklist warns at, well inside the client's 10 s deadline. */
export const SLOW_GATEWAY_DELAY_MS = 2500;
const MAX_ENVELOPE_BYTES = 1024 * 1024;

/** merchant.config.query reads the account; like most platforms' query APIs it does not spend quota. */
const QUOTA_FREE_METHODS = new Set(['merchant.config.query']);

/**
 * The Open API gateway (§3): `POST {gatewayUrl}` with the signed envelope, `GET {gatewayUrl}/health`, and
 * the standalone sandbox's control endpoint `GET/PUT /__sandbox/scenario` (never delayed, never faulty, so
 * a hung gateway can still be switched back).
 */
export function createGatewayHandler(ctx: SandboxContext) {
  const nonces = createNonceRegistry(2 * ctx.clockSkewToleranceSeconds * 1000);
  const quota = { minute: -1, calls: 0 };
  const backOffice = createBackOffice(ctx);

  const countCall = (): number => {
    const minute = Math.floor(platformNow(ctx).getTime() / 60_000);
    if (minute !== quota.minute) Object.assign(quota, { minute, calls: 0 });
    return quota.calls;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'https://sandbox.invalid').pathname;
    if (path === CONTROL_PATH) return control(ctx, req, res);
    // The back office is another system on the platform's host: the gateway's faults do not reach it.
    if (path === BACK_OFFICE_PATH) return backOffice(req, res);

    const scenario = ctx.scenario.current;
    if (scenario === 'gateway-timeout') {
      // Accept the request and never answer: the socket stays open until the client gives up or close().
      req.resume();
      return;
    }
    if (scenario === 'slow-gateway') {
      const done = await sleep(SLOW_GATEWAY_DELAY_MS, true, { signal: ctx.closing }).catch(() => false);
      if (!done) return;
    }

    if (path === `${GATEWAY_PATH}/health` && req.method === 'GET') return health(ctx, res);
    if (path !== GATEWAY_PATH) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST' });

    if (ctx.scenario.current === 'system-busy') {
      return sendSignedReply(
        ctx,
        res,
        failure(ctx, '20000', 'isp.system-busy', '系统繁忙，请稍后再试', null, { status: 503 }),
      );
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_ENVELOPE_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'request body too large' });
      throw error;
    }
    if (!/json/i.test(req.headers['content-type'] ?? '')) {
      return sendSignedReply(
        ctx,
        res,
        failure(ctx, '40002', 'isv.invalid-parameter', 'Content-Type 必须是 application/json'),
      );
    }
    const auth = authenticate(ctx, raw, nonces);
    if (!auth.ok) return sendSignedReply(ctx, res, auth.reply);

    const { method, bizContent } = auth.request;
    const callsThisMinute = countCall();
    if (!QUOTA_FREE_METHODS.has(method)) {
      const limited = rateLimited(ctx, callsThisMinute);
      if (limited) return sendSignedReply(ctx, res, limited);
      quota.calls += 1;
    }
    sendSignedReply(ctx, res, await runMethod({ ctx, callsThisMinute: quota.calls }, method, bizContent));
  };
}

function rateLimited(ctx: SandboxContext, callsThisMinute: number): GatewayReply | null {
  if (ctx.scenario.current !== 'rate-limited' && callsThisMinute < RATE_LIMIT_PER_MINUTE) return null;
  // Retry-After: until the platform's next minute window opens, as a per-minute quota would.
  const retryAfter = Math.max(1, 60 - platformNow(ctx).getUTCSeconds());
  return failure(ctx, '42900', 'RATE_LIMITED', `调用频率超过每分钟 ${RATE_LIMIT_PER_MINUTE} 次的限制`, null, {
    status: 429,
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/**
 * Health as the platform sees itself. system-busy is DOWN (and 503, the Spring Boot convention for a
 * DOWN health endpoint); a busy cashier is DEGRADED. Slowness is not self-reported: it shows in latency.
 */
function health(ctx: SandboxContext, res: ServerResponse): void {
  const scenario = ctx.scenario.current;
  const components = { gateway: 'UP', cashier: 'UP', baitiao: 'UP', risk: 'UP' };
  let status: 'UP' | 'DEGRADED' | 'DOWN' = 'UP';
  if (scenario === 'system-busy') {
    Object.assign(components, { gateway: 'DEGRADED', baitiao: 'DOWN' });
    status = 'DOWN';
  } else if (scenario === 'cashier-busy') {
    components.cashier = 'DEGRADED';
    status = 'DEGRADED';
  }
  sendSignedReply(ctx, res, { status: status === 'DOWN' ? 503 : 200, body: { status, components } });
}

async function control(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'PUT') {
    let requested: unknown;
    try {
      requested = (JSON.parse((await readBody(req, 4096)).toString('utf8')) as { scenario?: unknown })
        .scenario;
    } catch {
      return sendJson(res, 400, { error: 'body must be JSON: { "scenario": NAME }', scenarios: SCENARIOS });
    }
    const parsed = ScenarioSchema.safeParse(requested);
    if (!parsed.success) return sendJson(res, 400, { error: `unknown scenario`, scenarios: SCENARIOS });
    ctx.scenario.set(parsed.data);
  } else if (req.method !== 'GET') {
    return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, PUT' });
  }
  sendJson(res, 200, { scenario: ctx.scenario.current, scenarios: SCENARIOS });
}
