import type {
  WatchBucket,
  WatchChartData,
  WatchFailureMark,
  WatchPercentiles,
} from '../../../../shared/watch/watch-chart';
import {
  BUCKET_MS,
  clusterFailures,
  linearScale,
  niceTicks,
  timeTicks,
  type FailureCluster,
  type LinePoint,
  type Scale,
} from './chart-geometry';

/**
 * The history chart's geometry, apart from React: its layout in pixels, and the data turned into scales,
 * points, failure clusters and incident bars (HistoryChart.tsx draws them). Pure, so Node tests it.
 */

/** Which timing the lower panel shows: a probed host's whole request, or the redirect to a ready cashier. */
export const MEASURES = ['gateway', 'cashier', 'ready'] as const;
export type Measure = (typeof MEASURES)[number];

export const pickTiming = (bucket: WatchBucket, measure: Measure): WatchPercentiles | null =>
  measure === 'ready' ? (bucket.simulation?.timeToReady ?? null) : (bucket.probe?.[measure] ?? null);

// The picture, in CSS pixels (the SVG is drawn at the width it is shown, so text keeps its size).
export const M_LEFT = 72;
export const M_RIGHT = 16;
export const SUCCESS_TOP = 28;
export const SUCCESS_BOTTOM = 138;
export const LANE_TOP = 166;
/** Incidents as hatched bars in a row of their own (across the panels, a year of them would hide the lines). */
export const INCIDENT_ROW = LANE_TOP + 6;
export const PROBE_ROW = LANE_TOP + 26;
export const SIMULATION_ROW = LANE_TOP + 46;
export const TIMING_TOP = 250;
export const TIMING_BOTTOM = 360;
export const AXIS_Y = 378;
export const HEIGHT = 386;
/** Dots on the lines only where buckets are at least this far apart (and always on a lone bucket). */
export const DOT_SPACING = 7;
/** Failure markers closer than this are one marker with a count. */
export const MARKER_GAP = 26;
/** Width of one digit of a marker's count, to tell whether it fits before the next marker. */
export const DIGIT_PX = 7;
/** Failures listed in a marker's tooltip; the rest are counted. */
export const LISTED_FAILURES = 6;
export const TOOLTIP_WIDTH = 300;

export const SHAPES = {
  /** ▼ a probe that failed. */
  probe: (x: number, y: number) => `M${x - 6} ${y - 5}L${x + 6} ${y - 5}L${x} ${y + 6}Z`,
  /** ◆ a simulated redirect that failed. */
  simulation: (x: number, y: number) => `M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z`,
} as const;

export const rowOf = (kind: WatchFailureMark['kind']) => (kind === 'probe' ? PROBE_ROW : SIMULATION_ROW);

export interface Geometry {
  width: number;
  x: Scale;
  ySuccess: Scale;
  yTiming: Scale;
  msTicks: number[];
  timeTicks: { at: number; label: string }[];
  columns: { bucket: WatchBucket; x0: number; x1: number }[];
  probe: LinePoint[];
  simulation: LinePoint[];
  p50: LinePoint[];
  p95: LinePoint[];
  dots: boolean;
  clusters: FailureCluster[];
  /** Incidents in pixels, those that would touch merged into one bar. */
  bands: { key: number; x0: number; x1: number; open: boolean; incidents: number }[];
  /** Per cluster: the room to its right before the next marker of its row (for the count). */
  room: number[];
}

export function buildGeometry(
  data: WatchChartData,
  measure: Measure,
  width: number,
  language: string,
): Geometry {
  const x = linearScale(data.from, data.to, M_LEFT, width - M_RIGHT);
  const ySuccess = linearScale(0, 1, SUCCESS_BOTTOM, SUCCESS_TOP);
  let longest = 0;
  for (const bucket of data.buckets) {
    const timing = pickTiming(bucket, measure);
    longest = Math.max(longest, timing?.p95 ?? 0, timing?.p50 ?? 0);
  }
  const msTicks = niceTicks(longest);
  const yTiming = linearScale(0, msTicks.at(-1) ?? 1, TIMING_BOTTOM, TIMING_TOP);
  const probe: LinePoint[] = [];
  const simulation: LinePoint[] = [];
  const p50: LinePoint[] = [];
  const p95: LinePoint[] = [];
  const columns: Geometry['columns'] = [];
  for (const bucket of data.buckets) {
    const { start, end } = bucket;
    const mid = x((start + end) / 2);
    columns.push({ bucket, x0: x(start), x1: x(end) });
    if (bucket.probe) probe.push({ start, end, x: mid, y: ySuccess(bucket.probe.successRate) });
    if (bucket.simulation) {
      simulation.push({ start, end, x: mid, y: ySuccess(bucket.simulation.successRate) });
    }
    const timing = pickTiming(bucket, measure);
    if (timing?.p50 != null) p50.push({ start, end, x: mid, y: yTiming(timing.p50) });
    if (timing?.p95 != null) p95.push({ start, end, x: mid, y: yTiming(timing.p95) });
  }
  const bucketWidth = x(data.from + BUCKET_MS[data.granularity]) - x(data.from);
  const clusters = clusterFailures(data.failures, x, MARKER_GAP);
  return {
    width,
    x,
    ySuccess,
    yTiming,
    msTicks,
    timeTicks: timeTicks(data.from, data.to, width - M_LEFT - M_RIGHT, data.utcOffsetMinutes, language),
    columns,
    probe,
    simulation,
    p50,
    p95,
    dots: bucketWidth >= DOT_SPACING,
    clusters,
    bands: incidentBands(data, x),
    room: clusters.map((cluster, index) => {
      const next = clusters.slice(index + 1).find((other) => other.kind === cluster.kind);
      return (next ? next.x : width - M_RIGHT + 24) - cluster.x;
    }),
  };
}

export function incidentBands(data: WatchChartData, x: Scale): Geometry['bands'] {
  const now = Date.now();
  const bands: Geometry['bands'] = [];
  const sorted = [...data.incidents].sort((a, b) => a.openedAt - b.openedAt);
  for (const incident of sorted) {
    const x0 = x(Math.max(data.from, incident.openedAt));
    const x1 = Math.max(x(Math.min(data.to, incident.closedAt ?? now)), x0 + 2);
    const open = incident.closedAt === null;
    const last = bands.at(-1);
    if (last && x0 <= last.x1 + 1) {
      last.x1 = Math.max(last.x1, x1);
      last.open ||= open;
      last.incidents += 1;
    } else {
      bands.push({ key: incident.id, x0, x1, open, incidents: 1 });
    }
  }
  return bands;
}
