import type {
  OutcomeCounts,
  SimulationResult,
  SimulationSeries,
} from '../../shared/simulation/simulation-result';
import { percentile } from '../probe';
import { runSimulation, type RunSimulationOptions } from './run-simulation';

/**
 * Intermittency mode: the same simulation N times in a row on one browser (a fresh session each run),
 * then the success rate, the outcomes counted, and p50/p95 time from prepay to the cashier's ready state.
 * Memory stays bounded however long the series: inline screenshots are kept only for the first run of
 * each outcome (those show every distinct failure); later runs keep their other facts.
 * Cancelling keeps the runs already done (the series says it was cancelled).
 */
export async function runSimulationSeries(
  runs: number,
  options: Omit<RunSimulationOptions, 'runIndex'>,
): Promise<SimulationSeries> {
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const done: SimulationResult[] = [];
  const screenshotsKeptFor = new Set<string>();
  let cancelled = false;
  for (let index = 0; index < runs; index += 1) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    let result: SimulationResult;
    try {
      result = await runSimulation({
        ...options,
        runIndex: index,
        // The store's page is the same every run: looked at once.
        inspectStorePage: index === 0 ? (options.inspectStorePage ?? true) : false,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      throw error;
    }
    if (screenshotsKeptFor.has(result.outcome)) {
      result.screenshots = result.screenshots.map((shot) => ({ ...shot, base64: null }));
    } else {
      screenshotsKeptFor.add(result.outcome);
    }
    done.push(result);
  }
  return summarizeSeries(runs, done, cancelled);
}

export function summarizeSeries(
  requested: number,
  runs: SimulationResult[],
  cancelled: boolean,
): SimulationSeries {
  const outcomes: OutcomeCounts = {};
  for (const run of runs) outcomes[run.outcome] = (outcomes[run.outcome] ?? 0) + 1;
  const ready = runs.map((run) => run.timeToReadyMs).filter((ms): ms is number => ms !== null);
  const ok = outcomes.REDIRECT_OK ?? 0;
  return {
    kind: 'simulation-series',
    requested,
    runs,
    cancelled,
    successRate: runs.length === 0 ? 0 : ok / runs.length,
    outcomes,
    timeToReady: { p50: percentile(ready, 50), p95: percentile(ready, 95), samples: ready.length },
  };
}
