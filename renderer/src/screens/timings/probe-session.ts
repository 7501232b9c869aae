import { useSyncExternalStore } from 'react';
import type { EventPayload } from '../../../../shared/ipc/contract';
import type { ProbeRequestResult, ProbeRun } from '../../../../shared/probe/probe-result';
import { doctor } from '../../ipc/doctor';

/**
 * The timings screen's state lives outside the screen, for the whole renderer session (like the
 * checklist's): a run keeps going in main when the user visits another screen, and coming back shows it
 * still running, with what arrived so far, not a blank screen or a second run.
 */

export type SessionError = { kind: 'run' | 'cancel' | 'last'; reason: string };

export interface ProbeSession {
  phase: 'idle' | 'loading-last' | 'running';
  taskId: string | null;
  cancelling: boolean;
  /** How many times per address the run in progress (or the last one) asked for. */
  count: number | null;
  /** Requests so far: streamed while running, the run's own list once it ends. */
  results: ProbeRequestResult[];
  /** The finished run (summaries included), null while running or before the first one. */
  run: ProbeRun | null;
  progress: { done: number; total: number; latest: ProbeRequestResult | null } | null;
  /** The store the results are about, when this session ran them (main's last run does not say). */
  store: { id: string; name: string } | null;
  error: SessionError | null;
  lastLoaded: boolean;
}

const initial: ProbeSession = {
  phase: 'idle',
  taskId: null,
  cancelling: false,
  count: null,
  results: [],
  run: null,
  progress: null,
  store: null,
  error: null,
  lastLoaded: false,
};

let state: ProbeSession = initial;
const listeners = new Set<() => void>();

const update = (change: Partial<ProbeSession> | ((previous: ProbeSession) => Partial<ProbeSession>)) => {
  state = { ...state, ...(typeof change === 'function' ? change(state) : change) };
  listeners.forEach((listener) => listener());
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useProbeSession = (): ProbeSession => useSyncExternalStore(subscribe, () => state);

/** A finished request in a progress event of kind 'probe'. */
const isRequestResult = (detail: unknown): detail is ProbeRequestResult =>
  typeof detail === 'object' &&
  detail !== null &&
  typeof (detail as ProbeRequestResult).id === 'string' &&
  typeof (detail as ProbeRequestResult).target === 'object' &&
  Array.isArray((detail as ProbeRequestResult).hops);

/** Read afresh after an await (TypeScript would keep the narrowing from before it). */
const currentPhase = (): ProbeSession['phase'] => state.phase;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const newTaskId = () => `probe-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The last run main remembers, once per session (afterwards this session's own view is newer). */
export async function loadLastProbeRun(): Promise<void> {
  if (state.lastLoaded || state.phase !== 'idle') return;
  update({ phase: 'loading-last', lastLoaded: true });
  try {
    const last = await doctor.invoke('probe.last', undefined);
    if (currentPhase() !== 'loading-last') return;
    update(
      last
        ? { phase: 'idle', run: last, results: last.results, count: last.settings.count }
        : { phase: 'idle' },
    );
  } catch (error) {
    if (currentPhase() === 'loading-last')
      update({ phase: 'idle', error: { kind: 'last', reason: reasonOf(error) } });
  }
}

const onProgress = (event: EventPayload<'progress'>) => {
  if (event.kind !== 'probe' || event.taskId !== state.taskId || state.phase !== 'running') return;
  const result = isRequestResult(event.detail) ? event.detail : null;
  update((previous) => ({
    progress: { done: event.done, total: event.total, latest: result ?? previous.progress?.latest ?? null },
    results: result ? [...previous.results, result] : previous.results,
  }));
};

/** Probes every address of the active store `count` times, streaming each request as it ends. */
export async function runProbes(store: { id: string; name: string }, count: number): Promise<void> {
  if (state.phase === 'running') return;
  const taskId = newTaskId();
  update({
    phase: 'running',
    taskId,
    cancelling: false,
    count,
    results: [],
    run: null,
    progress: null,
    store,
    error: null,
  });
  const unsubscribe = doctor.on('progress', onProgress);
  try {
    const run = await doctor.invoke('probe.run', { taskId, count });
    update({ run, results: run.results });
  } catch (error) {
    update({ error: { kind: 'run', reason: reasonOf(error) } });
  } finally {
    unsubscribe();
    update({ phase: 'idle', taskId: null, cancelling: false, progress: null });
  }
}

export async function cancelProbes(): Promise<void> {
  const { taskId } = state;
  if (!taskId || state.cancelling) return;
  update({ cancelling: true });
  try {
    await doctor.invoke('probe.cancel', { taskId });
  } catch (error) {
    if (state.taskId === taskId)
      update({ cancelling: false, error: { kind: 'cancel', reason: reasonOf(error) } });
  }
}
