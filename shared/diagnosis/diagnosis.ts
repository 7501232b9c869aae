import { z } from 'zod';
import { ChecklistRunSchema } from '../checklist/check-result';
import { ProbeRunSchema } from '../probe/probe-result';
import { OutcomeCodeSchema } from '../protocol/outcome-codes';
import {
  DeviceOutcomeSchema,
  SimulationSeriesSchema,
  SimulationUnavailableSchema,
} from '../simulation/simulation-result';
import { DiagnosisVerdictSchema } from './verdict';

export const DIAGNOSIS_STEPS = ['simulation', 'probes', 'checklist'] as const;
export const DiagnosisStepSchema = z.enum(DIAGNOSIS_STEPS);

/** One full diagnosis: the simulated redirect, the timings and the checklist, and the verdict on them. */
export const DiagnosisSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  verdict: DiagnosisVerdictSchema,
  /**
   * The simulated redirect's outcome: the first failing device's (phones first), REDIRECT_OK when every
   * device passed; null when no browser could run it.
   */
  outcome: OutcomeCodeSchema.nullable(),
  /** Every device's run (phones first): the device and network, its outcome, its time to ready. */
  simulation: z.union([SimulationSeriesSchema, SimulationUnavailableSchema]),
  /** One entry per simulated buyer, phones first (absent in diagnoses from before device profiles). */
  devices: z.array(DeviceOutcomeSchema).optional(),
  probes: ProbeRunSchema,
  checklist: ChecklistRunSchema,
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** What history keeps of a diagnosis: enough to compare runs, not the whole capture. */
export const DiagnosisSummarySchema = z.object({
  id: z.string(),
  storeId: z.string(),
  at: z.string(),
  status: DiagnosisVerdictSchema.shape.status,
  side: DiagnosisVerdictSchema.shape.side,
  headline: DiagnosisVerdictSchema.shape.headline,
  outcome: OutcomeCodeSchema.nullable(),
  checks: z.array(z.object({ id: z.string(), status: z.string() })),
});
export type DiagnosisSummary = z.infer<typeof DiagnosisSummarySchema>;

/** A run beside the last one that passed: what changed since things worked. */
export const DiagnosisComparisonSchema = z.object({
  current: DiagnosisSummarySchema,
  lastPassing: DiagnosisSummarySchema.nullable(),
  changes: z.array(z.object({ id: z.string(), before: z.string().nullable(), now: z.string().nullable() })),
});
export type DiagnosisComparison = z.infer<typeof DiagnosisComparisonSchema>;
