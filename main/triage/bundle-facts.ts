import { createHash } from 'node:crypto';
import { CheckResultSchema, type CheckGroup, type CheckStatus } from '../../shared/checklist/check-result';
import type { ResponsibleSide } from '../../shared/simulation/outcome-explanations';
import { OutcomeCodeSchema, type OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { BundleManifest } from '../../shared/report/bundle-manifest';
import type { Report } from '../../shared/report/report-schema';
import { diagnosisVerdict } from '../diagnosis/verdict';

/** One check of a bundle, as the index keeps it. */
export interface FactCheck {
  id: string;
  group: CheckGroup;
  status: CheckStatus;
}

/** One hop of the simulated redirect (its first run), as the index keeps it. */
export interface FactHop {
  leg: string;
  position: number;
  method: string;
  url: string;
  status: number | null;
  durationMs: number | null;
  error: string | null;
}

/** What triage keeps of a verified bundle: small, so 10,000 of them never add up in memory. */
export interface BundleFacts {
  reportId: string;
  /** SHA-256 of the validated manifest (it lists every member's hash): the bundle's identity. */
  manifestSha256: string;
  merchantNo: string;
  createdAt: string;
  /** When the diagnosis ran (the simulated redirect's start, else the timings', else the report's). */
  diagnosedMs: number;
  outcome: OutcomeCode | null;
  side: ResponsibleSide;
  verdictStatus: 'ok' | 'warning' | 'problem';
  symptom: string;
  appVersion: string;
  checks: FactCheck[];
  hops: FactHop[];
}

const rec = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const time = (value: unknown): number | null => {
  const s = str(value);
  const ms = s === null ? NaN : Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
};

/** The simulated runs a report carries: a series' runs, or one result. Read leniently: it was cut to fit. */
function simulationRuns(report: Report): Record<string, unknown>[] {
  const simulation = rec(report.simulation);
  if (simulation.kind === 'simulation-series' && Array.isArray(simulation.runs))
    return simulation.runs.map(rec);
  return simulation.kind === 'simulation' ? [simulation] : [];
}

/** The outcome the merchant's diagnosis named; the simulation's own runs when the summary is absent. */
function outcomeOf(report: Report, runs: Record<string, unknown>[]): OutcomeCode | null {
  const recorded = OutcomeCodeSchema.safeParse(rec(rec(report.environment).diagnosis).outcome);
  if (recorded.success) return recorded.data;
  const failed = runs.map((r) => OutcomeCodeSchema.safeParse(r.outcome)).find((r) => r.success);
  return failed?.success ? failed.data : null;
}

/**
 * A verified bundle's facts for the triage index. The side is recomputed with the app's own verdict rule
 * from the checks and the outcome (never read from the bundle's text), so every bundle is judged alike.
 */
export function bundleFacts(manifest: BundleManifest, report: Report): BundleFacts {
  const runs = simulationRuns(report);
  const outcome = outcomeOf(report, runs);
  const checks = report.checks.filter((c) => CheckResultSchema.safeParse(c).success);
  const verdict = diagnosisVerdict(checks, outcome);
  const first = runs[0] ?? {};
  const diagnosedMs =
    time(first.startedAt) ?? time(report.timings.started_at) ?? Date.parse(report.created_at);
  const hops = (Array.isArray(first.hops) ? first.hops : []).slice(0, 50).map((raw): FactHop => {
    const hop = rec(raw);
    return {
      leg: str(hop.leg) ?? '',
      position: num(hop.position) ?? 0,
      method: str(hop.method) ?? '',
      url: (str(hop.url) ?? '').slice(0, 2048),
      status: num(hop.status),
      durationMs: num(hop.durationMs),
      error: str(hop.error),
    };
  });
  return {
    reportId: report.report_id,
    manifestSha256: createHash('sha256').update(JSON.stringify(manifest)).digest('hex'),
    merchantNo: report.merchant_no,
    createdAt: report.created_at,
    diagnosedMs,
    outcome,
    side: verdict.side,
    verdictStatus: verdict.status,
    symptom: report.symptom.category,
    appVersion: report.app.version,
    checks: checks.map((c) => ({ id: c.id, group: c.group, status: c.status })),
    hops,
  };
}
