/**
 * Why a page check was skipped, kept in its evidence so a screen offers the fix that helps: only a check
 * skipped because no simulated payment ran at all is helped by running one. A run that ended before the
 * page (or a simulation that could not start) is not: another check says what to do then.
 */
export const NOT_SIMULATED = { simulation: 'not-run' } as const;

interface SkippedCheck {
  status: string;
  evidence?: Record<string, unknown>;
}

/** Skipped for want of any simulated payment. */
export const skippedForWantOfSimulation = (result: SkippedCheck): boolean =>
  result.status === 'skip' && result.evidence?.simulation === NOT_SIMULATED.simulation;
