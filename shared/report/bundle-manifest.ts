import { z } from 'zod';
import { ReportSectionSchema } from './sections';

/** The bundle's manifest.json (protocol §6). Everything a reader checks members against. */
export const BUNDLE_FORMAT = 'baitiao-diagnostic-bundle';
export const BUNDLE_VERSION = 1;

/**
 * Member paths a bundle may hold: relative, forward slashes, no dot segments, printable ASCII. Our writer
 * only makes these, so a reader can refuse anything else outright.
 */
export const MEMBER_PATH_PATTERN =
  /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export const ManifestFileSchema = z
  .object({
    path: z.string().regex(MEMBER_PATH_PATTERN).max(200),
    bytes: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    media_type: z.string().min(1).max(100),
  })
  .strict();
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    created_at: z.iso.datetime({ offset: true }),
    app: z.object({ name: z.string(), version: z.string() }).loose(),
    /** The report inside, so a bundle can be matched to its ticket without opening report.json. */
    report_id: z.uuid(),
    files: z.array(ManifestFileSchema).max(1000),
    redaction: z
      .object({
        /** How many values each rule replaced across every member. */
        rules: z.record(z.string(), z.number().int().min(0)),
      })
      .strict(),
    /** Sections the merchant left out (their members are absent and their report fields empty). */
    withheld: z.array(ReportSectionSchema),
  })
  .strict();
export type BundleManifest = z.infer<typeof ManifestSchema>;
