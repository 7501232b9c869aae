import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';

/**
 * The key tool's IPC channels (「密钥工具」). The private key never crosses to the renderer: generating
 * puts it in the key vault and the active store and returns only the public half; converting a private
 * key writes the result through main's save dialog; files are picked with main's open dialog, so no
 * path crosses either. Spread into shared/ipc/contract.ts.
 */
export const KeyFormatSchema = z.enum(['pkcs1', 'pkcs8', 'one-line']);

export const GeneratedKeyViewSchema = z.object({
  /** SPKI PEM: what some back offices and SDK docs show. */
  publicKeyPem: z.string(),
  /** The one-line base64 of the SPKI DER: what a 商家后台 asks to be pasted as 应用公钥. */
  publicKeyOneLine: z.string(),
  fingerprint: z.string(),
  bits: z.number().int(),
  storeName: z.string(),
  /** keychain: kept encrypted by the OS; memory: until the app closes (demo store, or no keychain). */
  keyStatus: z.enum(['keychain', 'memory', 'missing']),
  /** The sandbox back office for the demo store; null for a real platform (its own 商家后台). */
  backOfficeUrl: z.string().nullable(),
});
export type GeneratedKeyView = z.infer<typeof GeneratedKeyViewSchema>;

/** A file picked in main's dialog, in plain words: what it is, or why it is not a key. */
const PickProblemSchema = z.object({
  ok: z.literal(false),
  fileName: z.string(),
  message: LocalizedTextSchema,
});
const CancelledSchema = z.object({ ok: z.literal(false), cancelled: z.literal(true) });

export const KeyConvertResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    fileName: z.string(),
    kind: z.enum(['private', 'public']),
    from: KeyFormatSchema,
    to: KeyFormatSchema,
    bits: z.number().int(),
    /** A public key's converted text, to copy; null for a private key (written to savedAs instead). */
    publicText: z.string().nullable(),
    /** The name of the file a converted private key was saved as (no folder). */
    savedAs: z.string().nullable(),
  }),
  PickProblemSchema.extend({ cancelled: z.literal(false).optional() }),
  CancelledSchema,
]);
export type KeyConvertResult = z.infer<typeof KeyConvertResultSchema>;

export const KeyMatchResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    pair: z.boolean(),
    privateFileName: z.string(),
    publicFileName: z.string(),
    privateFingerprint: z.string(),
    publicFingerprint: z.string(),
  }),
  PickProblemSchema.extend({ cancelled: z.literal(false).optional() }),
  CancelledSchema,
]);
export type KeyMatchResult = z.infer<typeof KeyMatchResultSchema>;

export const KEY_TOOL_CHANNELS = {
  'keys.generate': {
    // A new pair for the active store: the private key into the vault, the public half back.
    input: z.object({ bits: z.union([z.literal(2048), z.literal(4096)]).optional() }).strict(),
    output: GeneratedKeyViewSchema,
  },
  'keys.openBackOffice': {
    // The demo store's 沙箱商家后台, in a window that trusts the sandbox's CA only.
    input: z.union([z.undefined(), z.null()]),
    output: z.object({ opened: z.boolean() }),
  },
  'keys.savePrivateKey': {
    // The one way the active store's private key leaves the vault: to a file the merchant chooses (0600).
    input: z.union([z.undefined(), z.null()]),
    output: z.object({ savedAs: z.string().nullable() }),
  },
  'keys.convert': {
    input: z.object({ to: KeyFormatSchema }).strict(),
    output: KeyConvertResultSchema,
  },
  'keys.match': {
    input: z.union([z.undefined(), z.null()]),
    output: KeyMatchResultSchema,
  },
} as const;
