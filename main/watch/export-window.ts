import type { WatchSample, SampleOutcome } from '../../shared/watch/watch-sample';
import type { WatchBucket } from '../../shared/watch/watch-chart';
import type { WatchIncident } from '../../shared/watch/watch-incident';
import {
  MAX_EXPORT_SAMPLES,
  WATCH_EXPORT_FORMAT,
  type WatchExport,
  type WatchExportSample,
} from '../../shared/watch/watch-export';

export interface ExportInput {
  storeId: string;
  from: number;
  to: number;
  samples: WatchSample[];
  incidents: WatchIncident[];
  hourly: WatchBucket[];
  settings: WatchExport['settings'];
  now: number;
  maxSamples?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Keeps every failure (they are what support reads first), then fills up with ok samples spread evenly
 * over the window, so a long window still shows what "normal" looked like around the failures.
 */
export function thinSamples(samples: WatchSample[], max: number): WatchSample[] {
  if (samples.length <= max) return samples;
  const failures = samples.filter((s) => !s.ok);
  if (failures.length >= max) return failures.slice(-max);
  const oks = samples.filter((s) => s.ok);
  const room = max - failures.length;
  const step = oks.length / room;
  const kept = Array.from({ length: room }, (_, i) => oks[Math.floor(i * step)]!);
  return [...failures, ...kept].sort((a, b) => a.at - b.at);
}

function kindSummary(samples: WatchSample[], kind: WatchSample['kind']) {
  const ofKind = samples.filter((s) => s.kind === kind);
  const ok = ofKind.filter((s) => s.ok).length;
  return { samples: ofKind.length, ok, successRate: ofKind.length ? ok / ofKind.length : null };
}

const exportSample = (s: WatchSample): WatchExportSample => ({
  at: iso(s.at),
  kind: s.kind,
  ok: s.ok,
  outcome: s.outcome,
  target: s.target,
  httpStatus: s.httpStatus,
  gateway: s.gateway,
  cashier: s.cashier,
  timeToReadyMs: s.timeToReadyMs,
  durationMs: s.durationMs,
  error: s.error,
});

/** The document a report or bundle attaches: see shared/watch/watch-export.ts. */
export function buildExport(input: ExportInput): WatchExport {
  const max = input.maxSamples ?? MAX_EXPORT_SAMPLES;
  const kept = thinSamples(input.samples, max);
  const failures: Partial<Record<SampleOutcome, number>> = {};
  for (const s of input.samples) if (!s.ok) failures[s.outcome] = (failures[s.outcome] ?? 0) + 1;
  return {
    format: WATCH_EXPORT_FORMAT,
    version: 1,
    storeId: input.storeId,
    createdAt: iso(input.now),
    window: { from: iso(input.from), to: iso(input.to) },
    settings: input.settings,
    summary: {
      probe: kindSummary(input.samples, 'probe'),
      simulation: kindSummary(input.samples, 'simulation'),
      failures,
    },
    incidents: input.incidents.map((i) => ({
      id: i.id,
      openedAt: iso(i.openedAt),
      closedAt: i.closedAt === null ? null : iso(i.closedAt),
      firstOutcome: i.firstOutcome,
      lastOutcome: i.lastOutcome,
      failedSamples: i.failedSamples,
      outcomes: i.outcomes,
    })),
    hourly: input.hourly,
    samples: kept.map(exportSample),
    truncated: kept.length < input.samples.length ? { total: input.samples.length, kept: kept.length } : null,
  };
}
