import type { Sandbox } from '../sandbox';

/** The embedded sandbox behind the demo store, started on first need (never on a real merchant's start). */
export interface DemoPlatform {
  /** The running sandbox, or null while it has not been needed. */
  current(): Sandbox | null;
  /** Starts it once (RSA keys, 4 HTTPS servers on loopback) and returns it. */
  start(): Promise<Sandbox>;
  close(): Promise<void>;
}

/**
 * The sandbox module (and the reflect-metadata polyfill its certificates need) is imported here only when
 * the demo is used, so neither is on the start path of a merchant with a real store.
 */
export function lazyDemoPlatform(): DemoPlatform {
  let starting: Promise<Sandbox> | null = null;
  let running: Sandbox | null = null;
  return {
    current: () => running,
    start() {
      starting ??= import('../sandbox')
        .then(({ startSandbox }) => startSandbox({ scenario: 'healthy' }))
        .then((sandbox) => (running = sandbox));
      // A failed start may be retried on the next use.
      starting.catch(() => (starting = null));
      return starting;
    },
    async close() {
      const sandbox = await starting?.catch(() => null);
      await sandbox?.close();
    },
  };
}
