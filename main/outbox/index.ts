/**
 * The durable outbox: reports and bundles queued on disk, sent to the support intake (§5) with retries,
 * delivered exactly once, their tickets followed. Plain Node: the app and the CLI both use it.
 */
export {
  createOutbox,
  systemClock,
  OutboxPollError,
  OutboxItemNotFoundError,
  InvalidBundleError,
  type Outbox,
  type OutboxOptions,
  type OutboxClock,
  type ProcessSummary,
  type RunOptions,
  type IntakeResolver,
} from './outbox';
export {
  IntakeClient,
  DEFAULT_INTAKE_TIMEOUTS,
  type IntakeTarget,
  type IntakeTimeouts,
} from './intake-client';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { tryLock, processAlive, type ItemLock, type LockOptions } from './item-lock';
export { signFileForIntake } from './file-signature';
