import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { PlatformProfileSchema } from './platform-profile';
import { StoreConfigSchema } from './store-config';

/**
 * What the store.json / platform.json importer returns. Kept as zod schemas so the IPC contract can
 * validate the same shapes it sends to the renderer.
 *
 * Nothing here can hold a private key: the importer replaces `merchantPrivateKey` by a summary of
 * where the key came from, and the PEM itself travels only in main, next to (never inside) these
 * shapes. The success schemas are plain (stripping) objects, so a main-side result that carries the
 * PEM as an extra property loses it when validated against them.
 */

export const CONFIG_ISSUE_CODES = [
  // The path or the file itself.
  'INVALID_PATH',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'PATH_IS_DIRECTORY',
  'NOT_A_REGULAR_FILE',
  'FILE_TOO_LARGE',
  'EMPTY_FILE',
  'BINARY_FILE',
  // Text encoding.
  'ENCODING_GBK',
  'ENCODING_NOT_UTF8',
  'ENCODING_UTF32',
  'ENCODING_UTF16',
  'ENCODING_UTF16_INVALID',
  'UTF8_BOM',
  // JSON syntax.
  'JSON_LOOKS_LIKE_HTML',
  'JSON_LOOKS_LIKE_PEM',
  'JSON_UNEXPECTED_END',
  'JSON_MISSING_COMMA',
  'JSON_TRAILING_COMMA',
  'JSON_MISSING_COLON',
  'JSON_MISSING_VALUE',
  'JSON_FULLWIDTH_PUNCTUATION',
  'JSON_INVISIBLE_CHARACTER',
  'JSON_SINGLE_QUOTES',
  'JSON_UNQUOTED_KEY',
  'JSON_UNQUOTED_TEXT',
  'JSON_COMMENT',
  'JSON_UNTERMINATED_STRING',
  'JSON_PEM_LINE_BREAKS',
  'JSON_CONTROL_CHARACTER',
  'JSON_INVALID_ESCAPE',
  'JSON_INVALID_NUMBER',
  'JSON_INVALID_LITERAL',
  'JSON_MISMATCHED_BRACKET',
  'JSON_UNEXPECTED_CHARACTER',
  'JSON_TRAILING_CONTENT',
  'JSON_TOO_DEEP',
  'JSON_DUPLICATE_FIELD',
  // Schema (cfg.schema).
  'FIELD_MISSING',
  'FIELD_WRONG_TYPE',
  'FIELD_INVALID_VALUE',
  'FIELD_UNKNOWN',
  'FIELD_SECRET_IGNORED',
  'TOO_MANY_ISSUES',
  // platform.json beyond its schema.
  'PROFILE_PLACEHOLDER_URL',
  'PROFILE_PLACEHOLDER_KEY',
  'PROFILE_PUBLIC_KEY_INVALID',
  'PROFILE_PUBLIC_KEY_NOT_RSA',
  'PROFILE_PUBLIC_KEY_IS_PRIVATE',
  'PROFILE_CA_INVALID',
  'PROFILE_CA_EXPIRED',
  'PROFILE_CA_NOT_CA',
  // The merchant private key (key.parse facts; the checklist decides pass/warn/fail).
  'KEY_FILE_NOT_FOUND',
  'KEY_FILE_UNREADABLE',
  'KEY_FILE_IS_DIRECTORY',
  'KEY_FILE_TOO_LARGE',
  'KEY_FILE_BASE_UNKNOWN',
  'KEY_EMPTY',
  'KEY_ENCODING',
  'KEY_BINARY',
  'KEY_NOT_PEM',
  'KEY_LOOKS_LIKE_PATH',
  'KEY_BARE_BASE64',
  'KEY_BOM',
  'KEY_JUNK',
  'KEY_MULTIPLE_BLOCKS',
  'KEY_ENCRYPTED',
  'KEY_NOT_RSA',
  'KEY_IS_PUBLIC',
  'KEY_IS_CERTIFICATE',
  'KEY_UNSUPPORTED_FORMAT',
  'KEY_CORRUPT',
  'KEY_PKCS1',
  'KEY_WEAK',
  'KEY_ESCAPED_NEWLINES',
  // The importer itself broke (a bug, shown as such).
  'INTERNAL_ERROR',
] as const;
export const ConfigIssueCodeSchema = z.enum(CONFIG_ISSUE_CODES);
export type ConfigIssueCode = z.infer<typeof ConfigIssueCodeSchema>;

