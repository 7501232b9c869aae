import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { utcDay, utcHour, utcMonday, utcMonth, type TimeInterval } from 'd3-time';
import type { WatchBucket, WatchFailureMark, WatchGranularity } from '../../../../shared/watch/watch-chart';

/**
 * The arithmetic of the watch charts, free of React and the DOM: the time window asked for, scales,
 * axis ticks, the line paths (broken at gaps) and the failure markers grouped where they would overlap.
 * Everything is linear in the buckets and failures, so a year of days or a week of hours draws at once.
 *
 * Scales and value ticks are d3-scale's, the line paths d3-shape's and the calendar steps d3-time's.
 * The viewer's clock is a fixed UTC offset (the one the chart data was asked for), so calendar work is
 * done in UTC on times shifted by that offset, then shifted back: the browser's own time zone, which a
 * test machine does not share, never enters.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const BUCKET_MS: Record<WatchGranularity, number> = { hour: HOUR_MS, day: DAY_MS };

/** The views of the chart: by hour over a day or a week, by day over a month or a year. */
export const RANGES = {
  hour: [24, 168],
  day: [30, 365],
} as const satisfies Record<WatchGranularity, readonly number[]>;

/** Minutes east of UTC, as the chart API wants them (480 in China). */
export const localUtcOffsetMinutes = (at: number): number => -new Date(at).getTimezoneOffset();

const BUCKET_INTERVAL: Record<WatchGranularity, TimeInterval> = { hour: utcHour, day: utcDay };

/** The start of the bucket `at` falls in, aligned to the viewer's day like the core aligns it. */
export function bucketStartOf(at: number, granularity: WatchGranularity, offsetMinutes: number): number {
  const offset = offsetMinutes * 60_000;
  return BUCKET_INTERVAL[granularity].floor(new Date(at + offset)).getTime() - offset;
}

/** The last `count` buckets up to and including the current one. */
export function chartWindow(
  granularity: WatchGranularity,
  count: number,
  now: number,
  offsetMinutes: number,
): { from: number; to: number } {
  const size = BUCKET_MS[granularity];
  const to = bucketStartOf(now, granularity, offsetMinutes) + size;
  return { from: Math.max(0, to - count * size), to };
}

export type Scale = (value: number) => number;

export const linearScale = (domain0: number, domain1: number, range0: number, range1: number): Scale =>
  scaleLinear().domain([domain0, domain1]).range([range0, range1]);

/** 0 and about three round steps up to at least `max` (1, 2 or 5 times a power of ten: d3's nice ticks). */
export function niceTicks(max: number, wanted = 3): number[] {
  if (!(max > 0)) return [0, 1];
  return scaleLinear().domain([0, max]).nice(wanted).ticks(wanted);
}

export interface TimeTick {
  at: number;
  label: string;
}

/** The axis steps, finest first: each its length, its calendar interval and how its ticks are labelled. */
const AXIS_STEPS: { ms: number; interval: TimeInterval; label: 'time' | 'day' | 'month' }[] = [
  ...[1, 2, 3, 6, 12].map((hours) => ({
    ms: hours * HOUR_MS,
    interval: utcHour.every(hours)!,
    label: 'time' as const,
  })),
  { ms: DAY_MS, interval: utcDay, label: 'day' },
  { ms: 2 * DAY_MS, interval: utcDay.every(2)!, label: 'day' },
  { ms: 7 * DAY_MS, interval: utcMonday, label: 'day' },
  ...[1, 2, 3, 6, 12].map((months) => ({
    ms: months * 30.44 * DAY_MS,
    interval: utcMonth.every(months)!,
    label: 'month' as const,
  })),
];

/**
 * Labelled ticks of the time axis, at least `minGapPx` apart: hours, then days, then months, on the
 * viewer's clock (00:00, 03:00…; midnights; the first of a month), labelled in the UI language.
 */
