import { useSyncExternalStore } from 'react';
import type { CheckResult } from '../../../../shared/checklist/check-result';
import { OUTCOME_CODES, type OutcomeCode } from '../../../../shared/protocol/outcome-codes';

/**
 * What the explanation screen explains: an outcome code, or a check as a run found it (its title,
 * summary and remediation come from the result). The screen route is the hash (#/explain); the thing to
 * explain rides in the history entry's state, so Back returns to the previous explanation or screen,
 * and a reload shows the same page again.
 */
export type ExplainTarget = { kind: 'outcome'; code: OutcomeCode } | { kind: 'check'; result: CheckResult };

const HASH = '#/explain';

const isTarget = (value: unknown): value is ExplainTarget => {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; code?: unknown; result?: unknown };
  if (target.kind === 'outcome') return (OUTCOME_CODES as readonly unknown[]).includes(target.code);
  if (target.kind === 'check') {
    const result = target.result as Partial<CheckResult> | null;
    return typeof result === 'object' && result !== null && typeof result.id === 'string';
  }
  return false;
};

const read = (): ExplainTarget | null => {
  const state: unknown = window.history.state;
  const target =
    typeof state === 'object' && state !== null ? (state as { explain?: unknown }).explain : null;
  return isTarget(target) ? target : null;
};

// History state is structured-cloned, so each read is a new object: keep the last one while it is equal.
let snapshot: ExplainTarget | null = null;
let snapshotKey = 'null';
const getSnapshot = (): ExplainTarget | null => {
  const target = read();
  const key = JSON.stringify(target);
  if (key !== snapshotKey) {
    snapshot = target;
    snapshotKey = key;
  }
  return snapshot;
};

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
};

/** The thing to explain on this history entry; null shows the list of all explanations. */
export const useExplainTarget = (): ExplainTarget | null => useSyncExternalStore(subscribe, getSnapshot);

/** Opens the explanation screen on `target` (null: the list of all), as a new history entry. */
export function openExplanation(target: ExplainTarget | null): void {
  window.history.pushState(target ? { explain: target } : null, '', HASH);
  // pushState fires no event; the screen route listens for hash changes.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
