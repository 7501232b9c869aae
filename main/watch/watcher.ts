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
  /**
   * The wall clock jumped (by jumpMs; negative: backward) between two rounds. The schedule did not move
   * (it runs on the monotonic clock); samples keep their wall-clock times. Told once per jump.
   */
  onClockJump?: (jump: { jumpMs: number; at: number }) => void;
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

/** A wall-clock move this much beyond the monotonic clock's between two rounds is a jump, not drift. */
const CLOCK_JUMP_MS = 2_000;

/**
 * The watch loop: a probe sample every interval, fixed-rate on the monotonic clock (a slow sample does not push the schedule;
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
  /** Monotonic time of the first round: slots are counted from it. */
  let firstAt = 0;
  /** Wall time of the next slot, as shown to the user. */
  let nextAt: number | null = null;
  /** Both clocks at the last look: a jump is the wall clock moving differently from the monotonic one. */
  let lastSeen: { wall: number; mono: number } | null = null;
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

  const noticeJump = () => {
    const seen = { wall: clock.now(), mono: clock.monotonic() };
    if (lastSeen) {
      const jumpMs = seen.wall - lastSeen.wall - (seen.mono - lastSeen.mono);
      if (Math.abs(jumpMs) > CLOCK_JUMP_MS) {
        try {
          options.onClockJump?.({ jumpMs, at: seen.wall });
        } catch (error) {
          report(error, 'notify');
        }
      }
    }
    lastSeen = seen;
  };

  const retention = (now: number) => {
    if (schedule.retentionDays === null) return;
    // Once a day by the monotonic clock; the cutoff itself is wall time, like the samples' times.
    const mono = clock.monotonic();
    if (lastRetentionAt !== null && mono - lastRetentionAt < DAY_MS) return;
    lastRetentionAt = mono;
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

  const simulationDue = (mono: number): boolean =>
    !!options.simulate &&
    schedule.simulationEverySamples > 0 &&
    roundsSinceSimulation >= schedule.simulationEverySamples &&
    (lastSimulationAt === null || mono - lastSimulationAt >= schedule.minSimulationGapMs);

  const round = async (signal: AbortSignal) => {
    noticeJump();
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
    if (!signal.aborted && simulationDue(clock.monotonic())) {
      roundsSinceSimulation = 0;
      lastSimulationAt = clock.monotonic();
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
    // Monotonic: a wall clock set back an hour must not stall the watch for an hour, nor one set forward
    // make it hurry through the skipped slots.
    const now = clock.monotonic();
    // Fixed rate from the first round: the next slot still ahead, skipping any the last round overran.
    const slots = Math.max(rounds, Math.floor((now - firstAt) / schedule.intervalMs) + 1);
    const delay = firstAt + slots * schedule.intervalMs - now;
    // A wall-clock time in whole milliseconds (the IPC contract's safe integer); delay may be fractional.
    nextAt = Math.round(clock.now() + delay);
    timer = clock.setTimeout(runRound, delay);
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
      firstAt = clock.monotonic();
      lastSeen = null;
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
