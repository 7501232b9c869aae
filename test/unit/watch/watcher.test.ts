import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutcomeCode } from '../../../shared/protocol/outcome-codes';
import type { WatchAlert } from '../../../shared/watch/watch-incident';
import type { ProbeSampleOutcome } from '../../../shared/watch/watch-sample';
import { ManualClock } from '../../../main/watch/clock';
import { WatchHistory } from '../../../main/watch/history';
import type { ProbeSampler } from '../../../main/watch/probe-sample';
import type { Simulate } from '../../../main/watch/simulation-sample';
import { createWatcher, type Watcher, type WatchSchedule } from '../../../main/watch/watcher';
import { DAY, HOUR, MIN, T0, probeSample } from './fixtures';

const STORE = 'store-1';
let history: WatchHistory;
let watcher: Watcher | null = null;

afterEach(async () => {
  await watcher?.stop();
  watcher = null;
  history?.close();
});

interface Rig {
  clock: ManualClock;
  probes: number[];
  simulations: number[];
  alerts: WatchAlert[];
  /** Fires the next timer and waits for its round to be recorded and the next one scheduled. */
  step(ms?: number): Promise<void>;
}

interface Behaviour {
  /** The outcome of the probe at this time (default ok). */
  probe?: (at: number) => ProbeSampleOutcome;
  simulate?: (at: number) => OutcomeCode | Error;
  /** Replaces the fake probe altogether. */
  sampler?: (clock: ManualClock, probes: number[]) => ProbeSampler;
  onError?: (error: unknown, during: string) => void;
}

function rig(schedule: Partial<WatchSchedule>, behaviour: Behaviour = {}): Rig {
  const clock = new ManualClock(T0);
  history = WatchHistory.open(':memory:', { now: () => clock.now() });
  const probes: number[] = [];
  const simulations: number[] = [];
  const alerts: WatchAlert[] = [];
  const probe: ProbeSampler = async (at) => {
    probes.push(at);
    return probeSample(at, behaviour.probe?.(at) ?? 'ok');
  };
  const simulate: Simulate = async () => {
    simulations.push(clock.now());
    const outcome = behaviour.simulate?.(clock.now()) ?? 'REDIRECT_OK';
    if (outcome instanceof Error) throw outcome;
    return { outcome, timeToReadyMs: outcome === 'REDIRECT_OK' ? 700 : null };
  };
  watcher = createWatcher({
    storeId: STORE,
    storeName: '测试小店',
    history,
    probe: behaviour.sampler?.(clock, probes) ?? probe,
    simulate,
    schedule: {
      intervalMs: MIN,
      simulationEverySamples: 0,
      minSimulationGapMs: 0,
      retentionDays: null,
      ...schedule,
    },
    notify: (alert) => alerts.push(alert),
    ...(behaviour.onError ? { onError: behaviour.onError } : {}),
    clock,
  });
  const w = watcher;
  return {
    clock,
    probes,
    simulations,
    alerts,
    async step(ms = MIN) {
      clock.advance(ms);
      await w.idle();
    },
  };
}

