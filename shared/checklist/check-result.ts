import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';

export const CHECK_GROUPS = ['cfg', 'key', 'platform', 'net', 'tls', 'page', 'risk', 'local'] as const;
export const CheckGroupSchema = z.enum(CHECK_GROUPS);
export type CheckGroup = z.infer<typeof CheckGroupSchema>;

export const CheckStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip', 'error']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

/** One check's answer: what reports, bundles, the CLI and the checklist screen all carry. */
export const CheckResultSchema = z.object({
  id: z.string(),
  group: CheckGroupSchema,
  status: CheckStatusSchema,
  title: LocalizedTextSchema,
  /** One sentence: what was found. */
  summary: LocalizedTextSchema,
  /** What a shop owner can do; present on warn and fail (and on skip, why it was skipped). */
  remediation: LocalizedTextSchema.nullable(),
  /** Structured facts behind the verdict, for support staff (never secrets). */
  evidence: z.record(z.string(), z.unknown()),
  durationMs: z.number().min(0),
  startedAt: z.string(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const ChecklistRunSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  cancelled: z.boolean(),
  results: z.array(CheckResultSchema),
  counts: z.record(CheckStatusSchema, z.number().int()),
});
export type ChecklistRun = z.infer<typeof ChecklistRunSchema>;
