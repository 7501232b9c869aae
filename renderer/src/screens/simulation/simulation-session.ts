import { useSyncExternalStore } from 'react';
import type { EventPayload } from '../../../../shared/ipc/contract';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import type {
  SimulationHop,
  SimulationProgress,
  SimulationSeries,
  SimulationStage,
  SimulationUnavailable,
  StageTiming,
} from '../../../../shared/simulation/simulation-result';
import { doctor } from '../../ipc/doctor';

/**
 * The simulation screen's state lives outside the screen, for the whole renderer session (like the
 * checklist's and the timings'): a run keeps going in main when the user visits another screen, and
 * coming back shows it still running, with the hops seen so far, not a blank screen or a second run.
 */

export type SimulationOutput = SimulationSeries | SimulationUnavailable;

export type SessionError = { kind: 'run' | 'cancel' | 'last'; reason: string };

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

export interface SimulationSession {
  phase: 'idle' | 'loading-last' | 'running';
  taskId: string | null;
  cancelling: boolean;
  /** How many runs the run in progress (or the last one) asked for. */
  runs: number | null;
  live: LiveRun | null;
  /** Runs of the series in progress that have ended, in order. */
  finished: FinishedRun[];
  /** The finished series (or why none could run); null while running or before the first one. */
  result: SimulationOutput | null;
  /** The store the result is about, when this session ran it (main's last run does not say). */
  store: { id: string; name: string } | null;
  error: SessionError | null;
  lastLoaded: boolean;
}

const initial: SimulationSession = {
  phase: 'idle',
  taskId: null,
  cancelling: false,
  runs: null,
  live: null,
  finished: [],
  result: null,
  store: null,
  error: null,
  lastLoaded: false,
};

let state: SimulationSession = initial;
const listeners = new Set<() => void>();

const update = (
  change: Partial<SimulationSession> | ((previous: SimulationSession) => Partial<SimulationSession>),
) => {
  state = { ...state, ...(typeof change === 'function' ? change(state) : change) };
  listeners.forEach((listener) => listener());
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useSimulationSession = (): SimulationSession => useSyncExternalStore(subscribe, () => state);

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

/** Read afresh after an await (TypeScript would keep the narrowing from before it). */
const currentPhase = (): SimulationSession['phase'] => state.phase;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const newTaskId = () => `simulation-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The last series main remembers, once per session (afterwards this session's own view is newer). */
export async function loadLastSimulation(): Promise<void> {
  if (state.lastLoaded || state.phase !== 'idle') return;
  update({ phase: 'loading-last', lastLoaded: true });
  try {
    const last = await doctor.invoke('simulation.last', undefined);
    if (currentPhase() !== 'loading-last') return;
    update({
      phase: 'idle',
      result: last,
      runs: last?.kind === 'simulation-series' ? last.requested : null,
    });
  } catch (error) {
    if (currentPhase() === 'loading-last')
      update({ phase: 'idle', error: { kind: 'last', reason: reasonOf(error) } });
  }
}

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

const onProgress = (event: EventPayload<'progress'>) => {
  if (event.kind !== 'simulation' || event.taskId !== state.taskId || state.phase !== 'running') return;
  const detail = event.detail;
  if (!isSimulationProgress(detail)) return;
  update((previous) => apply(previous, detail));
};

/** Simulates the Baitiao payment `runs` times in a row (1 for 一键重试), streaming each hop as it happens. */
export async function runSimulation(store: { id: string; name: string }, runs: number): Promise<void> {
  if (state.phase === 'running') return;
  const taskId = newTaskId();
  update({
    phase: 'running',
    taskId,
    cancelling: false,
    runs,
    live: null,
    finished: [],
    result: null,
    store,
    error: null,
  });
  const unsubscribe = doctor.on('progress', onProgress);
  try {
    const result = await doctor.invoke('simulation.run', runs > 1 ? { taskId, runs } : { taskId });
    update({ result });
  } catch (error) {
    update({ error: { kind: 'run', reason: reasonOf(error) } });
  } finally {
    unsubscribe();
    update({ phase: 'idle', taskId: null, cancelling: false, live: null, finished: [] });
  }
}

export async function cancelSimulation(): Promise<void> {
  const { taskId } = state;
  if (!taskId || state.cancelling) return;
  update({ cancelling: true });
  try {
    await doctor.invoke('simulation.cancel', { taskId });
  } catch (error) {
    if (state.taskId === taskId)
      update({ cancelling: false, error: { kind: 'cancel', reason: reasonOf(error) } });
  }
}