export const ConfigIssueSchema = z.object({
  /** Display name of the file the issue is about (a base name, not a full path). */
  file: z.string(),
  /** JSON path of the field, `$` for the whole document, e.g. `$.baitiao.installments[1]`. */
  field: z.string(),
  /** 1-based, in the decoded text; absent when the issue has no place in the file (a missing file). */
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  code: ConfigIssueCodeSchema,
  severity: z.enum(['error', 'warning']),
  /** For a shop owner: what is wrong and what to do. */
  message: LocalizedTextSchema,
});
export type ConfigIssue = z.infer<typeof ConfigIssueSchema>;

/** Where the merchant key came from, in place of the key itself. */
export const KeyRefSummarySchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('inline') }),
  z.object({
    source: z.literal('file'),
    /** As written in store.json. */
    file: z.string(),
    /** Absolute path it resolves to; null when store.json's folder is unknown (bytes without a folder). */
    resolvedPath: z.string().nullable(),
  }),
]);
export type KeyRefSummary = z.infer<typeof KeyRefSummarySchema>;

/** store.json as validated, with the private key replaced by where it came from. */
export const ImportedStoreConfigSchema = StoreConfigSchema.extend({
  merchantPrivateKey: KeyRefSummarySchema,
});
export type ImportedStoreConfig = z.infer<typeof ImportedStoreConfigSchema>;

/** Facts about a parsed merchant key; never the key. */
export const MerchantKeySummarySchema = z.object({
  algorithm: z.literal('rsa'),
  format: z.enum(['pkcs8', 'pkcs1']),
  modulusBits: z.number().int().positive(),
  /** `SHA256:<base64 of the SHA-256 of the DER SubjectPublicKeyInfo>`, as merchant.config.query returns it. */
  publicKeyFingerprint: z.string(),
});
export type MerchantKeySummary = z.infer<typeof MerchantKeySummarySchema>;

export const KeyStatusSchema = z.discriminatedUnion('loaded', [
  z.object({
    loaded: z.literal(true),
    summary: MerchantKeySummarySchema,
    warnings: z.array(ConfigIssueSchema),
  }),
  z.object({ loaded: z.literal(false), errors: z.array(ConfigIssueSchema).min(1) }),
]);
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

export const ImportFailureSchema = z.object({
  ok: z.literal(false),
  errors: z.array(ConfigIssueSchema).min(1),
});
export type ImportFailure = z.infer<typeof ImportFailureSchema>;

/**
 * A store.json that passed cfg.schema. Key problems do not fail the import: the store can still be
 * diagnosed (cfg.*, net.*), and key.parse reports them from `key`.
 */
export const StoreImportSuccessSchema = z.object({
  ok: z.literal(true),
  value: ImportedStoreConfigSchema,
  warnings: z.array(ConfigIssueSchema),
  key: KeyStatusSchema,
});
export const StoreImportResultSchema = z.discriminatedUnion('ok', [
  StoreImportSuccessSchema,
  ImportFailureSchema,
]);
export type StoreImportResultData = z.infer<typeof StoreImportResultSchema>;

export const PlatformImportSuccessSchema = z.object({
  ok: z.literal(true),
  value: PlatformProfileSchema,
  warnings: z.array(ConfigIssueSchema),
});
export const PlatformImportResultSchema = z.discriminatedUnion('ok', [
  PlatformImportSuccessSchema,
  ImportFailureSchema,
]);
export type PlatformImportResult = z.infer<typeof PlatformImportResultSchema>;

/** Profiles that come with the app. The sandbox one is generated when the sandbox starts. */
export const ShippedProfileInfoSchema = z.object({
  name: z.enum(['sandbox', 'production']),
  origin: z.enum(['generated-at-run-time', 'bundled-template']),
  description: LocalizedTextSchema,
});
export type ShippedProfileInfo = z.infer<typeof ShippedProfileInfoSchema>;
