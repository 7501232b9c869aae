/**
 * Watch mode: the payment path checked every few minutes from the tray, history in SQLite, charts by
 * hour and day, one alert per incident. Callers (app core, CLI, report/bundle) use only what is here.
 */
export { WatchHistory, type RetentionResult } from './history';
export { createWatcher, type Watcher, type WatcherOptions, type WatchSchedule } from './watcher';
export {
  createWatchService,
  type WatchService,
  type WatchServiceOptions,
  type WatchTargetStore,
} from './watch-service';
export { IncidentTracker, DEFAULT_RECOVER_AFTER_OK_SAMPLES, type IncidentStore } from './incident-tracker';
export {
  createProbeSampler,
  watchProbeTargets,
  type ProbeSampler,
  type ProbeSamplerOptions,
} from './probe-sample';
export { takeSimulationSample, type Simulate } from './simulation-sample';
export { systemClock, ManualClock, type WatchClock } from './clock';
export { bucketStart, aggregateRows, BUCKET_MS } from './buckets';
export { describeFailure } from './alert-text';
export { thinSamples } from './export-window';
