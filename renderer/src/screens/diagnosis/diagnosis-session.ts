import { useSyncExternalStore } from 'react';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { doctor } from '../../ipc/doctor';
import { showChecklistRun } from '../checklist/checklist-session';

/**
 * 开始诊断's state lives outside the screens, for the whole renderer session (like the checklist's): a
 * diagnosis keeps going in main when the user opens another screen, and coming back to Home shows it
 * still running, with its progress, not a blank screen or a second run.
 */

export type SessionError = { kind: 'run' | 'cancel' | 'last'; reason: string };

/** The parts of a diagnosis, in the order a shop owner reads them. Simulation and probes run side by side. */
export const STAGES = ['simulation', 'probes', 'checklist'] as const;
export type Stage = (typeof STAGES)[number];
export type StageState = 'waiting' | 'running' | 'done';

/** What the progress view names: a stage, or the moments before and after them. */
export type CurrentStep = 'started' | Stage | 'done';

export interface DiagnosisProgress {
  step: CurrentStep;
  stages: Record<Stage, StageState>;
  /** Checks finished, of all checks. */
  done: number;
  total: number;
}

export interface DiagnosisSession {
  phase: 'idle' | 'loading-last' | 'running';
  taskId: string | null;
  cancelling: boolean;
  progress: DiagnosisProgress | null;
  /** The last diagnosis: this session's own, or the one main remembers. */
  diagnosis: Diagnosis | null;
  /** Bumped when a run of this session ends, so a screen can move focus to the verdict once. */
  finishedRuns: number;
  error: SessionError | null;
  lastLoaded: boolean;
}

const initial: DiagnosisSession = {
  phase: 'idle',
  taskId: null,
  cancelling: false,
  progress: null,
  diagnosis: null,
  finishedRuns: 0,
  error: null,
  lastLoaded: false,
};

let state: DiagnosisSession = initial;
const listeners = new Set<() => void>();

const update = (
  change: Partial<DiagnosisSession> | ((previous: DiagnosisSession) => Partial<DiagnosisSession>),
) => {
  state = { ...state, ...(typeof change === 'function' ? change(state) : change) };
  listeners.forEach((listener) => listener());
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useDiagnosisSession = (): DiagnosisSession => useSyncExternalStore(subscribe, () => state);

/** Read afresh after an await (TypeScript would keep the narrowing from before it). */
const currentPhase = (): DiagnosisSession['phase'] => state.phase;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const newTaskId = () => `diagnosis-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const startingProgress = (): DiagnosisProgress => ({
  step: 'started',
  stages: { simulation: 'waiting', probes: 'waiting', checklist: 'waiting' },
  done: 0,
  total: 0,
});

/** The last diagnosis main remembers, once per session (afterwards this session's own is newer). */
export async function loadLastDiagnosis(): Promise<void> {
  if (state.lastLoaded || state.phase !== 'idle') return;
  update({ phase: 'loading-last', lastLoaded: true });
  try {
    const last = await doctor.invoke('diagnosis.last', undefined);
    if (currentPhase() !== 'loading-last') return;
    update({ phase: 'idle', diagnosis: last });
  } catch (error) {
    if (currentPhase() === 'loading-last')
      update({ phase: 'idle', error: { kind: 'last', reason: reasonOf(error) } });
  }
}

const detailType = (detail: unknown): string | null =>
  typeof detail === 'object' && detail !== null && typeof (detail as { type?: unknown }).type === 'string'
    ? (detail as { type: string }).type
    : null;

/** A probe progress event's detail carries its own count: the probes are over when it is full. */
const probesFinished = (detail: unknown): boolean => {
  if (typeof detail !== 'object' || detail === null) return false;
  const { done, total } = detail as { done?: unknown; total?: unknown };
  return typeof done === 'number' && typeof total === 'number' && done >= total;
};

/**
 * The next progress from main's event. Simulation and probes run side by side, so their events
 * interleave; the step named is the first of them still going, then the checklist, which reads both.
 */
export function nextProgress(
  previous: DiagnosisProgress,
  event: EventPayload<'progress'>,
): DiagnosisProgress {
  const stages = { ...previous.stages };
  switch (event.step) {
    case 'simulation':
      stages.simulation = detailType(event.detail) === 'run-finished' ? 'done' : 'running';
      break;
    case 'probes':
      if (stages.probes !== 'done') stages.probes = probesFinished(event.detail) ? 'done' : 'running';
      break;
    case 'checklist':
      // The checklist starts once both are over (a simulation that could not run sends no end).
      stages.simulation = 'done';
      stages.probes = 'done';
      stages.checklist = 'running';
      break;
    case 'done':
      stages.simulation = 'done';
      stages.probes = 'done';
      stages.checklist = 'done';
      break;
    default:
      break;
  }
  const step: CurrentStep =
    event.step === 'done'
      ? 'done'
      : stages.checklist === 'running'
        ? 'checklist'
        : stages.simulation === 'running'
          ? 'simulation'
          : stages.probes === 'running'
            ? 'probes'
            : previous.step;
  return { step, stages, done: event.done, total: event.total };
}

const onProgress = (event: EventPayload<'progress'>) => {
  if (event.kind !== 'diagnosis' || event.taskId !== state.taskId || state.phase !== 'running') return;
  update((previous) => ({ progress: nextProgress(previous.progress ?? startingProgress(), event) }));
};

/** 开始诊断: the simulated payment and the timings side by side, then the checklist, then one verdict. */
export async function runDiagnosis(store: { id: string; name: string }): Promise<void> {
  if (state.phase === 'running') return;
  const taskId = newTaskId();
  update({
    phase: 'running',
    taskId,
    cancelling: false,
    progress: startingProgress(),
    error: null,
    // Nothing from before is worth reading while a new diagnosis is on its way.
    diagnosis: null,
    lastLoaded: true,
  });
  const unsubscribe = doctor.on('progress', onProgress);
  try {
    const diagnosis = await doctor.invoke('diagnosis.run', { taskId });
    update({ diagnosis });
    // The Checklist screen then shows the checks this diagnosis ran, not an older run.
    showChecklistRun(diagnosis.checklist, store);
  } catch (error) {
    update({ error: { kind: 'run', reason: reasonOf(error) } });
  } finally {
    unsubscribe();
    update((previous) => ({
      phase: 'idle',
      taskId: null,
      cancelling: false,
      progress: null,
      finishedRuns: previous.finishedRuns + 1,
    }));
  }
}

export async function cancelDiagnosis(): Promise<void> {
  const { taskId } = state;
  if (!taskId || state.cancelling) return;
  update({ cancelling: true });
  try {
    await doctor.invoke('diagnosis.cancel', { taskId });
  } catch (error) {
    if (state.taskId === taskId)
      update({ cancelling: false, error: { kind: 'cancel', reason: reasonOf(error) } });
  }
}
