import { z } from 'zod';
import { CheckResultSchema } from '../checklist/check-result';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { ManifestSchema } from './bundle-manifest';
import { ReportSchema } from './report-schema';
import { ReportSectionSchema } from './sections';

/** Why a bundle was refused: one code per kind, and a message support staff can read in either language. */
export const BUNDLE_PROBLEM_CODES = [
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'NOT_A_ZIP',
  'TOO_MANY_ENTRIES',
  'UNSAFE_PATH',
  'SYMLINK',
  'DUPLICATE_ENTRY',
  'ENCRYPTED_ENTRY',
  'UNSUPPORTED_COMPRESSION',
  'ENTRY_TOO_LARGE',
  'TOTAL_TOO_LARGE',
  'RATIO_TOO_HIGH',
  'CORRUPT_ENTRY',
  'MANIFEST_MISSING',
  'MANIFEST_INVALID',
  'MEMBER_MISSING',
  'MEMBER_NOT_IN_MANIFEST',
  'SIZE_MISMATCH',
  'HASH_MISMATCH',
  'REPORT_MISSING',
  'REPORT_INVALID',
  'NAME_COLLISION',
  'DIRECTORY_WITH_DATA',
  'LOCAL_NAME_MISMATCH',
  'NESTING_TOO_DEEP',
] as const;
export const BundleProblemCodeSchema = z.enum(BUNDLE_PROBLEM_CODES);
export type BundleProblemCode = z.infer<typeof BundleProblemCodeSchema>;

export const BundleProblemSchema = z.object({
  code: BundleProblemCodeSchema,
  message: LocalizedTextSchema,
  /** The member concerned, as the zip names it (control characters escaped), when there is one. */
  path: z.string().nullable(),
});
export type BundleProblem = z.infer<typeof BundleProblemSchema>;

/** One request of network.har, laid out for a waterfall (times in ms from the first request). */
export const WaterfallRowSchema = z.object({
  page: z.string().nullable(),
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  startMs: z.number(),
  totalMs: z.number(),
  timings: z.object({
    blocked: z.number(),
    dns: z.number(),
    connect: z.number(),
    ssl: z.number(),
    send: z.number(),
    wait: z.number(),
    receive: z.number(),
  }),
  error: z.string().nullable(),
  /** The simulated payment chain (entries the simulation recorded) or a network probe. */
  chain: z.enum(['payment', 'probe']),
  statusText: z.string(),
  httpVersion: z.string(),
  /** As the HAR has them (already redacted when the bundle was made), capped per side. */
  requestHeaders: z.array(z.object({ name: z.string(), value: z.string() })),
  responseHeaders: z.array(z.object({ name: z.string(), value: z.string() })),
  /** The HAR's page title this request belongs to (a probe's target and round), if any. */
  pageTitle: z.string().nullable(),
});
export type WaterfallRow = z.infer<typeof WaterfallRowSchema>;

/** What "Open bundle" shows once a bundle verified: its report, checks, waterfall and pictures. */
export const OpenedBundleSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  manifest: ManifestSchema,
  report: ReportSchema,
  checks: z.array(CheckResultSchema),
  waterfall: z.object({ rows: z.array(WaterfallRowSchema), truncated: z.boolean(), available: z.boolean() }),
  screenshots: z.array(z.object({ path: z.string(), mediaType: z.string(), base64: z.string() })),
  logs: z.array(z.object({ path: z.string(), text: z.string(), truncated: z.boolean() })),
});
export type OpenedBundle = z.infer<typeof OpenedBundleSchema>;

export const BundleOpenResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), bundle: OpenedBundleSchema }),
  z.object({ ok: z.literal(false), problems: z.array(BundleProblemSchema).min(1) }),
]);
export type BundleOpenResult = z.infer<typeof BundleOpenResultSchema>;

/** One member of a preview, as the consent screen shows it: text members as text, pictures as base64. */
export const PreviewPartSchema = z.object({
  path: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** Exactly the bytes that will be written, decoded as UTF-8 (cut at the view's limit). */
  text: z.string().nullable(),
  base64: z.string().nullable(),
  truncated: z.boolean(),
});
export type PreviewPart = z.infer<typeof PreviewPartSchema>;

export const SectionPreviewSchema = z.object({
  section: ReportSectionSchema,
  included: z.boolean(),
  excludable: z.boolean(),
  /** What of report.json belongs to this section, as it will be sent (pretty JSON), or null. */
  reportFragment: z.string().nullable(),
  parts: z.array(PreviewPartSchema),
  /** Replacements made in this section's data, by rule. */
  redactions: z.record(z.string(), z.number().int()),
});
export type SectionPreview = z.infer<typeof SectionPreviewSchema>;

export const BundlePreviewViewSchema = z.object({
  reportId: z.string(),
  totalBytes: z.number().int(),
  sections: z.array(SectionPreviewSchema),
  manifest: ManifestSchema,
});
export type BundlePreviewView = z.infer<typeof BundlePreviewViewSchema>;
