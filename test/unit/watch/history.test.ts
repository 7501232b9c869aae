import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WatchExportSchema } from '../../../shared/watch/watch-export';
import { WatchChartDataSchema } from '../../../shared/watch/watch-chart';
import { DEFAULT_WATCH_SETTINGS } from '../../../shared/watch/watch-settings';
import { WatchHistory } from '../../../main/watch/history';
import { CHINA, DAY, HOUR, MIN, T0, probeSample, simulationSample } from './fixtures';

const STORE = 'store-1';
const dir = mkdtempSync(join(tmpdir(), 'watch-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The synthetic day: hour 0 has 60 probes whose gateway time is minute + 1 ms (1..60), three of them
 * failing (minutes 9, 19, 29); hour 1 one probe and two redirects (one ok at 800 ms, one CASHIER_TIMEOUT);
 * hour 9 one probe (01:00 UTC: the next UTC day, the same China day); the next day one probe.
 */
function syntheticDay(history: WatchHistory): void {
  const failing: Record<number, 'first-byte-timeout' | 'server-error'> = {
    9: 'first-byte-timeout',
    19: 'first-byte-timeout',
    29: 'server-error',
  };
  for (let m = 0; m < 60; m += 1) {
    history.append(STORE, probeSample(T0 + m * MIN, failing[m] ?? 'ok', { gateway: m + 1, cashier: 100 }));
  }
  history.append(STORE, probeSample(T0 + HOUR, 'ok', { gateway: 5, cashier: 7 }));
  history.append(STORE, simulationSample(T0 + HOUR + 5 * MIN, 'REDIRECT_OK', 800));
  history.append(STORE, simulationSample(T0 + HOUR + 20 * MIN, 'CASHIER_TIMEOUT'));
  history.append(STORE, probeSample(T0 + 9 * HOUR));
  history.append(STORE, probeSample(T0 + DAY + 5 * HOUR));
}

describe('watch history store', () => {
  it('aggregates by hour: success rate, nearest-rank p50/p95 of passing samples, failures by outcome', () => {
    const history = WatchHistory.open(':memory:', { now: () => T0 + 3 * DAY });
    syntheticDay(history);
    const chart = history.chart(STORE, {
      from: T0,
      to: T0 + 2 * DAY,
      granularity: 'hour',
      utcOffsetMinutes: CHINA,
    });
    WatchChartDataSchema.parse(chart);
    expect(chart.buckets.map((b) => (b.start - T0) / HOUR)).toEqual([0, 1, 9, 29]);
    const [h0, h1] = chart.buckets;
    // 57 passing values: 1..60 without 10, 20, 30 → rank 29 is 32, rank 55 is 58.
    expect(h0!.probe).toEqual({
      samples: 60,
      ok: 57,
      successRate: 57 / 60,
      gateway: { p50: 32, p95: 58 },
      cashier: { p50: 100, p95: 100 },
      failures: { 'first-byte-timeout': 2, 'server-error': 1 },
    });
    expect(h0!.simulation).toBeNull();
    expect(h1!.simulation).toEqual({
      samples: 2,
      ok: 1,
      successRate: 0.5,
      timeToReady: { p50: 800, p95: 800 },
      failures: { CASHIER_TIMEOUT: 1 },
    });
    expect(chart.failures.map((f) => [(f.at - T0) / MIN, f.outcome])).toEqual([
      [9, 'first-byte-timeout'],
      [19, 'first-byte-timeout'],
      [29, 'server-error'],
      [80, 'CASHIER_TIMEOUT'],
    ]);
    history.close();
  });

  it("aggregates by day in the viewer's time zone", () => {
    const history = WatchHistory.open(':memory:', { now: () => T0 + 3 * DAY });
    syntheticDay(history);
    const china = history.chart(STORE, {
      from: T0,
      to: T0 + 2 * DAY,
      granularity: 'day',
      utcOffsetMinutes: CHINA,
    });
    expect(
      china.buckets.map((b) => [b.start - T0, b.probe?.samples, b.probe?.ok, b.simulation?.samples]),
    ).toEqual([
      [0, 62, 59, 2],
      [DAY, 1, 1, undefined],
    ]);
    expect(china.buckets[0]!.probe!.failures).toEqual({ 'first-byte-timeout': 2, 'server-error': 1 });
    // In UTC the China day splits at 16:00: 61 probes on Nov 25; 01:00 and 21:00 on Nov 26.
    const utc = history.chart(STORE, {
      from: T0 - DAY,
      to: T0 + 2 * DAY,
      granularity: 'day',
      utcOffsetMinutes: 0,
    });
    expect(utc.buckets.map((b) => [b.start, b.probe?.samples])).toEqual([
      [T0 - 16 * HOUR, 61],
      [T0 + 8 * HOUR, 2],
    ]);
    history.close();
  });

  it('serves finished buckets from its rollups and recomputes a bucket a late sample lands in', () => {
    let now = T0 + 3 * DAY;
    const history = WatchHistory.open(':memory:', { now: () => now });
    syntheticDay(history);
    const request = { from: T0, to: T0 + 2 * DAY, granularity: 'hour', utcOffsetMinutes: CHINA } as const;
    const first = history.chart(STORE, request);
    expect(history.chart(STORE, request).buckets).toEqual(first.buckets);
    history.append(STORE, probeSample(T0 + 59 * MIN + 59_000, 'connection-reset'));
    const after = history.chart(STORE, request);
    expect(after.buckets[0]!.probe).toMatchObject({ samples: 61, failures: { 'connection-reset': 1 } });
    // The current hour is computed live, and sealed once it is over.
    now = T0 + 3 * DAY + 30 * MIN;
    history.append(STORE, probeSample(T0 + 3 * DAY + 10 * MIN));
    const live = history.chart(STORE, { ...request, to: now });
    expect(live.buckets.at(-1)).toMatchObject({ start: T0 + 3 * DAY, probe: { samples: 1 } });
    now += HOUR;
    history.append(STORE, probeSample(T0 + 3 * DAY + 50 * MIN));
    expect(history.chart(STORE, { ...request, to: now }).buckets.at(-1)?.probe?.samples).toBe(2);
    history.close();
  });

  it('returns the points of a range, newest kept when over the limit', () => {
    const history = WatchHistory.open(':memory:', { now: () => T0 + DAY });
    syntheticDay(history);
    const chart = history.chart(STORE, {
      from: T0,
      to: T0 + HOUR,
      granularity: 'hour',
      utcOffsetMinutes: CHINA,
      points: true,
    });
    expect(chart.points).toHaveLength(60);
    expect(chart.points![9]).toEqual({
      at: T0 + 9 * MIN,
      kind: 'probe',
      ok: false,
      outcome: 'first-byte-timeout',
      gatewayMs: 10,
      cashierMs: 100,
      timeToReadyMs: null,
    });
    expect(chart.pointsTruncated).toBe(false);
    history.close();
  });

  it('survives closing and reopening: samples, incidents and settings', () => {
    const path = join(dir, 'reopen.sqlite');
    const first = WatchHistory.open(path);
    first.append(STORE, probeSample(T0));
    first.append(STORE, simulationSample(T0 + MIN, 'GATEWAY_TIMEOUT'));
    const incident = first.incidents.open(STORE, T0 + MIN, 'GATEWAY_TIMEOUT');
    first.saveSettings({ ...DEFAULT_WATCH_SETTINGS, enabled: true, intervalSeconds: 120 });
    const before = first.samples(STORE, 0, T0 + DAY);
    first.close();

    const second = WatchHistory.open(path);
    expect(second.samples(STORE, 0, T0 + DAY)).toEqual(before);
    expect(before[1]).toEqual(simulationSample(T0 + MIN, 'GATEWAY_TIMEOUT'));
    expect(second.incidents.openFor(STORE)).toEqual(incident);
    expect(second.settings()).toMatchObject({ enabled: true, intervalSeconds: 120 });
    expect(second.lastSample(STORE, 'simulation')?.outcome).toBe('GATEWAY_TIMEOUT');
    second.close();
  });

  it('retention removes old samples, old closed incidents and old buckets, and keeps the rest', () => {
    const now = T0 + HOUR;
    const history = WatchHistory.open(':memory:', { now: () => now });
    const old = T0 - 500 * DAY;
    history.append(STORE, probeSample(old, 'dns-failed'));
    history.append(STORE, probeSample(old + MIN));
    history.append('other-store', probeSample(old + 2 * MIN));
    history.append(STORE, probeSample(T0 - 10 * DAY));
    history.append(STORE, probeSample(T0));
    const oldIncident = history.incidents.open(STORE, old, 'dns-failed');
    history.incidents.markClosed(oldIncident, old + MIN);
    const all = { from: 0, to: now, granularity: 'day', utcOffsetMinutes: CHINA } as const;
    expect(history.chart(STORE, all).buckets).toHaveLength(3);

    const result = history.applyRetention(400, now);
    expect(result).toEqual({ cutoff: now - 400 * DAY, samplesDeleted: 3, incidentsDeleted: 1 });
    expect(history.count(STORE)).toBe(2);
    expect(history.count('other-store')).toBe(0);
    expect(history.incidents.get(oldIncident.id)).toBeNull();
    expect(history.chart(STORE, all).buckets.map((b) => b.start)).toEqual([T0 - 10 * DAY, T0]);
    history.close();
  });

  it('exports a window for a report: schema-valid, failures kept first when thinned', () => {
    const history = WatchHistory.open(':memory:', { now: () => T0 + DAY });
    syntheticDay(history);
    const incident = history.incidents.open(STORE, T0 + 9 * MIN, 'first-byte-timeout');
    history.incidents.markClosed(incident, T0 + 30 * MIN);
    const doc = WatchExportSchema.parse(history.exportWindow(STORE, T0, T0 + 2 * HOUR, { maxSamples: 10 }));
    expect(doc.window).toEqual({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + 2 * HOUR).toISOString(),
    });
    expect(doc.summary.probe).toEqual({ samples: 61, ok: 58, successRate: 58 / 61 });
    expect(doc.summary.simulation).toEqual({ samples: 2, ok: 1, successRate: 0.5 });
    expect(doc.summary.failures).toEqual({ 'first-byte-timeout': 2, 'server-error': 1, CASHIER_TIMEOUT: 1 });
    expect(doc.truncated).toEqual({ total: 63, kept: 10 });
    expect(doc.samples.filter((s) => !s.ok)).toHaveLength(4);
    expect(doc.samples.map((s) => s.at)).toEqual([...doc.samples.map((s) => s.at)].sort());
    expect(doc.incidents).toEqual([
      expect.objectContaining({
        openedAt: new Date(T0 + 9 * MIN).toISOString(),
        firstOutcome: 'first-byte-timeout',
      }),
    ]);
    expect(doc.hourly.map((b) => b.start)).toEqual([T0, T0 + HOUR]);
    expect(JSON.stringify(doc)).not.toMatch(/token=|PRIVATE KEY/);
    history.close();
  });

  it('refuses a sample whose outcome does not fit its kind', () => {
    const history = WatchHistory.open(':memory:');
    expect(() => history.append(STORE, { ...probeSample(T0), outcome: 'REDIRECT_OK' })).toThrow();
    expect(() => history.append(STORE, { ...probeSample(T0), ok: false })).toThrow();
    history.close();
  });
});
