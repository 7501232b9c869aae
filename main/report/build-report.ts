import { randomUUID } from 'node:crypto';
import type { ChecklistRun, CheckResult } from '../../shared/checklist/check-result';
import type { ProbeRun } from '../../shared/probe/probe-result';
import {
  REPORT_SCHEMA_VERSION,
  ReportSchema,
  type Report,
  type ReportApp,
  type ReportContact,
  type ReportTimings,
} from '../../shared/report/report-schema';
import {
  ContactSchema,
  SymptomFormSchema,
  type Contact,
  type SymptomForm,
} from '../../shared/report/symptom-form';
import { APP_IDENTITY } from '../model/app-identity';
import { harFromProbes, type Har } from '../probe/har';
import { boundJson, jsonBytes, type JsonBounds } from './bound-json';
import { extractSimulationScreenshots, merchantScreenshots, type ScreenshotAttachment } from './screenshots';

/** A HAR log from elsewhere (the simulation's own), merged into network.har as it is. */
export interface HarLogLike {
  log: { pages?: readonly unknown[]; entries: readonly unknown[] };
}

export interface BuildReportInput {
  merchantNo: string;
  symptom: SymptomForm;
  checks?: ChecklistRun | null;
  /** The simulation result (shared/simulation), a series, or "unavailable": kept as a record. */
  simulation?: unknown;
  probes?: ProbeRun | null;
  /** More network logs for network.har (the simulated redirect's HAR). */
  har?: readonly HarLogLike[];
  app: ReportApp;
  environment: Record<string, unknown>;
  /** Only what the merchant chose to give; absent or null → the report's contact is null. */
  contact?: Contact | null;
  reportId?: string;
  now?: Date;
}

/** The report and what travels beside it in the bundle. Nothing here is redacted yet: the bundle does that. */
export interface ReportDraft {
  report: Report;
  screenshots: ScreenshotAttachment[];
  har: Har | null;
}

/** The intake takes report bodies up to 1 MiB; the report is fitted well inside that before redaction. */
export const REPORT_MAX_BYTES = 1024 * 1024;
const REPORT_BUDGET_BYTES = 900 * 1024;

/** Successively tighter limits for the free-form parts, tried until the report fits its budget. */
const BOUNDS: readonly JsonBounds[] = [
  { maxArrayItems: 500, maxStringChars: 16_384, maxDepth: 24 },
  { maxArrayItems: 100, maxStringChars: 4_096, maxDepth: 16 },
  { maxArrayItems: 20, maxStringChars: 1_024, maxDepth: 12 },
  { maxArrayItems: 5, maxStringChars: 256, maxDepth: 8 },
];

export class ReportTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the report is ${bytes} bytes even with its free-form parts cut down (limit ${REPORT_MAX_BYTES})`);
  }
}

function contactFrom(contact: Contact | null | undefined): ReportContact | null {
  if (!contact) return null;
  const c = ContactSchema.parse(contact);
  const entries = Object.entries({
    name: c.name,
    phone: c.phone,
    email: c.email,
    wechat: c.wechat,
    preferred_time: c.preferredTime,
  }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim().length > 0);
  return entries.length
    ? (Object.fromEntries(entries.map(([k, v]) => [k, v.trim()])) as ReportContact)
    : null;
}

function timingsFrom(probes: ProbeRun | null | undefined): ReportTimings {
  if (!probes) return {};
  return {
    started_at: probes.startedAt,
    finished_at: probes.finishedAt,
    cancelled: probes.cancelled,
    probes: probes.summaries as unknown as Record<string, unknown>[],
  };
}

function mergeHar(probes: ProbeRun | null | undefined, extra: readonly HarLogLike[]): Har | null {
  const creator = { name: APP_IDENTITY.name, version: APP_IDENTITY.version };
  const base = probes ? harFromProbes(probes.results, creator) : null;
  if (!base && extra.length === 0) return null;
  const har: Har = base ?? { log: { version: '1.2', creator, pages: [], entries: [] } };
  for (const other of extra) {
    har.log.pages.push(...((other.log.pages ?? []) as Har['log']['pages']));
    har.log.entries.push(...(other.log.entries as Har['log']['entries']));
  }
  return har;
}

/**
 * Gathers the §5 report from what the app found: the symptom form, the checklist, the simulation and the
 * probes. Free-form parts (simulation, check evidence) are cut down until the report fits the intake's
 * limit; pictures leave the report for the bundle's screenshots/; the probes' requests go to network.har
 * and only their percentiles stay in `timings`.
 */
export function buildReport(input: BuildReportInput): ReportDraft {
  const symptom = SymptomFormSchema.parse(input.symptom);
  const attachments = merchantScreenshots(symptom.screenshots);
  const extracted =
    input.simulation === undefined || input.simulation === null
      ? { simulation: null, screenshots: [] }
      : extractSimulationScreenshots(input.simulation);
  const rawSimulation =
    extracted.simulation !== null &&
    typeof extracted.simulation === 'object' &&
    !Array.isArray(extracted.simulation)
      ? (extracted.simulation as Record<string, unknown>)
      : extracted.simulation === null
        ? null
        : { value: extracted.simulation };
  const checks: CheckResult[] = input.checks?.results ?? [];

  const base: Omit<Report, 'checks' | 'simulation'> = {
    report_id: input.reportId ?? randomUUID(),
    schema_version: REPORT_SCHEMA_VERSION,
    created_at: (input.now ?? new Date()).toISOString(),
    merchant_no: input.merchantNo,
    app: input.app,
    symptom: {
      category: symptom.category,
      description: symptom.description,
      first_seen: symptom.firstSeen,
      frequency: symptom.frequency,
      screenshots: attachments.map((a) => a.path),
    },
    timings: timingsFrom(input.probes),
    environment: input.environment,
    contact: contactFrom(input.contact),
    withheld: [],
  };

  let report: Report | null = null;
  for (const bounds of BOUNDS) {
    report = {
      ...base,
      checks: checks.map((c) => ({
        ...c,
        evidence: boundJson(c.evidence, bounds) as CheckResult['evidence'],
      })),
      simulation: rawSimulation ? (boundJson(rawSimulation, bounds) as Record<string, unknown>) : null,
      environment: boundJson(base.environment, bounds) as Record<string, unknown>,
    };
    if (jsonBytes(report) <= REPORT_BUDGET_BYTES) break;
  }
  const bytes = jsonBytes(report);
  if (bytes > REPORT_MAX_BYTES) throw new ReportTooLargeError(bytes);
  return {
    // Checked here, so a bad merchant number or app block fails where it was passed in, not at preview.
    report: ReportSchema.parse(report),
    screenshots: [...attachments, ...extracted.screenshots],
    har: mergeHar(input.probes, input.har ?? []),
  };
}
