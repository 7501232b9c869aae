import { describeThrown, type AppHealth } from './app-health';

/** The part of `process` this needs (an EventEmitter), so tests can hand in another emitter. */
export type ProcessEvents = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

/**
 * Uncaught exceptions and unhandled rejections of the main process go to the log and to app health.
 * With a listener Node no longer exits on them: the app stays up (a watch round or an outbox retry must not
 * take the shop's monitor down), and the next problem report offers what happened.
 */
export function captureProcessErrors(target: ProcessEvents, health: AppHealth): () => void {
  const onException = (error: Error) =>
    health.record({ level: 'error', kind: 'uncaughtException', message: describeThrown(error) });
  const onRejection = (reason: unknown) =>
    health.record({ level: 'error', kind: 'unhandledRejection', message: describeThrown(reason) });
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

/** Electron's reasons a renderer or child process went away (RenderProcessGoneDetails.reason). */
const EXPECTED_EXIT = new Set(['clean-exit']);
const LESSER = new Set(['killed']);

/** render-process-gone / child-process-gone details as a health event; null for a normal exit. */
export function processGoneEvent(
  kind: 'render-process-gone' | 'child-process-gone',
  details: { reason: string; exitCode: number; type?: string; name?: string; serviceName?: string },
): Parameters<AppHealth['record']>[0] | null {
  if (EXPECTED_EXIT.has(details.reason)) return null;
  const what = [details.type, details.serviceName || details.name].filter(Boolean).join(' ');
  return {
    level: LESSER.has(details.reason) ? 'warn' : 'error',
    kind,
    message: `${what ? `${what}: ` : ''}${details.reason} (exit code ${details.exitCode})`,
  };
}
