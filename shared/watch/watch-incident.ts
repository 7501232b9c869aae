import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { SampleOutcomeSchema, WatchSampleKindSchema } from './watch-sample';

/**
 * An incident: the payment path failing from the first failing sample until it has been seen working
 * again. `closedAt` is when it worked again (the first ok sample of the confirming run), not when the
 * recovery was confirmed, so charts and reports show the real outage.
 */
export const WatchIncidentSchema = z.object({
  id: z.number().int().min(1),
  storeId: z.string(),
  openedAt: z.number().int().min(0),
  closedAt: z.number().int().min(0).nullable(),
  /** The outcome that opened it, and the most recent failing one. */
  firstOutcome: SampleOutcomeSchema,
  lastOutcome: SampleOutcomeSchema,
  failedSamples: z.number().int().min(0),
  /** Failing samples by outcome. */
  outcomes: z.partialRecord(SampleOutcomeSchema, z.number().int().min(1)),
});
export type WatchIncident = z.infer<typeof WatchIncidentSchema>;

export const WatchAlertTypeSchema = z.enum(['failing', 'recovered']);
export type WatchAlertType = z.infer<typeof WatchAlertTypeSchema>;

/** At most one of each per incident. The Electron adapter shows it as a desktop notification; the CLI prints it. */
export const WatchAlertSchema = z.object({
  type: WatchAlertTypeSchema,
  storeId: z.string(),
  incidentId: z.number().int().min(1),
  /** The sample that decided it. */
  at: z.number().int().min(0),
  kind: WatchSampleKindSchema,
  /** failing: what failed; recovered: the last failure before it worked again. */
  outcome: SampleOutcomeSchema,
  incident: WatchIncidentSchema,
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
});
export type WatchAlert = z.infer<typeof WatchAlertSchema>;
