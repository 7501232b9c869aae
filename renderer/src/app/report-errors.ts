import { doctor } from '../ipc/doctor';

/**
 * Chromium's word that some size-change notices wait for the next frame (the ResizeObserver spec's loop
 * limit): they are delivered then, and nothing failed. antd's components and our charts observe sizes, so
 * a window resized at the wrong moment would otherwise put an "error" in the log, and the next report's
 * app-health section would call it a fault of the app. Only an event with no error object is one: a
 * page's own code cannot make its errors pass for it by their message.
 */
const BROWSER_NOTICES = [/^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/];

const isBrowserNotice = (event: Pick<ErrorEvent, 'error' | 'message'>): boolean =>
  event.error == null && BROWSER_NOTICES.some((notice) => notice.test(event.message));

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
  window.addEventListener('error', (event) => {
    if (!isBrowserNotice(event)) send('error', event.error ?? event.message);
  });
  window.addEventListener('unhandledrejection', (event) => send('unhandledrejection', event.reason));
}
