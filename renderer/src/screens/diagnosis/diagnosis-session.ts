import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import type { Scenario } from '../../../../shared/sandbox/scenarios';
import { createRunSession, IDLE_RUN, type ProgressEvent, type RunState } from '../../app/run-session';
import { showChecklistRun } from '../checklist/checklist-session';
import { showSimulationRun } from '../simulation/simulation-session';
import { showProbeRun } from '../timings/probe-session';

/**
 * 开始诊断's run session (app/run-session, like the checklist's): a diagnosis keeps going in main when
 * the user opens another screen, and coming back to Home shows it still running, with its progress, not
 * a blank screen or a second run.
 */

export type { SessionError } from '../../app/run-session';

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
  /** When the run started and when main last said anything (Date.now()), for elapsed and silent time. */
  startedAt: number;
  lastEventAt: number;
}

export interface DiagnosisSession extends RunState {
  progress: DiagnosisProgress | null;
  /** The last diagnosis: this session's own, or the one main remembers. */
  diagnosis: Diagnosis | null;
  /** Bumped when a run of this session ends, so a screen can move focus to the verdict once. */
  finishedRuns: number;
  /** The demo scenario switched to since the diagnosis shown: its verdict is about another fault. */
  staleAfter: Scenario | null;
}

const startingProgress = (): DiagnosisProgress => ({
  step: 'started',
  stages: { simulation: 'waiting', probes: 'waiting', checklist: 'waiting' },
  done: 0,
  total: 0,
  startedAt: Date.now(),
  lastEventAt: Date.now(),
});

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
export function nextProgress(previous: DiagnosisProgress, event: ProgressEvent): DiagnosisProgress {
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
  return {
    step,
    stages,
    done: event.done,
    total: event.total,
    startedAt: previous.startedAt,
    lastEventAt: Date.now(),
  };
}

const session = createRunSession<'diagnosis', DiagnosisSession>({
  kind: 'diagnosis',
  initial: { ...IDLE_RUN, progress: null, diagnosis: null, finishedRuns: 0, staleAfter: null },
  fromLast: (last) => ({ diagnosis: last }),
  onProgress: (previous, event) => ({
    progress: nextProgress(previous.progress ?? startingProgress(), event),
  }),
  onEnd: (previous) => ({ progress: null, finishedRuns: previous.finishedRuns + 1 }),
});

export const useDiagnosisSession = session.useSession;

/** The last diagnosis main remembers, once per session (afterwards this session's own is newer). */
export const loadLastDiagnosis = (): Promise<void> => session.loadLast();

/** 开始诊断: the simulated payment and the timings side by side, then the checklist, then one verdict. */
export const runDiagnosis = (store: { id: string; name: string }): Promise<void> =>
  session.run({
    input: {},
    start: () => ({
      progress: startingProgress(),
      // Nothing from before is worth reading while a new diagnosis is on its way.
      diagnosis: null,
      staleAfter: null,
      lastLoaded: true,
    }),
    finish: (diagnosis) => ({ diagnosis }),
    // Checklist, Simulation and Timings then show what this diagnosis ran, not an older run of their own.
    after: (diagnosis) => {
      showChecklistRun(diagnosis.checklist, store);
      showSimulationRun(diagnosis.simulation, store);
      showProbeRun(diagnosis.probes, store);
    },
  });

export const cancelDiagnosis = (): Promise<void> => session.cancel();

/** Another demo scenario is playing: the verdict shown (if any) answers for the one before. */
export function markDiagnosisStale(scenario: Scenario): void {
  session.update((previous) => (previous.diagnosis ? { staleAfter: scenario } : {}));
}
