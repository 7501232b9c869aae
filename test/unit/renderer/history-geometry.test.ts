import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WatchBucket, WatchChartData } from '../../../shared/watch/watch-chart';
import {
  buildGeometry,
  incidentBands,
  M_LEFT,
  M_RIGHT,
  pickTiming,
  SUCCESS_BOTTOM,
  SUCCESS_TOP,
  TIMING_BOTTOM,
  TIMING_TOP,
} from '../../../renderer/src/screens/watch/history-geometry';

const HOUR = 3_600_000;
const FROM = Date.parse('2026-12-03T00:00:00Z');
const WIDTH = 880;

/** A bucket with the fields the geometry reads; the rest of the stats do not matter to it. */
function bucket(i: number, probeRate: number | null, p50: number, p95: number): WatchBucket {
  return {
    start: FROM + i * HOUR,
    end: FROM + (i + 1) * HOUR,
    probe:
      probeRate === null
        ? null
        : ({
            samples: 10,
            ok: Math.round(probeRate * 10),
            successRate: probeRate,
            gateway: { p50, p95 },
            cashier: { p50: p50 * 2, p95: p95 * 2 },
          } as unknown as WatchBucket['probe']),
    simulation: null,
  } as WatchBucket;
}

function chart(buckets: WatchBucket[], incidents: [number, number | null][] = []): WatchChartData {
  return {
    storeId: 's',
    from: FROM,
    to: FROM + 24 * HOUR,
    granularity: 'hour',
    utcOffsetMinutes: 480,
    buckets,
    points: null,
    pointsTruncated: false,
    failures: [],
    failuresTruncated: false,
    incidents: incidents.map(([openedAt, closedAt], i) => ({ id: i + 1, openedAt, closedAt })),
  } as unknown as WatchChartData;
}

afterEach(() => vi.useRealTimers());

describe('history chart geometry (pure, no browser)', () => {
  it('maps the day across the plot, success 100 % to the top and 0 % to the bottom of its panel', () => {
    const g = buildGeometry(
      chart([bucket(0, 1, 100, 400), bucket(23, 0, 200, 900)]),
      'gateway',
      WIDTH,
      'zh-CN',
    );
    expect(g.x(FROM)).toBe(M_LEFT);
    expect(g.x(FROM + 24 * HOUR)).toBe(WIDTH - M_RIGHT);
    expect(g.columns.map((c) => [c.x0, c.x1])).toEqual([
      [g.x(FROM), g.x(FROM + HOUR)],
      [g.x(FROM + 23 * HOUR), g.x(FROM + 24 * HOUR)],
    ]);
    expect(g.probe.map((p) => p.y)).toEqual([SUCCESS_TOP, SUCCESS_BOTTOM]);
    // Each point sits in the middle of its hour.
    expect(g.probe[0]!.x).toBeCloseTo(g.x(FROM + HOUR / 2));
    expect(g.simulation).toEqual([]);
  });

  it('scales the timing panel to the longest p95 of the chosen measure', () => {
    const data = chart([bucket(0, 1, 100, 400), bucket(1, 1, 200, 900)]);
    const gateway = buildGeometry(data, 'gateway', WIDTH, 'zh-CN');
    const top = gateway.msTicks.at(-1)!;
    expect(top).toBeGreaterThanOrEqual(900);
    expect(gateway.yTiming(0)).toBe(TIMING_BOTTOM);
    expect(gateway.yTiming(top)).toBe(TIMING_TOP);
    expect(gateway.p95.map((p) => p.y)).toEqual([gateway.yTiming(400), gateway.yTiming(900)]);
    // The cashier's times are twice the gateway's here: its axis reaches at least 1,800 ms.
    const cashier = buildGeometry(data, 'cashier', WIDTH, 'zh-CN');
    expect(cashier.msTicks.at(-1)!).toBeGreaterThanOrEqual(1800);
    expect(pickTiming(data.buckets[1]!, 'cashier')).toEqual({ p50: 400, p95: 1800 });
    expect(pickTiming(data.buckets[1]!, 'ready')).toBeNull();
  });

  it('draws dots only where hours are far enough apart', () => {
    expect(buildGeometry(chart([bucket(0, 1, 1, 1)]), 'gateway', WIDTH, 'en-US').dots).toBe(true);
    const year = { ...chart([bucket(0, 1, 1, 1)]), to: FROM + 365 * 24 * HOUR };
    expect(buildGeometry(year, 'gateway', WIDTH, 'en-US').dots).toBe(false);
  });

  it('merges incidents that would touch into one bar; an open one runs to now, within the chart', () => {
    vi.useFakeTimers({ now: FROM + 30 * HOUR });
    const data = chart(
      [],
      [
        [FROM + 2 * HOUR, FROM + 3 * HOUR],
        [FROM + 3 * HOUR, FROM + 4 * HOUR],
        [FROM + 10 * HOUR, null],
      ],
    );
    const g = buildGeometry(data, 'gateway', WIDTH, 'zh-CN');
    const bands = incidentBands(data, g.x);
    expect(bands).toEqual([
      { key: 1, x0: g.x(FROM + 2 * HOUR), x1: g.x(FROM + 4 * HOUR), open: false, incidents: 2 },
      { key: 3, x0: g.x(FROM + 10 * HOUR), x1: g.x(FROM + 24 * HOUR), open: true, incidents: 1 },
    ]);
    expect(g.bands).toEqual(bands);
  });
});
