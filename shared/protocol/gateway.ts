import { z } from 'zod';

/** Protocol §3.1: the signed request envelope. */
export const GatewayRequestSchema = z.object({
  app_id: z.string(),
  merchant_no: z.string(),
  method: z.string(),
  charset: z.string(),
  sign_type: z.literal('RSA2'),
  timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  version: z.literal('1.0'),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  biz_content: z.string(),
  sign: z.string(),
});
export type GatewayRequest = z.infer<typeof GatewayRequestSchema>;

export const GATEWAY_METHODS = [
  'merchant.config.query',
  'baitiao.installment.query',
  'baitiao.prepay',
  'notify.test',
] as const;
export type GatewayMethod = (typeof GATEWAY_METHODS)[number];

/** Protocol §3.2: every gateway answer. */
export const GatewayResponseSchema = z.object({
  code: z.string(),
  msg: z.string(),
  sub_code: z.string().nullable(),
  sub_msg: z.string().nullable(),
  data: z.unknown(),
  server_time: z.string(),
});
export type GatewayResponse = z.infer<typeof GatewayResponseSchema>;

export const MerchantConfigDataSchema = z.object({
  merchant_no: z.string(),
  store_name: z.string(),
  environment: z.string(),
  products: z.object({
    baitiao: z.object({
      status: z.enum(['ENABLED', 'NOT_CONTRACTED', 'SUSPENDED']),
      installments: z.array(z.number()),
      min_amount: z.string(),
      max_amount: z.string(),
    }),
  }),
  authorized_domains: z.array(z.string()),
  public_key_fingerprint: z.string(),
  risk: z.object({ status: z.enum(['NORMAL', 'COOLDOWN']), cooldown_until: z.string().nullable() }),
  rate_limit: z.object({ per_minute: z.number(), remaining: z.number() }),
});
export type MerchantConfigData = z.infer<typeof MerchantConfigDataSchema>;

export const PrepayDataSchema = z.object({
  trade_token: z.string(),
  cashier_url: z.string(),
  expires_at: z.string(),
});
export type PrepayData = z.infer<typeof PrepayDataSchema>;

export const NotifyTestDataSchema = z.object({
  delivered: z.boolean(),
  http_status: z.number().nullable(),
  elapsed_ms: z.number(),
  body_ok: z.boolean(),
  error: z.string().nullable(),
});
export type NotifyTestData = z.infer<typeof NotifyTestDataSchema>;

export const HealthSchema = z.object({
  status: z.enum(['UP', 'DEGRADED', 'DOWN']),
  components: z.record(z.string(), z.string()),
});
