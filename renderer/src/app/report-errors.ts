import { doctor } from '../ipc/doctor';

/**
 * Uncaught errors of this page go to the app log through our own IPC channel (log.rendererError), the
 * only way there: no logging preload runs in any window. Main bounds how many are logged.
 */
export function reportRendererErrors(): void {
  const send = (kind: 'error' | 'unhandledrejection', reason: unknown) => {
    const error = reason instanceof Error ? reason : null;
    const message = (error ? `${error.name}: ${error.message}` : String(reason)).slice(0, 2000);
    const stack = error?.stack?.slice(0, 8000);
    // A failed report is dropped, not reported again (it would be an error of its own).
    doctor.invoke('log.rendererError', { kind, message, ...(stack ? { stack } : {}) }).catch(() => undefined);
  };
  window.addEventListener('error', (event) => send('error', event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => send('unhandledrejection', event.reason));
}