export function timeTicks(
  from: number,
  to: number,
  widthPx: number,
  offsetMinutes: number,
  language: string,
  minGapPx = 72,
): TimeTick[] {
  const span = to - from;
  if (!(span > 0) || !(widthPx > 0)) return [];
  const most = Math.max(2, Math.floor(widthPx / minGapPx));
  const step = AXIS_STEPS.find((s) => span / s.ms <= most) ?? AXIS_STEPS.at(-1)!;
  const offset = offsetMinutes * 60_000;
  // Labels read the shifted time as UTC: the viewer's clock, whatever zone this browser is set to.
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
  const time = format({ hour: '2-digit', minute: '2-digit' });
  const day = format({ month: 'short', day: 'numeric' });
  const month = format({ month: 'short' });
  const yearMonth = format({ year: 'numeric', month: 'short' });
  // On the viewer's clock: the interval's boundaries between the shifted ends, both included.
  return step.interval.range(new Date(from + offset), new Date(to + offset + 1)).map((local, index) => {
    const at = local.getTime() - offset;
    const midnight = local.getTime() % DAY_MS === 0;
    if (step.label === 'month') {
      // The year on January and on the first tick, so the axis always says which year it is.
      return { at, label: (local.getUTCMonth() === 0 || index === 0 ? yearMonth : month).format(local) };
    }
    return { at, label: (step.label === 'time' && !midnight ? time : day).format(local) };
  });
}

export interface LinePoint {
  /** The bucket's span; consecutive buckets are joined, a gap (no samples) breaks the line. */
  start: number;
  end: number;
  x: number;
  y: number;
}

/** d3's line through the defined points; a null between two points lifts the pen. */
const brokenLine = line<LinePoint | null>()
  .defined((point) => point !== null)
  .x((point) => point!.x)
  .y((point) => point!.y)
  .digits(1);

/** An SVG path through the points, lifting the pen wherever a bucket without samples lies between two. */
export function linePath(points: readonly LinePoint[]): string {
  const withGaps: (LinePoint | null)[] = [];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous !== undefined && point.start > previous.end) withGaps.push(null);
    withGaps.push(point);
  });
  return brokenLine(withGaps) ?? '';
}

/** Points that have no neighbour on either side: without a dot they would not show at all. */
export function isolatedPoints(points: readonly LinePoint[]): Set<number> {
  const isolated = new Set<number>();
  points.forEach((point, index) => {
    const before = points[index - 1];
    const after = points[index + 1];
    const joinedBefore = before !== undefined && point.start <= before.end;
    const joinedAfter = after !== undefined && after.start <= point.end;
    if (!joinedBefore && !joinedAfter) isolated.add(index);
  });
  return isolated;
}

export interface FailureCluster {
  key: string;
  kind: WatchFailureMark['kind'];
  x: number;
  /** Oldest first. */
  failures: WatchFailureMark[];
}

/**
 * The failures of each kind, grouped where their markers would overlap (closer than `minGapPx`), in
 * time order across both kinds: the order the arrow keys walk them in.
 */
export function clusterFailures(
  failures: readonly WatchFailureMark[],
  x: Scale,
  minGapPx: number,
): FailureCluster[] {
  const clusters: FailureCluster[] = [];
  const open: Partial<Record<WatchFailureMark['kind'], { cluster: FailureCluster; x0: number; x1: number }>> =
    {};
  const sorted = [...failures].sort((a, b) => a.at - b.at);
  for (const failure of sorted) {
    const px = x(failure.at);
    const current = open[failure.kind];
    if (current && px - current.x0 < minGapPx) {
      current.cluster.failures.push(failure);
      current.x1 = px;
      current.cluster.x = (current.x0 + current.x1) / 2;
      continue;
    }
    const cluster: FailureCluster = {
      key: `${failure.kind}-${failure.at}`,
      kind: failure.kind,
      x: px,
      failures: [failure],
    };
    clusters.push(cluster);
    open[failure.kind] = { cluster, x0: px, x1: px };
  }
  return clusters.sort((a, b) => a.failures[0]!.at - b.failures[0]!.at || (a.kind < b.kind ? -1 : 1));
}

/** The bucket whose middle is nearest to `px` (buckets in time order), for the hover read-out. */
export function nearestBucket(buckets: readonly WatchBucket[], x: Scale, px: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  if (hi < 0) return -1;
  const mid = (bucket: WatchBucket) => x((bucket.start + bucket.end) / 2);
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (mid(buckets[m]!) < px) lo = m + 1;
    else hi = m;
  }
  if (lo > 0 && Math.abs(mid(buckets[lo - 1]!) - px) <= Math.abs(mid(buckets[lo]!) - px)) return lo - 1;
  return lo;
}
