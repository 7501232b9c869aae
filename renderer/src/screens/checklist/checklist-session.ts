import type { CheckId } from '../../../../shared/checklist/catalog';
import type { CheckResult, CheckStatus, ChecklistRun } from '../../../../shared/checklist/check-result';
import { createRunSession, IDLE_RUN, type ProgressEvent, type RunState } from '../../app/run-session';

/**
 * The checklist's run session (app/run-session): a run keeps going in main when the user visits another
 * screen, and coming back shows it still running (and its progress), not a blank screen or a second run.
 */

export type RunInfo = Pick<ChecklistRun, 'runId' | 'startedAt' | 'finishedAt' | 'durationMs' | 'cancelled'>;

export type { SessionError } from '../../app/run-session';

export interface ChecklistSession extends RunState {
  /** Only these were asked for (a re-run of one check); null for a full run. */
  only: CheckId[] | null;
  /** What the screen shows: the last whole run with re-runs merged in, or what arrived so far. */
  results: CheckResult[];
  /** Checks started and not finished yet, oldest first. */
  running: string[];
  progress: { done: number; total: number } | null;
  /** The run the results came from, null before the first one. */
  info: RunInfo | null;
  /** The store the results are about, when this session ran them (main's last run does not say). */
  store: { id: string; name: string } | null;
}

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

const infoOf = (run: ChecklistRun): RunInfo => ({
  runId: run.runId,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  durationMs: run.durationMs,
  cancelled: run.cancelled,
});

/** What one progress event changes: a check started, or a check's result. */
function withProgress(previous: ChecklistSession, event: ProgressEvent): Partial<ChecklistSession> {
  const progress = { done: event.done, total: event.total };
  if (isCheckResult(event.detail)) {
    const result = event.detail;
    return {
      progress,
      running: previous.running.filter((id) => id !== result.id),
      results: merge(previous.results, [result]),
    };
  }
  return {
    progress,
    running: previous.running.includes(event.step) ? previous.running : [...previous.running, event.step],
  };
}

const session = createRunSession<'checklist', ChecklistSession>({
  kind: 'checklist',
  initial: { ...IDLE_RUN, only: null, results: [], running: [], progress: null, info: null, store: null },
  fromLast: (last) => (last ? { results: last.results, info: infoOf(last) } : {}),
  onProgress: withProgress,
  onEnd: () => ({ only: null, running: [], progress: null }),
});

export const useChecklistSession = session.useSession;

/** The last run main remembers, once per session (afterwards this session's own view is newer). */
export const loadLastRun = (): Promise<void> => session.loadLast();

/** A run made elsewhere (a whole diagnosis on Home) becomes what this screen shows, unless one is going. */
export function showChecklistRun(run: ChecklistRun, store: { id: string; name: string }): void {
  if (session.get().phase === 'running') return;
  session.update({
    phase: 'idle',
    results: run.results,
    info: infoOf(run),
    store,
    error: null,
    lastLoaded: true,
  });
}

/** Runs every check, or only some (with what they depend on), streaming each result as it ends. */
export const runChecklist = (store: { id: string; name: string }, only?: CheckId[]): Promise<void> =>
  session.run({
    input: only ? { only } : {},
    start: (previous) => ({
      only: only ?? null,
      // A full run starts from nothing; a re-run keeps the other results in view.
      results: only ? previous.results : [],
      info: only ? previous.info : null,
      store,
      running: [],
      progress: null,
    }),
    finish: (run, previous) => ({
      results: only ? merge(previous.results, run.results) : run.results,
      info: only && previous.info ? { ...previous.info, cancelled: run.cancelled } : infoOf(run),
    }),
  });

export const cancelChecklist = (): Promise<void> => session.cancel();
