/** What the app is doing that an update must not interrupt. */
export interface BusyState {
  /** A diagnosis, checklist, probe or simulation task. */
  tasks: number;
  /** A report on its way (sending the report or uploading the bundle). */
  submitting: boolean;
  /** A watch round that is due or under way. */
  watchRound: boolean;
}

export type UpdateStep = 'ask-download' | 'ask-restart';

/**
 * When to ask the merchant: only when nothing is running (a restart or even a dialog in the middle of a
 * diagnosis, a submission or a watch round is worse than waiting), and never again for a version they
 * declined this session.
 */
export function mayAsk(step: UpdateStep, version: string, busy: BusyState, declined: ReadonlySet<string>) {
  if (busy.tasks > 0 || busy.submitting || busy.watchRound)
    return { ask: false as const, reason: 'busy' as const };
  if (step === 'ask-download' && declined.has(version))
    return { ask: false as const, reason: 'declined' as const };
  return { ask: true as const };
}
