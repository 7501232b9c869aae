// The two small files it needs, not the simulation's index (the whole engine): the core's services make
// this engine at start-up, and the simulation itself is loaded with the first run.
import { findBrowser } from '../simulation/browser-discovery';
import {
  SimulationUnavailableError,
  type BrowserLauncher,
  type BrowserSession,
  type SessionRequest,
} from '../simulation/cdp-transport';

/**
 * The browser engine a simulation runs in. The app hands in Electron's own (a hidden window per run);
 * elsewhere (tests, a core without Electron) an installed Chromium, Chrome or Edge is found and started
 * on first use, or each run reports plainly that no browser is available.
 */
export function lazyBrowserEngine(explicitPath?: string | null): BrowserLauncher {
  let launcher: BrowserLauncher | null = null;
  return {
    async openSession(request: SessionRequest): Promise<BrowserSession> {
      if (!launcher) {
        const found = findBrowser({ explicitPath });
        if (!found.found)
          throw new SimulationUnavailableError(found.reason, `no browser: ${found.searched.join(', ')}`);
        // Loaded on first use only: the app passes Electron's own engine and never needs playwright-core.
        const { createPlaywrightLauncher } = await import('../simulation/playwright-launcher');
        launcher = createPlaywrightLauncher({ executablePath: found.path });
      }
      return launcher.openSession(request);
    },
    async close() {
      await launcher?.close();
      launcher = null;
    },
  };
}
