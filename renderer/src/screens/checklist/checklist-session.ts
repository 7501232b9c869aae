import { useSyncExternalStore } from 'react';
import type { CheckId } from '../../../../shared/checklist/catalog';
import type { CheckResult, CheckStatus, ChecklistRun } from '../../../../shared/checklist/check-result';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { doctor } from '../../ipc/doctor';

/**
 * The checklist's state lives outside the screen, for the whole renderer session: a run keeps going in
 * main when the user visits another screen, and coming back shows it still running (and its progress),
 * not a blank screen or a second run.
 */

export type RunInfo = Pick<ChecklistRun, 'runId' | 'startedAt' | 'finishedAt' | 'durationMs' | 'cancelled'>;

export type SessionError = { kind: 'run' | 'cancel' | 'last'; reason: string };

export interface ChecklistSession {
  phase: 'idle' | 'loading-last' | 'running';
  /** The run in progress. */
  taskId: string | null;
  /** Only these were asked for (a re-run of one check); null for a full run. */
  only: CheckId[] | null;
  cancelling: boolean;
  /** What the screen shows: the last whole run with re-runs merged in, or what arrived so far. */
  results: CheckResult[];
  /** Checks started and not finished yet, oldest first. */
  running: string[];
  progress: { done: number; total: number } | null;
  /** The run the results came from, null before the first one. */
  info: RunInfo | null;
  /** The store the results are about, when this session ran them (main's last run does not say). */
  store: { id: string; name: string } | null;
  error: SessionError | null;
  lastLoaded: boolean;
}

const initial: ChecklistSession = {
  phase: 'idle',
  taskId: null,
  only: null,
  cancelling: false,
  results: [],
  running: [],
  progress: null,
  info: null,
  store: null,
  error: null,
  lastLoaded: false,
};

let state: ChecklistSession = initial;
const listeners = new Set<() => void>();

const update = (
  change: Partial<ChecklistSession> | ((previous: ChecklistSession) => Partial<ChecklistSession>),
) => {
  state = { ...state, ...(typeof change === 'function' ? change(state) : change) };
  listeners.forEach((listener) => listener());
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useChecklistSession = (): ChecklistSession => useSyncExternalStore(subscribe, () => state);

const STATUSES: ReadonlySet<string> = new Set<CheckStatus>(['pass', 'warn', 'fail', 'skip', 'error']);

/** A finished check in a progress event (main sends `{ status: 'running' }` when one starts). */
const isCheckResult = (detail: unknown): detail is CheckResult =>
  typeof detail === 'object' &&
  detail !== null &&
  typeof (detail as CheckResult).id === 'string' &&
  STATUSES.has((detail as CheckResult).status) &&
  typeof (detail as CheckResult).summary === 'object';

/** Puts `incoming` in place of results with the same id, adding the new ones at the end. */
const merge = (base: readonly CheckResult[], incoming: readonly CheckResult[]): CheckResult[] => {
  const byId = new Map(incoming.map((result) => [result.id, result]));
  const merged = base.map((result) => byId.get(result.id) ?? result);
  const known = new Set(base.map((result) => result.id));
  return [...merged, ...incoming.filter((result) => !known.has(result.id))];
};

/** Read afresh after an await (TypeScript would keep the narrowing from before it). */
const currentPhase = (): ChecklistSession['phase'] => state.phase;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const newTaskId = () => `checklist-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const infoOf = (run: ChecklistRun): RunInfo => ({
  runId: run.runId,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  durationMs: run.durationMs,
  cancelled: run.cancelled,
});

/** The last run main remembers, once per session (afterwards this session's own view is newer). */
export async function loadLastRun(): Promise<void> {
  if (state.lastLoaded || state.phase !== 'idle') return;
  update({ phase: 'loading-last', lastLoaded: true });
  try {
    const last = await doctor.invoke('checklist.last', undefined);
    // A run started meanwhile wins over what was there before it.
    if (currentPhase() !== 'loading-last') return;
    update(last ? { phase: 'idle', results: last.results, info: infoOf(last) } : { phase: 'idle' });
  } catch (error) {
    if (currentPhase() === 'loading-last')
      update({ phase: 'idle', error: { kind: 'last', reason: reasonOf(error) } });
  }
}

/** A run made elsewhere (a whole diagnosis on Home) becomes what this screen shows, unless one is going. */
export function showChecklistRun(run: ChecklistRun, store: { id: string; name: string }): void {
  if (state.phase === 'running') return;
  update({ phase: 'idle', results: run.results, info: infoOf(run), store, error: null, lastLoaded: true });
}

const onProgress = (event: EventPayload<'progress'>) => {
  if (event.kind !== 'checklist' || event.taskId !== state.taskId || state.phase !== 'running') return;
  const progress = { done: event.done, total: event.total };
  if (isCheckResult(event.detail)) {
    const result = event.detail;
    update((previous) => ({
      progress,
      running: previous.running.filter((id) => id !== result.id),
      results: merge(previous.results, [result]),
    }));
  } else {
    update((previous) => ({
      progress,
      running: previous.running.includes(event.step) ? previous.running : [...previous.running, event.step],
    }));
  }
};

/** Runs every check, or only some (with what they depend on), streaming each result as it ends. */
export async function runChecklist(store: { id: string; name: string }, only?: CheckId[]): Promise<void> {
  if (state.phase === 'running') return;
  const taskId = newTaskId();
  update((previous) => ({
    phase: 'running',
    taskId,
    only: only ?? null,
    cancelling: false,
    // A full run starts from nothing; a re-run keeps the other results in view.
    results: only ? previous.results : [],
    info: only ? previous.info : null,
    store,
    running: [],
    progress: null,
    error: null,
  }));
  const unsubscribe = doctor.on('progress', onProgress);
  try {
    const run = await doctor.invoke('checklist.run', only ? { taskId, only } : { taskId });
    update((previous) => ({
      results: only ? merge(previous.results, run.results) : run.results,
      info: only && previous.info ? { ...previous.info, cancelled: run.cancelled } : infoOf(run),
    }));
  } catch (error) {
    update({ error: { kind: 'run', reason: reasonOf(error) } });
  } finally {
    unsubscribe();
    update({ phase: 'idle', taskId: null, only: null, cancelling: false, running: [], progress: null });
  }
}

export async function cancelChecklist(): Promise<void> {
  const { taskId } = state;
  if (!taskId || state.cancelling) return;
  update({ cancelling: true });
  try {
    await doctor.invoke('checklist.cancel', { taskId });
  } catch (error) {
    if (state.taskId === taskId)
      update({ cancelling: false, error: { kind: 'cancel', reason: reasonOf(error) } });
  }
}
