import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { OutcomeCodeSchema } from '../protocol/outcome-codes';

export const ResponsibleSideSchema = z.enum(['store', 'platform', 'merchant-machine', 'none']);

/**
 * The one thing a shop owner reads after a diagnosis: a verdict, whose side it is on, and the first
 * thing to do. Everything else (checks, hops, timings) is detail behind it.
 */
export const DiagnosisVerdictSchema = z.object({
  status: z.enum(['ok', 'warning', 'problem']),
  side: ResponsibleSideSchema,
  /** Why it is that side's to fix, from the same table row as firstAction (they never contradict). */
  sideNote: LocalizedTextSchema,
  headline: LocalizedTextSchema,
  firstAction: LocalizedTextSchema,
  /** What the verdict rests on: the simulation's outcome, a check, or nothing (all clear). */
  cause: z.union([
    z.object({ kind: z.literal('outcome'), code: OutcomeCodeSchema }),
    z.object({ kind: z.literal('check'), id: z.string() }),
    z.null(),
  ]),
  /** The check whose remediation is the first action, when one explains the outcome more precisely. */
  supportingCheck: z.string().nullable(),
});
export type DiagnosisVerdict = z.infer<typeof DiagnosisVerdictSchema>;