describe('watch scheduler', () => {
  it('takes a sample at once, then one per interval at fixed times', async () => {
    const r = rig({});
    watcher!.start();
    await watcher!.idle();
    for (let i = 0; i < 5; i += 1) await r.step();
    expect(r.probes.map((at) => (at - T0) / MIN)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(history.count(STORE)).toBe(6);
    expect(watcher!.nextSampleAt).toBe(T0 + 6 * MIN);
  });

  it('runs the simulated redirect on the first and every Nth round, never closer than the gap', async () => {
    const every3 = rig({ simulationEverySamples: 3 });
    watcher!.start();
    await watcher!.idle();
    for (let i = 0; i < 9; i += 1) await every3.step();
    expect(every3.simulations.map((at) => (at - T0) / MIN)).toEqual([0, 3, 6, 9]);
    await watcher!.stop();
    history.close();

    const gap = rig({ simulationEverySamples: 3, minSimulationGapMs: 5 * MIN });
    watcher!.start();
    await watcher!.idle();
    for (let i = 0; i < 10; i += 1) await gap.step();
    expect(gap.simulations.map((at) => (at - T0) / MIN)).toEqual([0, 5, 10]);
    expect(history.samples(STORE, 0, T0 + DAY).filter((s) => s.kind === 'simulation')).toHaveLength(3);
  });

  it('skips the slots a slow round overran instead of queueing them', async () => {
    let slow = true;
    const r = rig(
      {},
      {
        sampler: (clock, probes) => async (at) => {
          probes.push(at);
          if (slow) clock.advance(2.5 * MIN);
          slow = false;
          return probeSample(at);
        },
      },
    );
    watcher!.start();
    await watcher!.idle();
    expect(watcher!.nextSampleAt).toBe(T0 + 3 * MIN);
    await r.step(0.5 * MIN);
    expect(r.probes.map((at) => (at - T0) / MIN)).toEqual([0, 3]);
  });

  it('alerts once when failing and once when recovered, through notify', async () => {
    const failing = new Set([2, 3, 4, 6]);
    const r = rig({}, { probe: (at) => (failing.has((at - T0) / MIN) ? 'first-byte-timeout' : 'ok') });
    watcher!.start();
    await watcher!.idle();
    for (let i = 0; i < 10; i += 1) await r.step();
    expect(r.alerts.map((a) => [a.type, (a.at - T0) / MIN])).toEqual([
      ['failing', 2],
      ['recovered', 8],
    ]);
    expect(r.alerts[1]!.incident).toMatchObject({
      openedAt: T0 + 2 * MIN,
      closedAt: T0 + 7 * MIN,
      failedSamples: 4,
    });
    expect(watcher!.openIncident).toBeNull();
  });

  it('stop cancels the sample in flight: nothing recorded, nothing scheduled', async () => {
    const clock = new ManualClock(T0);
    history = WatchHistory.open(':memory:');
    let started = false;
    const probe: ProbeSampler = (_at, signal) =>
      new Promise((resolve) => {
        started = true;
        signal.addEventListener('abort', () => resolve(null));
      });
    watcher = createWatcher({
      storeId: STORE,
      storeName: 's',
      history,
      probe,
      schedule: { intervalMs: MIN, simulationEverySamples: 0, minSimulationGapMs: 0, retentionDays: null },
      notify: () => {},
      clock,
    });
    watcher.start();
    expect(started).toBe(true);
    await watcher.stop();
    expect(history.count(STORE)).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(watcher.running).toBe(false);
  });

  it('applies retention at start and then once a day', async () => {
    const r = rig({ intervalMs: HOUR, retentionDays: 30 });
    history.append(STORE, probeSample(T0 - 40 * DAY));
    const retention = vi.spyOn(history, 'applyRetention');
    watcher!.start();
    await watcher!.idle();
    expect(history.count(STORE, 0, T0 - DAY)).toBe(0);
    for (let i = 0; i < 24; i += 1) await r.step(HOUR);
    expect(retention.mock.calls.map(([days, now]) => [days, now! - T0])).toEqual([
      [30, 0],
      [30, DAY],
    ]);
  });

  it('reports a simulation that could not run and goes on probing', async () => {
    const errors: string[] = [];
    const r = rig(
      { simulationEverySamples: 1 },
      {
        simulate: () => new Error('no browser'),
        onError: (error, during) => errors.push(`${during}: ${(error as Error).message}`),
      },
    );
    watcher!.start();
    await watcher!.idle();
    await r.step();
    expect(errors).toEqual(['simulation: no browser', 'simulation: no browser']);
    expect(history.count(STORE)).toBe(2);
    expect(r.alerts).toEqual([]);
  });
});

describe('watch rollups', () => {
  it('rolls finished hours and days up after every round, at the given UTC offset', async () => {
    const clock = new ManualClock(T0);
    history = WatchHistory.open(':memory:', { now: () => clock.now() });
    const seal = vi.spyOn(history, 'sealRollups');
    watcher = createWatcher({
      storeId: STORE,
      storeName: 's',
      history,
      probe: async (at) => probeSample(at),
      schedule: {
        intervalMs: 30 * MIN,
        simulationEverySamples: 0,
        minSimulationGapMs: 0,
        retentionDays: null,
      },
      notify: () => {},
      clock,
      utcOffsetMinutes: 480,
    });
    watcher.start();
    await watcher.idle();
    for (let i = 0; i < 4; i += 1) {
      clock.advance(30 * MIN);
      await watcher.idle();
    }
    expect(seal.mock.calls.map(([store, offset, now]) => [store, offset, (now! - T0) / MIN])).toEqual(
      [0, 30, 60, 90, 120].map((m) => [STORE, 480, m]),
    );
    const chart = history.chart(STORE, {
      from: T0,
      to: T0 + 2 * HOUR,
      granularity: 'hour',
      utcOffsetMinutes: 480,
    });
    expect(chart.buckets.map((b) => b.probe?.samples)).toEqual([2, 2]);
  });
});
