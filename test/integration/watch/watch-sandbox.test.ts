import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import type { WatchAlert } from '../../../shared/watch/watch-incident';
import type { WatchSample } from '../../../shared/watch/watch-sample';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import {
  createProbeSampler,
  createWatcher,
  ManualClock,
  WatchHistory,
  type Watcher,
} from '../../../main/watch';
import { prepaySimulate } from './support/prepay-simulate';

const MIN = 60_000;
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
/** Short deadlines so a hung gateway costs the test under a second per check, not the default 10 s. */
const PROBE_TIMEOUTS = {
  firstByteMs: 700,
  connectMs: 2000,
  tlsMs: 2000,
  bodyIdleMs: 2000,
  bodyTotalMs: 3000,
};
const PREPAY_TIMEOUT_MS = 700;

let sandbox: Sandbox;
const dir = mkdtempSync(join(tmpdir(), 'watch-sandbox-'));

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'healthy' });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Session {
  watcher: Watcher;
  samples: WatchSample[];
  alerts: WatchAlert[];
  /** Plays rounds one interval apart, each under the given scenario. */
  play(scenarios: Scenario[]): Promise<void>;
}

/**
 * A watcher on the in-process sandbox: real probes and prepays over loopback, a manual clock for the
 * schedule (so sample times are exact: T0 + n minutes), a probe and a prepay every round.
 */
function watch(history: WatchHistory, clock: ManualClock): Session {
  const samples: WatchSample[] = [];
  const alerts: WatchAlert[] = [];
  const watcher = createWatcher({
    storeId: 'demo',
    storeName: sandbox.store.storeName,
    history,
    probe: createProbeSampler({ profile: sandbox.profile, timeouts: PROBE_TIMEOUTS }),
    simulate: prepaySimulate(sandbox, PREPAY_TIMEOUT_MS),
    schedule: { intervalMs: MIN, simulationEverySamples: 1, minSimulationGapMs: 0, retentionDays: null },
    notify: (alert) => alerts.push(alert),
    onSample: (sample) => samples.push(sample),
    onError: (error) => {
      throw error;
    },
    clock,
  });
  let started = false;
  return {
    watcher,
    samples,
    alerts,
    async play(scenarios) {
      for (const scenario of scenarios) {
        sandbox.setScenario(scenario);
        if (started) clock.advance(MIN);
        else watcher.start();
        started = true;
        await watcher.idle();
      }
    },
  };
}

const minute = (at: number) => (at - T0) / MIN;
const summary = (samples: WatchSample[]) => samples.map((s) => [minute(s.at), s.kind, s.outcome]);

describe('watch against the sandbox while its scenario changes', () => {
  it.each([
    ['gateway-timeout', 'first-byte-timeout', null, 'GATEWAY_TIMEOUT'],
    ['system-busy', 'server-error', 503, 'GATEWAY_ERROR'],
  ] as const)(
    'healthy → %s → healthy: failure and recovery recorded with their codes and times, one alert each',
    async (fault, probeOutcome, httpStatus, redirectOutcome) => {
      const history = WatchHistory.open(join(dir, `${fault}.sqlite`));
      const clock = new ManualClock(T0);
      const s = watch(history, clock);
      await s.play(['healthy', 'healthy', fault, fault, 'healthy', 'healthy', 'healthy']);
      await s.watcher.stop();

      expect(summary(s.samples)).toEqual([
        [0, 'probe', 'ok'],
        [0, 'simulation', 'REDIRECT_OK'],
        [1, 'probe', 'ok'],
        [1, 'simulation', 'REDIRECT_OK'],
        [2, 'probe', probeOutcome],
        [2, 'simulation', redirectOutcome],
        [3, 'probe', probeOutcome],
        [3, 'simulation', redirectOutcome],
        [4, 'probe', 'ok'],
        [4, 'simulation', 'REDIRECT_OK'],
        [5, 'probe', 'ok'],
        [5, 'simulation', 'REDIRECT_OK'],
        [6, 'probe', 'ok'],
        [6, 'simulation', 'REDIRECT_OK'],
      ]);
      const failedProbe = s.samples[4]!;
      expect(failedProbe).toMatchObject({ ok: false, target: 'gateway', httpStatus });
      expect(s.samples[0]!.gateway!.tls).toBeGreaterThan(0);
      expect(s.samples[1]!.timeToReadyMs).toBeGreaterThan(0);

      // Recovered at minute 4 (the first round where both checks passed), confirmed and alerted by the
      // second passing sample in a row (minute 5's probe).
      expect(s.alerts.map((a) => [a.type, minute(a.at), a.kind, a.outcome])).toEqual([
        ['failing', 2, 'probe', probeOutcome],
        ['recovered', 5, 'probe', redirectOutcome],
      ]);
      const incident = s.alerts[1]!.incident;
      expect(incident).toMatchObject({
        openedAt: T0 + 2 * MIN,
        closedAt: T0 + 4 * MIN,
        failedSamples: 4,
        outcomes: { [probeOutcome]: 2, [redirectOutcome]: 2 },
      });
      // What was printed and alerted is what was stored.
      expect(history.samples('demo', 0, T0 + 10 * MIN)).toEqual(s.samples);
      expect(history.incidents.between('demo', T0, T0 + 10 * MIN)).toEqual([incident]);
      history.close();
    },
  );

  it('keeps history and an open incident across a restart: no second failing alert', async () => {
    const path = join(dir, 'restart.sqlite');
    const clock = new ManualClock(T0);
    const firstRun = WatchHistory.open(path);
    const before = watch(firstRun, clock);
    await before.play(['healthy', 'system-busy']);
    await before.watcher.stop();
    firstRun.close();
    expect(before.alerts.map((a) => a.type)).toEqual(['failing']);

    // The app restarts ten minutes later; the platform is still busy, then recovers.
    clock.advance(10 * MIN);
    const secondRun = WatchHistory.open(path);
    expect(summary(secondRun.samples('demo', 0, T0 + DAY_MS))).toEqual(summary(before.samples));
    const after = watch(secondRun, clock);
    expect(after.watcher.openIncident?.openedAt).toBe(T0 + MIN);
    await after.play(['system-busy', 'healthy', 'healthy']);
    await after.watcher.stop();
    expect(after.alerts.map((a) => [a.type, a.incidentId])).toEqual([
      ['recovered', before.alerts[0]!.incidentId],
    ]);
    expect(after.alerts[0]!.incident).toMatchObject({
      openedAt: T0 + MIN,
      closedAt: T0 + 12 * MIN,
      failedSamples: 4,
    });
    expect(secondRun.count('demo')).toBe(10);
    secondRun.close();
  });
});
