import { z } from 'zod';
import { CheckResultSchema } from '../checklist/check-result';
import { ReportSectionSchema } from './sections';
import { FirstSeenSchema, SymptomCategorySchema, SymptomFrequencySchema } from './symptom-form';

/**
 * The problem report of protocol §5, version 1: what is POSTed to the support intake and stored as the
 * bundle's report.json. Field names are the protocol's (snake_case). A new version gets a new literal and
 * a new schema beside this one; readers pick by `schema_version`, so v1 stays exact (strict).
 *
 * Regenerate shared/report/report.schema.json after changing this file:
 * `UPDATE_REPORT_SCHEMA=1 npx vitest run --project unit test/unit/report/json-schema.test.ts`.
 */
export const REPORT_SCHEMA_VERSION = 1;

export const ReportAppSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    os: z.string(),
    arch: z.string(),
    locale: z.string(),
  })
  .strict();
export type ReportApp = z.infer<typeof ReportAppSchema>;

export const ReportSymptomSchema = z
  .object({
    category: SymptomCategorySchema,
    /** The merchant's own words. */
    description: z.string(),
    first_seen: FirstSeenSchema.nullable(),
    frequency: SymptomFrequencySchema.nullable(),
    /** Bundle paths of the pictures the merchant attached (screenshots/merchant-N.png|jpg). */
    screenshots: z.array(z.string()),
  })
  .strict();
export type ReportSymptom = z.infer<typeof ReportSymptomSchema>;

export const ReportContactSchema = z
  .object({
    name: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    wechat: z.string().optional(),
    preferred_time: z.string().optional(),
  })
  .strict();
export type ReportContact = z.infer<typeof ReportContactSchema>;

export const ReportTimingsSchema = z
  .object({
    started_at: z.string().optional(),
    finished_at: z.string().optional(),
    cancelled: z.boolean().optional(),
    /** Per probed target: attempts, error rate and per-phase percentiles (shared/probe ProbeSeriesSummary). */
    probes: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .strict();
export type ReportTimings = z.infer<typeof ReportTimingsSchema>;

export const ReportSchema = z
  .object({
    report_id: z.uuid(),
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    created_at: z.iso.datetime({ offset: true }),
    merchant_no: z.string().regex(/^\d{8,20}$/),
    app: ReportAppSchema,
    symptom: ReportSymptomSchema,
    /** The checklist's results (shared/checklist CheckResult), as they were when the report was made. */
    checks: z.array(CheckResultSchema),
    /** The simulated redirect (shared/simulation), pictures moved out to screenshots/; null when none ran or withheld. */
    simulation: z.record(z.string(), z.unknown()).nullable(),
    timings: ReportTimingsSchema,
    environment: z.record(z.string(), z.unknown()),
    contact: ReportContactSchema.nullable(),
    /** Sections the merchant chose not to send: support staff then know an empty field was withheld, not missing. */
    withheld: z.array(ReportSectionSchema),
  })
  .strict();
export type Report = z.infer<typeof ReportSchema>;
