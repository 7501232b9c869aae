import { describe, expect, it } from 'vitest';
import { SimulationUnavailableError, simulationUnavailable } from '../../../main/simulation';
import { createPlaywrightLauncher } from '../../../main/simulation/playwright-launcher';

const CA = ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'];
const viewport = { width: 480, height: 800 };

/** Where the CLI cannot give Chrome the profile's CA for one run, it says so instead of lowering its guard. */
describe('Playwright launcher: when a run is impossible', () => {
  it('a profile CA on Windows or macOS: unavailable, with the reason for a shop owner', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const launcher = createPlaywrightLauncher({ executablePath: 'C:\\chrome.exe', platform });
      const error = await launcher
        .openSession({ extraCaCertificates: CA, viewport })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SimulationUnavailableError);
      const facts = simulationUnavailable(error as SimulationUnavailableError);
      expect(facts.kind).toBe('simulation-unavailable');
      expect(facts.reason['en-US']).toContain('never turns certificate checks off');
      await launcher.close();
    }
  });

  it('a profile CA on Linux without certutil: unavailable, naming the package to install', async () => {
    const launcher = createPlaywrightLauncher({
      executablePath: '/usr/bin/chromium',
      platform: 'linux',
      certutilPath: null,
    });
    const error = (await launcher
      .openSession({ extraCaCertificates: CA, viewport })
      .catch((e: unknown) => e)) as SimulationUnavailableError;
    expect(error.reason['zh-CN']).toContain('libnss3-tools');
    await launcher.close();
  });

  it('a browser that does not start: unavailable, naming it', async () => {
    const launcher = createPlaywrightLauncher({
      executablePath: '/nonexistent/chrome',
      platform: 'linux',
      launchTimeoutMs: 5000,
    });
    const error = (await launcher
      .openSession({ extraCaCertificates: [], viewport })
      .catch((e: unknown) => e)) as SimulationUnavailableError;
    expect(error).toBeInstanceOf(SimulationUnavailableError);
    expect(error.reason['en-US']).toContain('/nonexistent/chrome');
    await launcher.close();
  });
});
