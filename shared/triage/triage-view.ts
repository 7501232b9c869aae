import { z } from 'zod';
import { ResponsibleSideSchema } from '../diagnosis/verdict';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { OutcomeCodeSchema } from '../protocol/outcome-codes';

/**
 * Triage of a folder of bundles (issue 18): what `baitiao-doctor triage --json` prints and what support
 * mode's 「打开文件夹」 shows. Field names are snake_case because the JSON is a published interface.
 */

/** An outcome code, or null when the bundle carries no simulated redirect (withheld or none ran). */
export const TriageOutcomeSchema = OutcomeCodeSchema.nullable();

export const TriageGroupSchema = z.object({
  outcome: TriageOutcomeSchema,
  side: ResponsibleSideSchema,
  /** Bundles (the same bundle at two paths counts once). */
  count: z.number().int().min(0),
  /** Distinct merchant numbers. */
  merchants: z.number().int().min(0),
  first_seen: z.string(),
  last_seen: z.string(),
});
export type TriageGroup = z.infer<typeof TriageGroupSchema>;

export const TriageIncidentSchema = z.object({
  outcome: OutcomeCodeSchema,
  side: ResponsibleSideSchema,
  /** Distinct merchants whose diagnoses fall in [from, to]. */
  merchants: z.number().int().min(1),
  from: z.string(),
  to: z.string(),
});
export type TriageIncident = z.infer<typeof TriageIncidentSchema>;

export const TriageRefusedSchema = z.object({ file: z.string(), code: z.string() });

/** Exactly the `--json` output. */
export const TriageSummarySchema = z.object({
  bundles: z.number().int().min(0),
  refused: z.array(TriageRefusedSchema),
  groups: z.array(TriageGroupSchema),
  incidents: z.array(TriageIncidentSchema),
});
export type TriageSummary = z.infer<typeof TriageSummarySchema>;

/** The incident rule's two numbers (README, "Triage"). */
export const IncidentRuleSchema = z.object({
  minMerchants: z.number().int().min(1),
  windowMinutes: z.number().min(0),
});
export type IncidentRule = z.infer<typeof IncidentRuleSchema>;
export const DEFAULT_INCIDENT_RULE: IncidentRule = { minMerchants: 5, windowMinutes: 30 };

/** One verified bundle as the triage table shows it; `id` is a handle main issued, never a path. */
export const TriageRowSchema = z.object({
  id: z.string(),
  /** Where it is, relative to the folder opened. */
  file: z.string(),
  merchant_no: z.string(),
  outcome: TriageOutcomeSchema,
  side: ResponsibleSideSchema,
  diagnosed_at: z.string(),
  report_id: z.string(),
});
export type TriageRow = z.infer<typeof TriageRowSchema>;

/**
 * Rows that come with a view: the top of the table's first page. The rest of the newest 1,000 (rowsMore)
 * follow with triage.rows once that is on the screen: sending and drawing 1,000 rows first made the
 * table's first paint three times slower than the 300 ms goal (issue 18), and drawing 20 rows instead of a
 * whole page of 50 took about a quarter off what remained in the renderer (antd's table is the costly part).
 * 20 fill the window above the fold; the page's other rows are below it.
 */
export const TRIAGE_FIRST_ROWS = 20;

/** What the app's triage screen receives: the summary, the rows and, per refused file, why in words. */
export const TriageViewSchema = z.object({
  /** Which view this is, for triage.rows: a later open or refresh makes a new one. */
  serial: z.number().int().min(1),
  folder: z.string(),
  summary: TriageSummarySchema,
  rule: IncidentRuleSchema,
  /** The newest first; at most TRIAGE_FIRST_ROWS until the rest is asked for. */
  rows: z.array(TriageRowSchema),
  /** Rows main holds for this view beyond `rows`, sent by triage.rows. */
  rowsMore: z.number().int().min(0),
  /** Rows not sent at all (the table shows the newest 1,000); the summary still counts them. */
  rowsLeftOut: z.number().int().min(0),
  refusedWhy: z.array(z.object({ file: z.string(), code: z.string(), message: LocalizedTextSchema })),
  /** Files verified this time; the rest came unchanged from the index. */
  verifiedNow: z.number().int().min(0),
  /**
   * false: read straight from the index of an earlier run (shown at once); the folder is being looked
   * through for new or changed files, and a fresh view follows (triage.refresh).
   */
  fresh: z.boolean(),
});
export type TriageView = z.infer<typeof TriageViewSchema>;

/** triage.rows: the rest of a view's rows, or nothing when a later view replaced it meanwhile. */
export const TriageRowsResultSchema = z.discriminatedUnion('current', [
  z.object({ current: z.literal(true), rows: z.array(TriageRowSchema) }),
  z.object({ current: z.literal(false) }),
]);
export type TriageRowsResult = z.infer<typeof TriageRowsResultSchema>;

export const TriageOpenResultSchema = z.discriminatedUnion('picked', [
  z.object({ picked: z.literal(false) }),
  z.object({ picked: z.literal(true), view: TriageViewSchema }),
]);
export type TriageOpenResult = z.infer<typeof TriageOpenResultSchema>;

/** 「保存 HAR」: saved where, or why not (cancelled in the dialog, the bundle changed, no HAR in it). */
export const SaveHarResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), path: z.string(), bytes: z.number().int().min(0) }),
  z.object({
    saved: z.literal(false),
    reason: z.enum(['cancelled', 'not-open', 'not-verified', 'no-har', 'no-dialog']),
  }),
]);
export type SaveHarResult = z.infer<typeof SaveHarResultSchema>;
