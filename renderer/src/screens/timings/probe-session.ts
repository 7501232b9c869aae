import type { ProbeRequestResult, ProbeRun } from '../../../../shared/probe/probe-result';
import { createRunSession, IDLE_RUN, type RunState } from '../../app/run-session';

/**
 * The timings screen's run session (app/run-session, like the checklist's): a run keeps going in main
 * when the user visits another screen, and coming back shows it still running, with what arrived so far,
 * not a blank screen or a second run.
 */

export type { SessionError } from '../../app/run-session';

export interface ProbeSession extends RunState {
  /** How many times per address the run in progress (or the last one) asked for. */
  count: number | null;
  /** Requests so far: streamed while running, the run's own list once it ends. */
  results: ProbeRequestResult[];
  /** The finished run (summaries included), null while running or before the first one. */
  run: ProbeRun | null;
  progress: { done: number; total: number; latest: ProbeRequestResult | null } | null;
  /** The store the results are about, when this session ran them (main's last run does not say). */
  store: { id: string; name: string } | null;
}

/** A finished request in a progress event of kind 'probe'. */
const isRequestResult = (detail: unknown): detail is ProbeRequestResult =>
  typeof detail === 'object' &&
  detail !== null &&
  typeof (detail as ProbeRequestResult).id === 'string' &&
  typeof (detail as ProbeRequestResult).target === 'object' &&
  Array.isArray((detail as ProbeRequestResult).hops);

const session = createRunSession<'probe', ProbeSession>({
  kind: 'probe',
  initial: { ...IDLE_RUN, count: null, results: [], run: null, progress: null, store: null },
  fromLast: (last) => (last ? { run: last, results: last.results, count: last.settings.count } : {}),
  onProgress: (previous, event) => {
    const result = isRequestResult(event.detail) ? event.detail : null;
    return {
      progress: { done: event.done, total: event.total, latest: result ?? previous.progress?.latest ?? null },
      results: result ? [...previous.results, result] : previous.results,
    };
  },
  onEnd: () => ({ progress: null }),
});

export const useProbeSession = session.useSession;

/** The last run main remembers, once per session (afterwards this session's own view is newer). */
export const loadLastProbeRun = (): Promise<void> => session.loadLast();

/** A run made elsewhere (a whole diagnosis on Home) becomes what this screen shows, unless one is going. */
export function showProbeRun(run: ProbeRun, store: { id: string; name: string }): void {
  if (session.get().phase === 'running') return;
  session.update({
    phase: 'idle',
    run,
    results: run.results,
    count: run.settings.count,
    progress: null,
    store,
    error: null,
    lastLoaded: true,
  });
}

/** Probes every address of the active store `count` times, streaming each request as it ends. */
export const runProbes = (store: { id: string; name: string }, count: number): Promise<void> =>
  session.run({
    input: { count },
    start: () => ({ count, results: [], run: null, progress: null, store }),
    finish: (run) => ({ run, results: run.results }),
  });

export const cancelProbes = (): Promise<void> => session.cancel();
