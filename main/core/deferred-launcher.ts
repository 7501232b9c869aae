import type { BrowserLauncher } from '../simulation/cdp-transport';

/**
 * A browser engine whose code is loaded on the first simulated redirect rather than at start-up (the app's
 * Electron engine pulls in the CDP glue and the profile chain check). Closing one never opened loads nothing.
 */
export function deferredLauncher(load: () => Promise<BrowserLauncher>): BrowserLauncher {
  let launcher: Promise<BrowserLauncher> | null = null;
  return {
    openSession(request) {
      launcher ??= load();
      // A failed load is tried again on the next run.
      launcher.catch(() => (launcher = null));
      return launcher.then((l) => l.openSession(request));
    },
    async close() {
      const loaded = await launcher?.catch(() => null);
      await loaded?.close();
    },
  };
}
