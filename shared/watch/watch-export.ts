import { z } from 'zod';
import {
  SampleOutcomeSchema,
  WatchSampleKindSchema,
  WatchTargetSchema,
  TargetTimingsSchema,
} from './watch-sample';
import { WatchBucketSchema } from './watch-chart';

/**
 * The watch history around a time the merchant chose, as a report or diagnostic bundle attaches it
 * (bundle member suggestion: `watch-history.json`). Times are ISO 8601 UTC here, not epoch numbers: the
 * document is read by support staff. Nothing secret is in it: no URLs with tokens, no keys.
 */
export const WATCH_EXPORT_FORMAT = 'baitiao-watch-history';
export const MAX_EXPORT_SAMPLES = 2_000;

const Iso = z.iso.datetime({ offset: true });

export const WatchExportSampleSchema = z.object({
  at: Iso,
  kind: WatchSampleKindSchema,
  ok: z.boolean(),
  outcome: SampleOutcomeSchema,
  target: WatchTargetSchema.nullable(),
  httpStatus: z.number().int().nullable(),
  gateway: TargetTimingsSchema.nullable(),
  cashier: TargetTimingsSchema.nullable(),
  timeToReadyMs: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});
export type WatchExportSample = z.infer<typeof WatchExportSampleSchema>;

const KindSummary = z.object({
  samples: z.number().int().min(0),
  ok: z.number().int().min(0),
  successRate: z.number().min(0).max(1).nullable(),
});

export const WatchExportSchema = z.object({
  format: z.literal(WATCH_EXPORT_FORMAT),
  version: z.literal(1),
  storeId: z.string(),
  createdAt: Iso,
  window: z.object({ from: Iso, to: Iso }),
  /** The watch settings in force when exported (null when unknown, e.g. a CLI history file). */
  settings: z
    .object({ intervalSeconds: z.number().int(), simulationEverySamples: z.number().int() })
    .nullable(),
  summary: z.object({
    probe: KindSummary,
    simulation: KindSummary,
    /** Failing samples by outcome code. */
    failures: z.partialRecord(SampleOutcomeSchema, z.number().int().min(1)),
  }),
  incidents: z.array(
    z.object({
      id: z.number().int(),
      openedAt: Iso,
      closedAt: Iso.nullable(),
      firstOutcome: SampleOutcomeSchema,
      lastOutcome: SampleOutcomeSchema,
      failedSamples: z.number().int(),
      outcomes: z.partialRecord(SampleOutcomeSchema, z.number().int().min(1)),
    }),
  ),
  /** Hourly aggregates over the window, aligned to UTC hours (epoch ms, as the chart API gives them). */
  hourly: z.array(WatchBucketSchema),
  /** Every sample in the window, oldest first, unless there were more than MAX_EXPORT_SAMPLES (see truncated). */
  samples: z.array(WatchExportSampleSchema),
  /** Set when samples were thinned: every failure is kept first, then evenly spaced ok samples. */
  truncated: z.object({ total: z.number().int(), kept: z.number().int() }).nullable(),
});
export type WatchExport = z.infer<typeof WatchExportSchema>;
