import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../main/watch/clock';
import { WatchHistory } from '../../../main/watch/history';
import type { ProbeSampler } from '../../../main/watch/probe-sample';
import { createWatcher, type Watcher } from '../../../main/watch/watcher';
import { HOUR, MIN, T0, probeSample } from '../watch/fixtures';

// Fault suite, clock: the wall clock jumps back or forward while watching (an NTP correction, a user fixing
// the date). The schedule runs on the monotonic clock, so it neither stalls nor hurries; samples carry wall
// time; the jump is noted once.

let watcher: Watcher | null = null;
let history: WatchHistory | null = null;
afterEach(async () => {
  await watcher?.stop();
  watcher = null;
  history?.close();
  vi.useRealTimers();
});

function watchWithFakeTimers() {
  // The real system clock (Date.now, performance.now, setTimeout), faked by vitest: setSystemTime moves the
  // wall clock only, as a clock correction does; advanceTimersByTime moves both.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'], now: T0 });
  history = WatchHistory.open(':memory:');
  const stamps: number[] = [];
  const jumps: number[] = [];
  const probe: ProbeSampler = async (at) => {
    stamps.push(at);
    return probeSample(at);
  };
  watcher = createWatcher({
    storeId: 's',
    storeName: '小店',
    history,
    probe,
    schedule: { intervalMs: MIN, simulationEverySamples: 0, minSimulationGapMs: 0, retentionDays: 30 },
    notify: () => {},
    clock: systemClock,
    onClockJump: ({ jumpMs }) => jumps.push(jumpMs),
  });
  watcher.start();
  const minutes = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await vi.advanceTimersByTimeAsync(MIN);
      await watcher!.idle();
    }
  };
  return { stamps, jumps, minutes, history };
}

describe('fault suite: the wall clock jumps while watching', () => {
  it('back by 3 hours: sampling goes on every minute (it used to stall for 3 hours), stamped with wall time', async () => {
    const { stamps, jumps, minutes, history: h } = watchWithFakeTimers();
    await watcher!.idle();
    await minutes(2);
    expect(stamps).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    vi.setSystemTime(Date.now() - 3 * HOUR);
    await minutes(3);
    expect(stamps).toHaveLength(6);
    // Each sample is stamped with the wall clock as it now reads.
    expect(stamps.slice(3)).toEqual([1, 2, 3].map((k) => T0 + (2 + k) * MIN - 3 * HOUR));
    expect(jumps).toEqual([-3 * HOUR]);
    // Nothing is lost: every sample is in the history, under its own time.
    expect(h.count('s')).toBe(6);
    expect(watcher!.running).toBe(true);
  });

  it('forward by a day: one sample a minute, no burst of "missed" slots', async () => {
    const { stamps, jumps, minutes } = watchWithFakeTimers();
    await watcher!.idle();
    await minutes(1);
    vi.setSystemTime(Date.now() + 24 * HOUR);
    await minutes(2);
    expect(stamps).toEqual([T0, T0 + MIN, T0 + 2 * MIN + 24 * HOUR, T0 + 3 * MIN + 24 * HOUR]);
    expect(jumps).toEqual([24 * HOUR]);
    // What the status shows as the next sample is in wall time, a minute ahead.
    expect(watcher!.nextSampleAt).toBe(Date.now() + MIN);
  });

  it('ordinary drift (under 2 s between rounds) is not called a jump', async () => {
    const { stamps, jumps, minutes } = watchWithFakeTimers();
    await watcher!.idle();
    vi.setSystemTime(Date.now() + 1_500);
    await minutes(2);
    expect(stamps).toHaveLength(3);
    expect(jumps).toEqual([]);
  });
});
