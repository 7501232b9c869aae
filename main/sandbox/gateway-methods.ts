import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AmountSchema } from '../../shared/config/store-config';
import type { GatewayMethod, MerchantConfigData, PrepayData } from '../../shared/protocol/gateway';
import { gatewayTimestamp, publicKeyFingerprint } from '../signing';
import { failure, success, type GatewayReply } from './gateway-responder';
import {
  PLATFORM_PLANS,
  RATE_LIMIT_PER_MINUTE,
  merchantRecord,
  toFen,
  type MerchantRecord,
} from './merchant-registry';
import { deliverTestNotification } from './notify-delivery';
import { platformNow, type SandboxContext } from './sandbox-context';

/** A diagnostic session lives as long as a real cashier token would. */
const SESSION_TTL_MS = 15 * 60 * 1000;

const InstallmentQuerySchema = z.object({ amount: AmountSchema });
const PrepaySchema = z.object({
  out_trade_no: z.string().min(1).max(64),
  amount: AmountSchema,
  subject: z.string().min(1).max(256),
  installments: z.number().int().positive(),
  return_url: z.string().min(1).max(512),
  notify_url: z.string().min(1).max(512),
  diagnostic: z.literal(true),
});
const NotifyTestSchema = z.object({ notify_url: z.string().min(1).max(512) });

export interface MethodContext {
  ctx: SandboxContext;
  /** Calls counted against the merchant's per-minute quota so far this minute. */
  callsThisMinute: number;
}

/** Runs one authenticated method with its biz_content (still the JSON string that was signed). */
export async function runMethod(
  mc: MethodContext,
  method: GatewayMethod,
  bizContent: string,
): Promise<GatewayReply> {
  const { ctx } = mc;
  let biz: unknown;
  try {
    biz = JSON.parse(bizContent);
  } catch {
    return failure(ctx, '40002', 'isv.invalid-parameter', 'biz_content 不是合法的 JSON');
  }
  const record = merchantRecord(ctx);
  switch (method) {
    case 'merchant.config.query':
      return success(ctx, merchantConfig(mc, record));
    case 'baitiao.installment.query':
      return withBiz(ctx, InstallmentQuerySchema, biz, (input) =>
        installmentQuery(ctx, record, input.amount),
      );
    case 'baitiao.prepay':
      return withBiz(ctx, PrepaySchema, biz, (input) => prepay(ctx, record, input));
    case 'notify.test':
      return withBiz(ctx, NotifyTestSchema, biz, async (input) =>
        success(ctx, await deliverTestNotification(ctx, input.notify_url)),
      );
  }
}

async function withBiz<T>(
  ctx: SandboxContext,
  schema: z.ZodType<T>,
  biz: unknown,
  run: (input: T) => GatewayReply | Promise<GatewayReply>,
): Promise<GatewayReply> {
  const parsed = schema.safeParse(biz);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'biz_content';
    return failure(
      ctx,
      '40002',
      'isv.invalid-parameter',
      `biz_content.${where}：${issue?.message ?? '格式错误'}`,
    );
  }
  return run(parsed.data);
}

function merchantConfig(mc: MethodContext, record: MerchantRecord): MerchantConfigData {
  const { ctx } = mc;
  return {
    merchant_no: ctx.merchant.merchantNo,
    store_name: ctx.merchant.storeName,
    environment: 'sandbox',
    products: {
      baitiao: {
        status: record.baitiaoStatus,
        installments: record.installments,
        min_amount: record.minAmount,
        max_amount: record.maxAmount,
      },
    },
    authorized_domains: record.authorizedDomains,
    public_key_fingerprint: publicKeyFingerprint(record.registeredPublicKey),
    risk: record.riskCooldownUntil
      ? { status: 'COOLDOWN', cooldown_until: gatewayTimestamp(record.riskCooldownUntil) }
      : { status: 'NORMAL', cooldown_until: null },
    rate_limit: {
      per_minute: RATE_LIMIT_PER_MINUTE,
      remaining: record.rateLimitExhausted ? 0 : Math.max(0, RATE_LIMIT_PER_MINUTE - mc.callsThisMinute),
    },
  };
}

function contractProblem(ctx: SandboxContext, record: MerchantRecord): GatewayReply | null {
  if (record.baitiaoStatus === 'ENABLED') return null;
  return failure(ctx, '40004', 'BAITIAO_NOT_ENABLED', '商户未开通白条支付或白条服务已暂停', {
    status: record.baitiaoStatus,
  });
}

function amountProblem(ctx: SandboxContext, record: MerchantRecord, amount: string): GatewayReply | null {
  const fen = toFen(amount);
  if (fen >= toFen(record.minAmount) && fen <= toFen(record.maxAmount)) return null;
  return failure(
    ctx,
    '40004',
    'AMOUNT_OUT_OF_RANGE',
    `白条支付金额须在 ${record.minAmount} 至 ${record.maxAmount} 元之间`,
    {
      min_amount: record.minAmount,
      max_amount: record.maxAmount,
    },
  );
}

function installmentQuery(ctx: SandboxContext, record: MerchantRecord, amount: string): GatewayReply {
  const problem = contractProblem(ctx, record) ?? amountProblem(ctx, record, amount);
  if (problem) return problem;
  return success(ctx, {
    plans: PLATFORM_PLANS.filter((p) => record.installments.includes(p.installments)).map((p) => ({
      installments: p.installments,
      fee_rate: p.feeRate,
      seller_pays_fee: false,
    })),
  });
}

function prepay(
  ctx: SandboxContext,
  record: MerchantRecord,
  input: z.infer<typeof PrepaySchema>,
): GatewayReply {
  const contract = contractProblem(ctx, record);
  if (contract) return contract;
  const unauthorized = [input.return_url, input.notify_url].some(
    (url) => !record.authorizedDomains.includes(hostOf(url)),
  );
  if (unauthorized) {
    return failure(
      ctx,
      '40004',
      'DOMAIN_NOT_AUTHORIZED',
      'return_url 或 notify_url 的域名不在商户已授权的域名中',
      {
        authorized_domains: record.authorizedDomains,
      },
    );
  }
  const amount = amountProblem(ctx, record, input.amount);
  if (amount) return amount;
  if (!record.installments.includes(input.installments)) {
    return failure(ctx, '40004', 'INSTALLMENT_NOT_ALLOWED', `不支持 ${input.installments} 期分期`, {
      allowed_installments: record.installments,
    });
  }
  const now = platformNow(ctx);
  if (record.riskCooldownUntil && record.riskCooldownUntil > now) {
    return failure(ctx, '40004', 'RISK_REJECTED', '交易存在风险，已被风控拦截，请稍后再试', {
      cooldown_seconds: Math.ceil((record.riskCooldownUntil.getTime() - now.getTime()) / 1000),
    });
  }
  const token = randomBytes(16).toString('hex');
  const expiresAt = now.getTime() + SESSION_TTL_MS;
  // diagnostic: true is required by the schema: the session can render a cashier but never take money.
  ctx.sessions.set(token, {
    token,
    outTradeNo: input.out_trade_no,
    amount: input.amount,
    subject: input.subject,
    installments: input.installments,
    returnUrl: input.return_url,
    notifyUrl: input.notify_url,
    expiresAt,
  });
  const data: PrepayData = {
    trade_token: token,
    cashier_url: `${ctx.urls.cashierOrigin}/pay?token=${token}`,
    expires_at: gatewayTimestamp(new Date(expiresAt)),
  };
  return success(ctx, data);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
