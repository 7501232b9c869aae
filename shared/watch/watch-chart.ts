import { z } from 'zod';
import { SampleOutcomeSchema, WatchSampleKindSchema, WatchTargetSchema } from './watch-sample';
import { WatchIncidentSchema } from './watch-incident';

/**
 * The query API of the watch-history charts (success rate and timings over time, by day or by hour, with
 * the failures marked and each one's outcome code). Times are epoch milliseconds; buckets are aligned to
 * the viewer's UTC offset, so a "day" is the shop owner's day (GMT+8 in China, which has no DST).
 */

export const WatchGranularitySchema = z.enum(['hour', 'day']);
export type WatchGranularity = z.infer<typeof WatchGranularitySchema>;

/** Limits that keep one answer small enough for IPC and a chart. */
export const MAX_CHART_POINTS = 50_000;
export const MAX_CHART_FAILURES = 5_000;

const Epoch = z.number().int().min(0);
const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });
export type WatchPercentiles = z.infer<typeof Percentiles>;
const Failures = z.partialRecord(SampleOutcomeSchema, z.number().int().min(1));

export const WatchChartRequestSchema = z
  .object({
    from: Epoch,
    to: Epoch,
    granularity: WatchGranularitySchema,
    /** Minutes east of UTC, as -new Date().getTimezoneOffset() gives it: 480 for China. */
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60),
    /** Also return every sample in the range (for a day or a week; capped at MAX_CHART_POINTS). */
    points: z.boolean().default(false),
  })
  .refine((r) => r.to > r.from, { message: 'to must be after from' });
export type WatchChartRequest = z.infer<typeof WatchChartRequestSchema>;
export type WatchChartRequestInput = z.input<typeof WatchChartRequestSchema>;

export const WatchProbeStatsSchema = z.object({
  samples: z.number().int().min(1),
  ok: z.number().int().min(0),
  /** ok / samples. */
  successRate: z.number().min(0).max(1),
  /** Nearest-rank percentiles of each host's total time, over the passing samples (failures are counted, not timed). */
  gateway: Percentiles,
  cashier: Percentiles,
  failures: Failures,
});
export type WatchProbeStats = z.infer<typeof WatchProbeStatsSchema>;

export const WatchSimulationStatsSchema = z.object({
  samples: z.number().int().min(1),
  ok: z.number().int().min(0),
  successRate: z.number().min(0).max(1),
  /** Over the runs that reached the cashier's ready state. */
  timeToReady: Percentiles,
  failures: Failures,
});
export type WatchSimulationStats = z.infer<typeof WatchSimulationStatsSchema>;

/** One hour or one day; a kind is null when it has no sample there (a gap, not a 0 % success rate). */
export const WatchBucketSchema = z.object({
  start: Epoch,
  end: Epoch,
  probe: WatchProbeStatsSchema.nullable(),
  simulation: WatchSimulationStatsSchema.nullable(),
});
export type WatchBucket = z.infer<typeof WatchBucketSchema>;

/** One sample, flattened for a line chart. */
export const WatchPointSchema = z.object({
  at: Epoch,
  kind: WatchSampleKindSchema,
  ok: z.boolean(),
  outcome: SampleOutcomeSchema,
  gatewayMs: z.number().nullable(),
  cashierMs: z.number().nullable(),
  timeToReadyMs: z.number().nullable(),
});
export type WatchPoint = z.infer<typeof WatchPointSchema>;

/** A failed sample, for a marker on the chart with its outcome code. */
export const WatchFailureMarkSchema = z.object({
  at: Epoch,
  kind: WatchSampleKindSchema,
  outcome: SampleOutcomeSchema,
  target: WatchTargetSchema.nullable(),
});
export type WatchFailureMark = z.infer<typeof WatchFailureMarkSchema>;

export const WatchChartDataSchema = z.object({
  storeId: z.string(),
  from: Epoch,
  to: Epoch,
  granularity: WatchGranularitySchema,
  utcOffsetMinutes: z.number().int(),
  /** Only buckets that have samples, in time order. */
  buckets: z.array(WatchBucketSchema),
  points: z.array(WatchPointSchema).nullable(),
  /** More samples than MAX_CHART_POINTS: the most recent ones are returned. */
  pointsTruncated: z.boolean(),
  /** The most recent failures in the range (at most MAX_CHART_FAILURES), oldest first. */
  failures: z.array(WatchFailureMarkSchema),
  failuresTruncated: z.boolean(),
  /** Incidents overlapping the range. */
  incidents: z.array(WatchIncidentSchema),
});
export type WatchChartData = z.infer<typeof WatchChartDataSchema>;
