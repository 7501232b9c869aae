import type { WatchBucket, WatchFailureMark, WatchGranularity } from '../../../../shared/watch/watch-chart';

/**
 * The arithmetic of the watch charts, free of React and the DOM: the time window asked for, scales,
 * axis ticks, the line paths (broken at gaps) and the failure markers grouped where they would overlap.
 * Everything is linear in the buckets and failures, so a year of days or a week of hours draws at once.
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

/** The start of the bucket `at` falls in, aligned to the viewer's day like the core aligns it. */
export function bucketStartOf(at: number, granularity: WatchGranularity, offsetMinutes: number): number {
  const size = BUCKET_MS[granularity];
  const offset = offsetMinutes * 60_000;
  return Math.floor((at + offset) / size) * size - offset;
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

export const linearScale =
  (domain0: number, domain1: number, range0: number, range1: number): Scale =>
  (value) =>
    domain1 === domain0 ? range0 : range0 + ((value - domain0) / (domain1 - domain0)) * (range1 - range0);

/** 0 and three or four round steps up to at least `max` (milliseconds: 1, 2 or 5 times a power of ten). */
export function niceTicks(max: number, wanted = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / wanted;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) {
    ticks.push(tick);
    if (tick >= max) break;
  }
  return ticks;
}

export interface TimeTick {
  at: number;
  label: string;
}

const STEPS = [HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 7 * DAY_MS];

/**
 * Labelled ticks of the time axis, at least `minGapPx` apart: hours, then days, then months, on the
 * viewer's clock, labelled in the UI language.
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
  const step = STEPS.find((s) => span / s <= most);
  const offset = offsetMinutes * 60_000;
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
  const ticks: TimeTick[] = [];
  if (step !== undefined) {
    // Aligned on the viewer's clock: 00:00, 03:00…; steps of days on midnights.
    const unit = step < DAY_MS ? step : DAY_MS;
    let at = Math.ceil((from + offset) / unit) * unit - offset;
    for (; at <= to; at += step) {
      const midnight = (at + offset) % DAY_MS === 0;
      ticks.push({ at, label: step < DAY_MS && !midnight ? time.format(at) : day.format(at) });
    }
    return ticks;
  }
  // Months (or every few months) for long spans, on the first of the month, viewer's clock.
  const months = [1, 2, 3, 6, 12].find((m) => span / (m * 30.44 * DAY_MS) <= most) ?? 12;
  const month = new Intl.DateTimeFormat(language, { month: 'short' });
  const yearMonth = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short' });
  const local = new Date(from + offset);
  let y = local.getUTCFullYear();
  let m = local.getUTCMonth() + 1;
  for (;;) {
    if (m > 11) {
      y += Math.floor(m / 12);
      m %= 12;
    }
    const at = Date.UTC(y, m, 1) - offset;
    if (at > to) break;
    if (m % months === 0 || months === 1) {
      ticks.push({ at, label: (m === 0 || ticks.length === 0 ? yearMonth : month).format(at) });
    }
    m += 1;
  }
  return ticks;
}

export interface LinePoint {
  /** The bucket's span; consecutive buckets are joined, a gap (no samples) breaks the line. */
  start: number;
  end: number;
  x: number;
  y: number;
}

/** An SVG path through the points, lifting the pen wherever a bucket without samples lies between two. */
export function linePath(points: readonly LinePoint[]): string {
  let path = '';
  let previous: LinePoint | null = null;
  for (const point of points) {
    const joined = previous !== null && point.start <= previous.end;
    path += `${joined ? 'L' : 'M'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`;
    previous = point;
  }
  return path;
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
