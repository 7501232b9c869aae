import type { WatchSample, WatchSampleKind } from '../../shared/watch/watch-sample';
import type { WatchAlert, WatchIncident } from '../../shared/watch/watch-incident';
import { systemClock, type WatchClock } from './clock';
import type { WatchHistory } from './history';
import { IncidentTracker } from './incident-tracker';
import type { ProbeSampler } from './probe-sample';
import { takeSimulationSample, type Simulate } from './simulation-sample';

const DAY_MS = 86_400_000;

export interface WatchSchedule {
  /** Between the starts of two probe samples. Floors are the caller's business (settings, CLI). */
  intervalMs: number;
  /** A simulated redirect every Nth probe sample, starting with the first; 0 for never. */
  simulationEverySamples: number;
  /** And never sooner than this after the previous one. */
  minSimulationGapMs: number;
  /** Retention in days, applied at start and then daily; null to keep everything. */
  retentionDays: number | null;
}

export interface WatcherOptions {
  storeId: string;
  storeName: string;
  history: WatchHistory;
  probe: ProbeSampler;
  simulate?: Simulate | null;
  schedule: WatchSchedule;
  notify: (alert: WatchAlert) => void;
  onSample?: (sample: WatchSample) => void;
  /** Anything that went wrong inside the watcher itself (a full disk, a simulation that could not run). */
  onError?: (error: unknown, during: 'probe' | 'simulation' | 'record' | 'notify' | 'retention') => void;
  clock?: WatchClock;
  recoverAfterOkSamples?: number;
  /** The UTC offset the chart screen will ask for (this machine's), to roll finished hours and days up as they end. */
  utcOffsetMinutes?: number;
}

export interface Watcher {
  /** Takes the first sample at once, then one every interval. */
  start(): void;
  /** Cancels the sample in flight (it is not recorded) and waits for it to settle. */
  stop(): Promise<void>;
  /** Settles when the sample in flight, if any, has been recorded and the next one scheduled. */
  idle(): Promise<void>;
  readonly running: boolean;
  readonly openIncident: WatchIncident | null;
  /** Probe rounds started since start(). */
  readonly rounds: number;
  readonly nextSampleAt: number | null;
}

/**
 * The watch loop: a probe sample every interval, fixed-rate (a slow sample does not push the schedule;
 * missed slots are skipped, never queued), the simulated redirect after every Nth probe sample, each
 * sample stored, fed to the incident tracker and its alert, if any, handed to `notify`. Samples of one
 * round run one after the other, never overlapping: the watch adds one connection at a time to the
 * platform's load and its timings are not disturbed by its own traffic.
 */
export function createWatcher(options: WatcherOptions): Watcher {
  const clock = options.clock ?? systemClock;
  const { history, storeId, schedule } = options;
  const report = options.onError ?? (() => {});
  const failingKinds: WatchSampleKind[] = (['probe', 'simulation'] as const).filter(
    (kind) => history.lastSample(storeId, kind)?.ok === false,
  );
  const tracker = new IncidentTracker({
    storeId,
    storeName: options.storeName,
    incidents: history.incidents,
    failingKinds,
    ...(options.recoverAfterOkSamples ? { recoverAfterOkSamples: options.recoverAfterOkSamples } : {}),
  });

  let running = false;
  let controller = new AbortController();
  let timer: unknown = null;
  let inFlight: Promise<void> = Promise.resolve();
  let rounds = 0;
  let firstAt = 0;
  let nextAt: number | null = null;
  let roundsSinceSimulation = Number.POSITIVE_INFINITY;
  let lastSimulationAt: number | null = null;
  let lastRetentionAt: number | null = null;

  const record = (sample: WatchSample) => {
    let alert: WatchAlert | null = null;
    try {
      history.append(storeId, sample);
      alert = tracker.observe(sample);
    } catch (error) {
      report(error, 'record');
    }
    options.onSample?.(sample);
    if (alert) {
      try {
        options.notify(alert);
      } catch (error) {
        report(error, 'notify');
      }
    }
  };

  const retention = (now: number) => {
    if (schedule.retentionDays === null) return;
    if (lastRetentionAt !== null && now - lastRetentionAt < DAY_MS) return;
    lastRetentionAt = now;
    try {
      history.applyRetention(schedule.retentionDays, now);
    } catch (error) {
      report(error, 'retention');
    }
  };

  const utcOffset = options.utcOffsetMinutes ?? -new Date(clock.now()).getTimezoneOffset();
  const sealRollups = () => {
    try {
      history.sealRollups(storeId, utcOffset, clock.now());
    } catch (error) {
      report(error, 'record');
    }
  };

  const simulationDue = (at: number): boolean =>
    !!options.simulate &&
    schedule.simulationEverySamples > 0 &&
    roundsSinceSimulation >= schedule.simulationEverySamples &&
    (lastSimulationAt === null || at - lastSimulationAt >= schedule.minSimulationGapMs);

  const round = async (signal: AbortSignal) => {
    retention(clock.now());
    const at = clock.now();
    rounds += 1;
    roundsSinceSimulation += 1;
    try {
      const sample = await options.probe(at, signal);
      if (sample && !signal.aborted) record(sample);
    } catch (error) {
      if (!signal.aborted) report(error, 'probe');
    }
    const simAt = clock.now();
    if (!signal.aborted && simulationDue(simAt)) {
      roundsSinceSimulation = 0;
      lastSimulationAt = simAt;
      try {
        const sample = await takeSimulationSample(options.simulate!, simAt, signal);
        if (sample && !signal.aborted) record(sample);
      } catch (error) {
        if (!signal.aborted) report(error, 'simulation');
      }
    }
    sealRollups();
  };

  const scheduleNext = () => {
    if (!running) return;
    const now = clock.now();
    // Fixed rate from the first round: the next slot still ahead, skipping any the last round overran.
    const slots = Math.max(rounds, Math.floor((now - firstAt) / schedule.intervalMs) + 1);
    nextAt = firstAt + slots * schedule.intervalMs;
    timer = clock.setTimeout(runRound, nextAt - now);
  };

  function runRound() {
    timer = null;
    nextAt = null;
    if (!running) return;
    inFlight = round(controller.signal).finally(scheduleNext);
  }

  return {
    start() {
      if (running) return;
      if (!(schedule.intervalMs > 0)) throw new RangeError('intervalMs must be positive');
      running = true;
      controller = new AbortController();
      firstAt = clock.now();
      runRound();
    },
    async stop() {
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      nextAt = null;
      controller.abort();
      await inFlight.catch(() => {});
    },
    idle: () => inFlight.catch(() => {}),
    get running() {
      return running;
    },
    get openIncident() {
      return tracker.openIncident;
    },
    get rounds() {
      return rounds;
    },
    get nextSampleAt() {
      return nextAt;
    },
  };
}
