import {
  findBrowser,
  SimulationUnavailableError,
  type BrowserLauncher,
  type BrowserSession,
  type SessionRequest,
} from '../simulation';
import { createPlaywrightLauncher } from '../simulation/playwright-launcher';

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
