import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { BuyerProfile } from '../../shared/simulation/device-profiles';
import { findBrowser, runSimulation, type SimulationStore } from '../simulation';
import { createPlaywrightLauncher } from '../simulation/playwright-launcher';
import type { Simulate } from './simulation-sample';

export type BrowserSimulate =
  | { available: true; simulate: Simulate; close: () => Promise<void> }
  | { available: false; reason: LocalizedText; givenPathBroken: boolean };

/**
 * The CLI's redirect check: main/simulation's runSimulation in a Chromium found on this machine
 * (--browser, $BAITIAO_DOCTOR_BROWSER, or the usual install places), one browser process kept for the
 * whole watch and a fresh context per run. No screenshots and no look at the store's own page: a watch
 * sample needs the outcome and the time to ready, and each run should cost the platform and the machine
 * as little as possible.
 */
export function createBrowserSimulate(options: {
  profile: PlatformProfile;
  store: SimulationStore;
  privateKeyPem: string;
  browserPath?: string | null;
  /** The device and network each run emulates (default: the computer on broadband). */
  buyer?: BuyerProfile;
}): BrowserSimulate {
  const browser = findBrowser({ explicitPath: options.browserPath ?? null });
  if (!browser.found) {
    return { available: false, reason: browser.reason, givenPathBroken: browser.givenPathBroken };
  }
  const launcher = createPlaywrightLauncher({ executablePath: browser.path });
  return {
    available: true,
    simulate: async (signal) => {
      const result = await runSimulation({
        profile: options.profile,
        store: options.store,
        privateKeyPem: options.privateKeyPem,
        browser: launcher,
        ...(options.buyer ? { buyer: options.buyer } : {}),
        signal,
        screenshots: { mode: 'none' },
        inspectStorePage: false,
      });
      return { outcome: result.outcome, timeToReadyMs: result.timeToReadyMs };
    },
    close: () => launcher.close(),
  };
}
