import { z } from 'zod';
import { OutcomeCodeSchema, type OutcomeCode } from '../protocol/outcome-codes';
import { ProbeFailureKindSchema } from '../probe/probe-result';

/**
 * One watch sample: what a periodic check of the payment path saw. Times are epoch milliseconds (UTC):
 * compact over IPC for a year of points, and what SQLite indexes. Durations are milliseconds.
 */

export const WATCH_SAMPLE_KINDS = ['probe', 'simulation'] as const;
export const WatchSampleKindSchema = z.enum(WATCH_SAMPLE_KINDS);
export type WatchSampleKind = z.infer<typeof WatchSampleKindSchema>;

/**
 * A probe's own verdicts beside the probe failure kinds: `ok`, and `server-error` for a host that
 * answered with HTTP 5xx (the gateway's health URL says 503 when the platform is DOWN). A probe does not
 * read bodies, so a 200 "DEGRADED" health is ok here; the simulation catches what that means for buyers.
 */
export const PROBE_VERDICTS = ['ok', 'server-error'] as const;
export const ProbeSampleOutcomeSchema = z.union([z.enum(PROBE_VERDICTS), ProbeFailureKindSchema]);
export type ProbeSampleOutcome = z.infer<typeof ProbeSampleOutcomeSchema>;

/** Probe samples carry a probe verdict, simulation samples a §7 outcome code. */
export const SampleOutcomeSchema = z.union([OutcomeCodeSchema, ProbeSampleOutcomeSchema]);
export type SampleOutcome = z.infer<typeof SampleOutcomeSchema>;

/** Which check of the sample failed first: a probed host, or the simulated redirect itself. */
export const WatchTargetSchema = z.enum(['gateway', 'cashier', 'redirect']);
export type WatchTarget = z.infer<typeof WatchTargetSchema>;

const Ms = z.number().min(0);

/** One probed host's phases, curl -w style (first hop); null where the phase did not happen or was not reached. */
export const TargetTimingsSchema = z.object({
  dns: Ms.nullable(),
  connect: Ms.nullable(),
  tls: Ms.nullable(),
  /** Request sent → first byte of the answer. */
  wait: Ms.nullable(),
  /** The whole request, redirects included, to the end or to the failure. */
  total: Ms,
});
export type TargetTimings = z.infer<typeof TargetTimingsSchema>;

export const WatchSampleSchema = z
  .object({
    /** When the sample started. */
    at: z.number().int().min(0),
    kind: WatchSampleKindSchema,
    ok: z.boolean(),
    outcome: SampleOutcomeSchema,
    /** null when ok. */
    target: WatchTargetSchema.nullable(),
    /** The failing host's HTTP status, when it answered at all. */
    httpStatus: z.number().int().nullable(),
    /** Probe samples: the gateway health URL and the cashier origin. */
    gateway: TargetTimingsSchema.nullable(),
    cashier: TargetTimingsSchema.nullable(),
    /** Simulation samples: prepay start to the cashier's ready state; null when it never got there. */
    timeToReadyMs: Ms.nullable(),
    /** Wall time the sample took. */
    durationMs: Ms,
    /** For support staff, in English, sanitized: what exactly failed. */
    error: z.string().max(500).nullable(),
  })
  .refine(
    (s) =>
      s.kind === 'probe'
        ? ProbeSampleOutcomeSchema.safeParse(s.outcome).success
        : OutcomeCodeSchema.safeParse(s.outcome).success,
    { message: 'a probe sample carries a probe verdict, a simulation sample a §7 outcome code' },
  )
  .refine((s) => s.ok === (s.outcome === 'ok' || s.outcome === 'REDIRECT_OK'), {
    message: 'ok must agree with the outcome',
  });
export type WatchSample = z.infer<typeof WatchSampleSchema>;

export const isOkOutcome = (outcome: SampleOutcome): boolean => outcome === 'ok' || outcome === 'REDIRECT_OK';

export const isOutcomeCode = (outcome: SampleOutcome): outcome is OutcomeCode =>
  OutcomeCodeSchema.safeParse(outcome).success;
