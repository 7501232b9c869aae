import { z } from 'zod';

/**
 * The support intake's own check of a report (§5 "a report has at least"): deliberately minimal and loose.
 * The platform only refuses what it cannot file; everything else the app sends is kept as it came.
 */
export const IntakeReportSchema = z
  .object({
    report_id: z.uuid(),
    schema_version: z.union([z.string().min(1), z.number()]),
    created_at: z.iso.datetime({ offset: true }),
    merchant_no: z.string().regex(/^\d{8,20}$/),
    app: z
      .object({ name: z.string(), version: z.string(), os: z.string(), arch: z.string(), locale: z.string() })
      .loose(),
    symptom: z
      .object({
        category: z.enum(['PAGE_NOT_LOADING', 'PAYMENT_FAILED_MESSAGE', 'BLANK_OR_GARBLED_PAGE', 'OTHER']),
        description: z.string(),
        first_seen: z.string().nullable(),
        frequency: z.string().nullable(),
      })
      .loose(),
    checks: z.array(z.unknown()),
    simulation: z.record(z.string(), z.unknown()).nullable(),
    timings: z.record(z.string(), z.unknown()),
    environment: z.record(z.string(), z.unknown()),
    contact: z.record(z.string(), z.unknown()).nullable(),
  })
  .loose();
