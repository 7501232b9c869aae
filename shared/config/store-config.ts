import { z } from 'zod';

/** Decimal yuan with at most two decimals, as a string (protocol §2). */
export const AmountSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, 'amount: decimal yuan, at most 2 decimals');

export const InstallmentSchema = z.number().int().positive();

export const PrivateKeyRefSchema = z.union([
  z.string().min(1),
  z.object({ file: z.string().min(1) }).strict(),
]);

/** store.json (protocol §2). Unknown fields are kept and reported as a warning by cfg.schema. */
export const StoreConfigSchema = z
  .object({
    configVersion: z.literal(1),
    environment: z.enum(['sandbox', 'production']),
    merchantNo: z.string().regex(/^\d{8,20}$/, 'merchantNo: 8 to 20 digits'),
    appId: z.string().regex(/^[A-Za-z0-9]{16,32}$/, 'appId: 16 to 32 letters and digits'),
    storeName: z.string().min(1).max(128),
    storeUrl: z.string().min(1),
    signType: z.literal('RSA2'),
    merchantPrivateKey: PrivateKeyRefSchema,
    notifyUrl: z.string().min(1),
    returnUrl: z.string().min(1),
    charset: z.string().min(1),
    baitiao: z
      .object({
        enabled: z.boolean(),
        installments: z.array(InstallmentSchema).min(1),
        sellerPaysFee: z.boolean().default(false),
      })
      .loose(),
    testOrder: z.object({ amount: AmountSchema, subject: z.string().min(1).max(256) }).loose(),
  })
  .loose();
export type StoreConfig = z.infer<typeof StoreConfigSchema>;

/** Fields the protocol defines; anything else in store.json is "unknown" (a warning, not an error). */
export const STORE_CONFIG_KNOWN_FIELDS = Object.keys(StoreConfigSchema.shape);

/** The config as the checks see it: the private key travels separately and never inside it. */
export const CheckedStoreConfigSchema = StoreConfigSchema.omit({ merchantPrivateKey: true });
export type CheckedStoreConfig = z.infer<typeof CheckedStoreConfigSchema>;
