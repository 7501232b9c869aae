import type { Channel, ChannelInput, ChannelOutput, EventPayload } from '../../../shared/ipc/contract';
import { doctor } from '../ipc/doctor';
import { createExternalStore, reasonOf } from './external-store';

/**
 * Long work that main runs under a taskId the renderer picks: `<kind>.run` resolves with the whole
 * result while `progress` events of that kind and taskId stream in, `<kind>.cancel` stops it, and
 * `<kind>.last` is the last result main remembers. These are the kinds the contract has all three for.
 */
export type RunKind = {
  [C in Channel]: C extends `${infer K}.run`
    ? `${K}.cancel` | `${K}.last` extends Channel
      ? K
      : never
    : never;
}[Channel];

type RunChannel<K extends RunKind> = Extract<`${K}.run`, Channel>;
type CancelChannel<K extends RunKind> = Extract<`${K}.cancel`, Channel>;
type LastChannel<K extends RunKind> = Extract<`${K}.last`, Channel>;

/** What a run is asked with, besides the taskId the session picks. */
export type RunInput<K extends RunKind> = Omit<ChannelInput<RunChannel<K>>, 'taskId'>;
export type RunOutput<K extends RunKind> = ChannelOutput<RunChannel<K>>;
export type LastOutput<K extends RunKind> = ChannelOutput<LastChannel<K>>;
export type ProgressEvent = EventPayload<'progress'>;

export type SessionError = { kind: 'run' | 'cancel' | 'last'; reason: string };

/** What every run session holds; each adds what its screen shows. */
export interface RunState {
  phase: 'idle' | 'loading-last' | 'running';
  /** The run in progress. */
  taskId: string | null;
  cancelling: boolean;
  error: SessionError | null;
  /** Main's last result was asked for (once per renderer session: afterwards this session's view is newer). */
  lastLoaded: boolean;
}

export const IDLE_RUN: RunState = {
  phase: 'idle',
  taskId: null,
  cancelling: false,
  error: null,
  lastLoaded: false,
};

export interface RunSessionSpec<K extends RunKind, S extends RunState> {
  /** The channels' prefix, the progress events' kind and the taskIds' prefix. */
  kind: K;
  initial: S;
  /** What main's last result (null when it has none) makes of the state. */
  fromLast(last: LastOutput<K>): Partial<S>;
  /** What one progress event of the run in progress changes; null when it changes nothing. */
  onProgress(previous: S, event: ProgressEvent): Partial<S> | null;
  /** What the end of a run clears besides phase, taskId and cancelling, however it ended. */
  onEnd(previous: S): Partial<S>;
}

export interface RunRequest<K extends RunKind, S extends RunState> {
  input: RunInput<K>;
  /** The state the run starts from, besides phase, taskId, cancelling and error. */
  start(previous: S): Partial<S>;
  /** What the finished run makes of the state. */
  finish(output: RunOutput<K>, previous: S): Partial<S>;
  /** Done with the finished run once the state has it (before the run's end is told). */
  after?(output: RunOutput<K>): void;
}

export interface RunSession<K extends RunKind, S extends RunState> {
  /** The hook a screen reads the session with. */
  useSession(): S;
  get(): S;
  update(change: Partial<S> | ((previous: S) => Partial<S>)): void;
  /** Main's last result, once per renderer session, unless a run is going. */
  loadLast(): Promise<void>;
  /** Starts a run unless one is going; resolves when it has ended (failures land in `error`). */
  run(request: RunRequest<K, S>): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * A run session: its state lives outside the screens, for the whole renderer session, so a run keeps
 * going in main while the user visits another screen, and coming back shows it still running with its
 * progress, not a blank screen or a second run.
 */
export function createRunSession<K extends RunKind, S extends RunState>(
  spec: RunSessionSpec<K, S>,
): RunSession<K, S> {
  const { kind } = spec;
  const store = createExternalStore<S>(spec.initial);
  // The fields every session has, as a change of this session's state.
  const common = (change: Partial<RunState>) => change as Partial<S>;

  const onProgress = (event: ProgressEvent) => {
    const state = store.get();
    if (event.kind !== kind || event.taskId !== state.taskId || state.phase !== 'running') return;
    const change = spec.onProgress(state, event);
    if (change) store.update(change);
  };

  return {
    useSession: store.useStore,
    get: store.get,
    update: store.update,

    async loadLast() {
      const state = store.get();
      if (state.lastLoaded || state.phase !== 'idle') return;
      store.update(common({ phase: 'loading-last', lastLoaded: true }));
      try {
        const last = await doctor.invoke(
          `${kind}.last` as LastChannel<K>,
          undefined as ChannelInput<LastChannel<K>>,
        );
        // A run started meanwhile wins over what was there before it.
        if (store.get().phase !== 'loading-last') return;
        store.update({ ...spec.fromLast(last), ...common({ phase: 'idle' }) });
      } catch (error) {
        if (store.get().phase === 'loading-last')
          store.update(common({ phase: 'idle', error: { kind: 'last', reason: reasonOf(error) } }));
      }
    },

    async run(request) {
      if (store.get().phase === 'running') return;
      const taskId = `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      store.update((previous) => ({
        ...request.start(previous),
        ...common({ phase: 'running', taskId, cancelling: false, error: null }),
      }));
      const unsubscribe = doctor.on('progress', onProgress);
      try {
        const output = await doctor.invoke(
          `${kind}.run` as RunChannel<K>,
          {
            taskId,
            ...request.input,
          } as ChannelInput<RunChannel<K>>,
        );
        store.update((previous) => request.finish(output, previous));
        request.after?.(output);
      } catch (error) {
        store.update(common({ error: { kind: 'run', reason: reasonOf(error) } }));
      } finally {
        unsubscribe();
        store.update((previous) => ({
          ...spec.onEnd(previous),
          ...common({ phase: 'idle', taskId: null, cancelling: false }),
        }));
      }
    },

    async cancel() {
      const { taskId, cancelling } = store.get();
      if (!taskId || cancelling) return;
      store.update(common({ cancelling: true }));
      try {
        await doctor.invoke(
          `${kind}.cancel` as CancelChannel<K>,
          { taskId } as ChannelInput<CancelChannel<K>>,
        );
      } catch (error) {
        if (store.get().taskId === taskId)
          store.update(common({ cancelling: false, error: { kind: 'cancel', reason: reasonOf(error) } }));
      }
    },
  };
}
