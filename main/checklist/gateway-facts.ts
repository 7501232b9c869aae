import type { GatewayClient, GatewayCallResult, GatewayHealthResult } from '../gateway-client';
import {
  MerchantConfigDataSchema,
  NotifyTestDataSchema,
  type MerchantConfigData,
  type NotifyTestData,
} from '../../shared/protocol/gateway';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { memo } from './memo';

/** A gateway answer the checks can use, or why there is none. */
export type GatewayAnswer<R = GatewayCallResult> =
  { ok: true; result: R } | { ok: false; kind: string; reason: LocalizedText; detail: string };

function explainFailure(error: unknown): { ok: false; kind: string; reason: LocalizedText; detail: string } {
  const kind = (error as { kind?: string })?.kind ?? 'unknown';
  const detail = error instanceof Error ? error.message : String(error);
  const reasons: Record<string, LocalizedText> = {
    timeout: text('平台网关在规定时间内没有应答。', 'The platform gateway did not answer in time.'),
    unreachable: text(
      '连不上平台网关（域名解析失败、连接被拒绝或被重置）。',
      'Could not reach the platform gateway (name lookup failed, refused or reset).',
    ),
    tls: text(
      '和平台网关建立安全连接失败（证书问题）。',
      'The secure connection to the platform gateway failed (a certificate problem).',
    ),
    'bad-response': text(
      '平台网关的应答不是正常的格式。',
      'The platform gateway answered with something unexpected.',
    ),
  };
  return {
    ok: false,
    kind,
    reason: reasons[kind] ?? text('调用平台网关失败。', 'The call to the platform gateway failed.'),
    detail,
  };
}

async function answer<R>(call: () => Promise<R>): Promise<GatewayAnswer<R>> {
  try {
    return { ok: true, result: await call() };
  } catch (error) {
    // A cancelled run is not a gateway failure: let the checklist engine record the check as cancelled.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return explainFailure(error);
  }
}

/**
 * The platform facts of one checklist run, each fetched at most once: the signed
 * merchant.config.query serves key.*, platform.*, risk.* and local.clock alike.
 */
/** The platform facts one checklist run shares: each gateway call made at most once, its answer kept. */
export interface GatewayFacts {
  /** The signed merchant.config.query: serves key.*, platform.*, risk.* and local.clock alike. */
  configQuery(): Promise<GatewayAnswer>;
  /** The registered configuration, when the query succeeded (code 10000 with the expected data). */
  merchantConfig(): Promise<MerchantConfigData | null>;
  /** The unsigned `GET {gatewayUrl}/health`. */
  health(): Promise<GatewayAnswer<GatewayHealthResult>>;
  /** A light signed call that rate limits apply to (merchant.config.query may be exempt). */
  installmentQuery(): Promise<GatewayAnswer>;
  /** The platform's own test call to the store's notify URL, and its parsed answer. */
  notifyTest(): Promise<{ answer: GatewayAnswer; data: NotifyTestData | null }>;
  /** Every HTTP status the gateway answered with so far in this run. */
  statusesSeen(): number[];
}

export function createGatewayFacts(
  client: GatewayClient,
  notifyUrl: string,
  testAmount: string,
): GatewayFacts {
  const statusesSeen: number[] = [];
  // When a light call (the config query or /health) met no gateway at all (timeout, unreachable), a later call
  // in the same run would only wait out the same deadline again: the shop owner would wait 8 s more per call
  // for the same finding. Those later calls answer at once with the same failure, saying they were not sent.
  // A notify.test timeout does not count: the platform may be slow there because the store's URL is.
  let gatewayDown: Extract<GatewayAnswer, { ok: false }> | null = null;
  const track = async <R extends { httpStatus: number }>(call: () => Promise<R>, light = false) => {
    if (gatewayDown) {
      return {
        ...gatewayDown,
        detail: `not sent: an earlier call in this run already failed (${gatewayDown.detail})`,
      };
    }
    const a = await answer(call);
    if (a.ok) statusesSeen.push(a.result.httpStatus);
    else if (light && (a.kind === 'timeout' || a.kind === 'unreachable')) gatewayDown ??= a;
    return a;
  };
  const configQuery = memo(() => track(() => client.call('merchant.config.query', {}), true));
  return {
    configQuery,
    /** The registered configuration, when the query succeeded (code 10000 with the expected data). */
    merchantConfig: memo(async (): Promise<MerchantConfigData | null> => {
      const a = await configQuery();
      if (!a.ok || a.result.body?.code !== '10000') return null;
      const parsed = MerchantConfigDataSchema.safeParse(a.result.body.data);
      return parsed.success ? parsed.data : null;
    }),
    health: memo(() => track(() => client.health(), true)),
    /** A light signed call that rate limits apply to (merchant.config.query may be exempt). */
    installmentQuery: memo(() =>
      track(() => client.call('baitiao.installment.query', { amount: testAmount })),
    ),
    notifyTest: memo(async () => {
      const a = await track(() => client.call('notify.test', { notify_url: notifyUrl }));
      const data =
        a.ok && a.result.body?.code === '10000' ? NotifyTestDataSchema.safeParse(a.result.body.data) : null;
      return { answer: a, data: data?.success ? data.data : null };
    }),
    statusesSeen: () => [...statusesSeen],
  };
}

/** Why a gateway-based check cannot judge: the gateway gave no usable answer to the config query. */
export function noVerdict(
  a: GatewayAnswer,
): { status: 'skip'; summary: LocalizedText; evidence: Record<string, unknown> } | null {
  if (!a.ok) return { status: 'skip', summary: a.reason, evidence: { kind: a.kind, detail: a.detail } };
  const body = a.result.body;
  if (!body) {
    return {
      status: 'skip',
      summary: text(
        `平台网关返回了 HTTP ${a.result.httpStatus}，不是正常的应答。`,
        `The gateway answered HTTP ${a.result.httpStatus}, not a normal answer.`,
      ),
      evidence: { httpStatus: a.result.httpStatus },
    };
  }
  return null;
}
