import { describe, expect, it } from 'vitest';
import type { WatchBucket, WatchFailureMark } from '../../../shared/watch/watch-chart';
import {
  bucketStartOf,
  chartWindow,
  clusterFailures,
  DAY_MS,
  HOUR_MS,
  isolatedPoints,
  linearScale,
  linePath,
  nearestBucket,
  niceTicks,
  timeTicks,
  type LinePoint,
} from '../../../renderer/src/screens/watch/chart-geometry';

const CHINA = 480; // minutes east of UTC
// 2026-12-03 10:30 in China (02:30 UTC).
const NOW = Date.parse('2026-12-03T02:30:00Z');

describe('watch chart geometry (pure arithmetic, no DOM)', () => {
  it("buckets and windows are aligned to the viewer's clock", () => {
    expect(new Date(bucketStartOf(NOW, 'hour', CHINA)).toISOString()).toBe('2026-12-03T02:00:00.000Z');
    // A day starts at midnight in China: 16:00 UTC the day before.
    expect(new Date(bucketStartOf(NOW, 'day', CHINA)).toISOString()).toBe('2026-12-02T16:00:00.000Z');
    const day = chartWindow('hour', 24, NOW, CHINA);
    expect(day.to - day.from).toBe(24 * HOUR_MS);
    expect(new Date(day.to).toISOString()).toBe('2026-12-03T03:00:00.000Z'); // the current bucket included
    const year = chartWindow('day', 365, NOW, CHINA);
    expect(year.to - year.from).toBe(365 * DAY_MS);
  });

  it('scales map linearly, and a flat domain maps into the range (its middle) instead of NaN', () => {
    const y = linearScale(0, 1000, 200, 0);
    expect([y(0), y(500), y(1000)]).toEqual([200, 100, 0]);
    expect(linearScale(5, 5, 10, 90)(5)).toBe(50);
  });

  it('value ticks are 0 and round steps reaching the maximum', () => {
    expect(niceTicks(950)).toEqual([0, 500, 1000]);
    expect(niceTicks(3200)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('a line lifts the pen across buckets without samples; a lone point is marked to get a dot', () => {
    const point = (hour: number, y: number): LinePoint => ({
      start: hour * HOUR_MS,
      end: (hour + 1) * HOUR_MS,
      x: hour * 10,
      y,
    });
    const points = [point(0, 1), point(1, 2), point(3, 3), point(5, 4), point(6, 5)];
    // d3's path: a lone point is a subpath of its own ("M30,3Z"), a gap a new "M".
    expect(linePath(points)).toBe('M0,1L10,2M30,3ZM50,4L60,5');
    expect(linePath([point(0, 1.25), point(1, 2)])).toBe('M0,1.3L10,2');
    expect([...isolatedPoints(points)]).toEqual([2]);
    expect(linePath([])).toBe('');
  });

  it('failure markers that would overlap are grouped per kind, in time order across kinds', () => {
    const failure = (minute: number, kind: WatchFailureMark['kind']): WatchFailureMark =>
      ({ at: minute * 60_000, kind, outcome: 'GATEWAY_TIMEOUT', target: null }) as WatchFailureMark;
    const x = linearScale(0, 60 * 60_000, 0, 600); // 10 px a minute
    const clusters = clusterFailures(
      [failure(30, 'probe'), failure(0, 'probe'), failure(1, 'probe'), failure(0.5, 'simulation')],
      x,
      14,
    );
    expect(clusters.map((c) => [c.kind, c.failures.map((f) => f.at / 60_000)])).toEqual([
      ['probe', [0, 1]],
      ['simulation', [0.5]],
      ['probe', [30]],
    ]);
    expect(clusters[0]!.x).toBe(5); // between its first and last marker
  });

  it('the hover read-out picks the bucket whose middle is nearest', () => {
    const buckets = [0, 1, 2, 3].map(
      (h) => ({ start: h * HOUR_MS, end: (h + 1) * HOUR_MS, probe: null, simulation: null }) as WatchBucket,
    );
    const x = linearScale(0, 4 * HOUR_MS, 0, 400); // bucket middles at 50, 150, 250, 350
    expect([0, 99, 101, 260, 999].map((px) => nearestBucket(buckets, x, px))).toEqual([0, 0, 1, 2, 3]);
    expect(nearestBucket([], x, 10)).toBe(-1);
  });

  it("time ticks are spaced for the width and fall on round hours of the viewer's clock", () => {
    const { from, to } = chartWindow('hour', 24, NOW, CHINA);
    const ticks = timeTicks(from, to, 880, CHINA, 'zh-CN');
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(880 / 72);
    for (const tick of ticks) {
      expect(tick.at).toBeGreaterThanOrEqual(from);
      expect(tick.at).toBeLessThanOrEqual(to);
      expect((tick.at + CHINA * 60_000) % HOUR_MS).toBe(0);
      expect(tick.label).not.toBe('');
    }
    // 24 hours in 880 px at least 72 px apart: every 2 hours, evenly.
    const gaps = new Set(ticks.slice(1).map((tick, i) => tick.at - ticks[i]!.at));
    expect([...gaps]).toEqual([2 * HOUR_MS]);
    expect(timeTicks(from, from, 880, CHINA, 'zh-CN')).toEqual([]);
    // Labelled on the viewer's clock, not this machine's zone: 00:00 in China is a day, the rest times.
    const midnight = ticks.find((tick) => (tick.at + CHINA * 60_000) % DAY_MS === 0)!;
    expect(timeTicks(from, to, 880, CHINA, 'en-US').find((tick) => tick.at === midnight.at)!.label).toBe(
      'Dec 3',
    );
  });

  it("longer spans tick on Monday midnights, then on the first of each month, on the viewer's clock", () => {
    const local = (at: number) => new Date(at + CHINA * 60_000);
    const month = chartWindow('day', 30, NOW, CHINA);
    const weeks = timeTicks(month.from, month.to, 880, CHINA, 'en-US');
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const tick of weeks) {
      expect([local(tick.at).getUTCDay(), local(tick.at).getUTCHours()]).toEqual([1, 0]);
    }
    const year = chartWindow('day', 365, NOW, CHINA);
    const months = timeTicks(year.from, year.to, 880, CHINA, 'en-US');
    expect(months.map((tick) => local(tick.at).getUTCDate())).toEqual(months.map(() => 1));
    // The year is named on the first tick and on January: here both are January 2026.
    expect(months.map((tick) => tick.label).slice(0, 3)).toEqual(['Jan 2026', 'Feb', 'Mar']);
    expect(months.at(-1)!.label).toBe('Dec');
  });
});
