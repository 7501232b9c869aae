import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import type {
  SimulationHop,
  SimulationProgress,
  SimulationSeries,
  SimulationStage,
  SimulationUnavailable,
  StageTiming,
} from '../../../../shared/simulation/simulation-result';
import type { BuyerProfile } from '../../../../shared/simulation/device-profiles';
import { createRunSession, IDLE_RUN, type RunState } from '../../app/run-session';

/**
 * The simulation screen's run session (app/run-session, like the checklist's and the timings'): a run
 * keeps going in main when the user visits another screen, and coming back shows it still running, with
 * the hops seen so far, not a blank screen or a second run.
 */

export type SimulationOutput = SimulationSeries | SimulationUnavailable;

export type { SessionError } from '../../app/run-session';

export type LiveStageStatus = 'running' | StageTiming['status'];

export interface LiveStage {
  stage: SimulationStage;
  status: LiveStageStatus;
  /** Known once the stage has finished. */
  durationMs: number | null;
}

/** The run in progress (or the last one of the run in progress), as its progress events tell it. */
export interface LiveRun {
  /** 0-based position in the series. */
  run: number;
  stages: LiveStage[];
  hops: SimulationHop[];
  cashier: { state: string | null; errorCode: string | null } | null;
}

export interface FinishedRun {
  run: number;
  outcome: OutcomeCode;
  timeToReadyMs: number | null;
}

export interface SimulationSession extends RunState {
  /** How many runs the run in progress (or the last one) asked for. */
  runs: number | null;
  live: LiveRun | null;
  /** Runs of the series in progress that have ended, in order. */
  finished: FinishedRun[];
  /** The finished series (or why none could run); null while running or before the first one. */
  result: SimulationOutput | null;
  /** The store the result is about, when this session ran it (main's last run does not say). */
  store: { id: string; name: string } | null;
}

const PROGRESS_TYPES: ReadonlySet<string> = new Set<SimulationProgress['type']>([
  'stage-started',
  'stage-finished',
  'hop',
  'cashier-state',
  'run-finished',
]);

/** The detail of a progress event of kind 'simulation'. */
const isSimulationProgress = (detail: unknown): detail is SimulationProgress =>
  typeof detail === 'object' &&
  detail !== null &&
  PROGRESS_TYPES.has((detail as SimulationProgress).type) &&
  typeof (detail as SimulationProgress).run === 'number';

const withStage = (stages: readonly LiveStage[], next: LiveStage): LiveStage[] =>
  stages.some((stage) => stage.stage === next.stage)
    ? stages.map((stage) => (stage.stage === next.stage ? next : stage))
    : [...stages, next];

/** The live run an event belongs to: the current one, or a fresh one when the series moved on. */
const liveFor = (live: LiveRun | null, run: number): LiveRun =>
  live && live.run === run ? live : { run, stages: [], hops: [], cashier: null };

/** What one progress event changes. */
function apply(previous: SimulationSession, event: SimulationProgress): Partial<SimulationSession> {
  if (event.type === 'run-finished') {
    return {
      finished: [
        ...previous.finished.filter((run) => run.run !== event.run),
        { run: event.run, outcome: event.outcome, timeToReadyMs: event.timeToReadyMs },
      ],
    };
  }
  const live = liveFor(previous.live, event.run);
  switch (event.type) {
    case 'stage-started':
      return {
        live: {
          ...live,
          stages: withStage(live.stages, { stage: event.stage, status: 'running', durationMs: null }),
        },
      };
    case 'stage-finished':
      return {
        live: {
          ...live,
          stages: withStage(live.stages, {
            stage: event.stage,
            status: event.status,
            durationMs: event.durationMs,
          }),
        },
      };
    case 'hop':
      return {
        live: {
          ...live,
          hops: [...live.hops.filter((hop) => hop.index !== event.hop.index), event.hop].sort(
            (a, b) => a.index - b.index,
          ),
        },
      };
    case 'cashier-state':
      // The page's state after it left the cashier (null) says nothing about the cashier.
      if (event.state === null && live.cashier !== null) return {};
      return { live: { ...live, cashier: { state: event.state, errorCode: event.errorCode } } };
  }
}

const session = createRunSession<'simulation', SimulationSession>({
  kind: 'simulation',
  initial: { ...IDLE_RUN, runs: null, live: null, finished: [], result: null, store: null },
  fromLast: (last) => ({ result: last, runs: last?.kind === 'simulation-series' ? last.requested : null }),
  onProgress: (previous, event) =>
    isSimulationProgress(event.detail) ? apply(previous, event.detail) : null,
  onEnd: () => ({ live: null, finished: [] }),
});

export const useSimulationSession = session.useSession;

/** The last series main remembers, once per session (afterwards this session's own view is newer). */
export const loadLastSimulation = (): Promise<void> => session.loadLast();

/** A run made elsewhere (a whole diagnosis on Home) becomes what this screen shows, unless one is going. */
export function showSimulationRun(result: SimulationOutput, store: { id: string; name: string }): void {
  if (session.get().phase === 'running') return;
  session.update({
    phase: 'idle',
    result,
    runs: result.kind === 'simulation-series' ? result.requested : null,
    live: null,
    finished: [],
    store,
    error: null,
    lastLoaded: true,
  });
}

/**
 * Simulates the Baitiao payment `runs` times in a row (1 for 一键重试) as `buyer` (a device and network),
 * streaming each hop as it happens.
 */
export const runSimulation = (
  store: { id: string; name: string },
  runs: number,
  buyer?: BuyerProfile,
): Promise<void> =>
  session.run({
    input: { ...(runs > 1 ? { runs } : {}), ...(buyer ? { buyer } : {}) },
    start: () => ({ runs, live: null, finished: [], result: null, store }),
    finish: (result) => ({ result }),
  });

export const cancelSimulation = (): Promise<void> => session.cancel();
