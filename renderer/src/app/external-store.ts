import { useSyncExternalStore } from 'react';

/**
 * State kept outside the screens, for the whole renderer session: a screen that is left and opened
 * again reads the same state (a run still going, the words typed), and a React hook re-renders it on
 * every change.
 */
export interface ExternalStore<S extends object> {
  /** The state now (read afresh after an await: TypeScript would keep a narrowing from before it). */
  get(): S;
  /** Merges a change (or what the previous state makes of one) and tells every subscriber. */
  update(change: Partial<S> | ((previous: S) => Partial<S>)): void;
  /** Replaces the whole state. */
  set(next: S): void;
  /** The hook a screen reads the state with. */
  useStore(): S;
}

export function createExternalStore<S extends object>(initial: S): ExternalStore<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const get = () => state;
  return {
    get,
    update(change) {
      state = { ...state, ...(typeof change === 'function' ? change(state) : change) };
      notify();
    },
    set(next) {
      state = next;
      notify();
    },
    useStore: () => useSyncExternalStore(subscribe, get),
  };
}

/** The message of whatever was thrown, for the technical line under a plain sentence. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
