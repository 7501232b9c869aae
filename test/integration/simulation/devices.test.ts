import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type DeviceReport, type Sandbox } from '../../../main/sandbox';
import { findBrowser, runSimulation, simulationHar, type BrowserLauncher } from '../../../main/simulation';
import { findCertutil } from '../../../main/simulation/nss-trust-home';
import { createPlaywrightLauncher } from '../../../main/simulation/playwright-launcher';
import {
  DEVICE_IDS,
  DEVICE_PROFILES,
  type BuyerProfile,
  type DeviceId,
} from '../../../shared/simulation/device-profiles';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import { SimulationResultSchema, type SimulationResult } from '../../../shared/simulation/simulation-result';

/**
 * The buyer's device and network in a real Chromium against the sandbox: each device profile is what the
 * cashier page itself sees (its own report to the sandbox, and the run's probe), phones take the H5 cashier
 * (§4), and the H5 faults hit phones only. The network presets are Chrome's own throttling.
 */
const browser = findBrowser();
const missing = !browser.found
  ? `no browser: ${browser.reason['en-US']}`
  : !findCertutil()
    ? 'no certutil (libnss3-tools): Chromium cannot be given the sandbox CA; device tests skipped'
    : null;
if (missing) console.warn(missing);

let sandbox: Sandbox;
let launcher: BrowserLauncher;

beforeAll(async () => {
  if (missing || !browser.found) return;
  sandbox = await startSandbox();
  launcher = createPlaywrightLauncher({ executablePath: browser.path });
});
afterAll(async () => {
  await launcher?.close();
  await sandbox?.close();
});

function simulate(scenario: Scenario, buyer: BuyerProfile): Promise<SimulationResult> {
  sandbox.setScenario(scenario);
  return runSimulation({
    profile: sandbox.profile,
    store: sandbox.store,
    privateKeyPem: sandbox.merchantPrivateKeyPem,
    browser: launcher,
    buyer,
    inspectStorePage: false,
  });
}

/** The sandbox's record of the cashier page this run opened, once the page's own report arrived. */
async function reportOf(result: SimulationResult): Promise<DeviceReport> {
  return vi.waitFor(
    () => {
      const report = sandbox.deviceReports().find((r) => r.outTradeNo === result.prepay.outTradeNo);
      if (!report?.client) throw new Error(`no device report yet for ${result.prepay.outTradeNo}`);
      return report;
    },
    { timeout: 5000, interval: 50 },
  );
}

describe.skipIf(missing !== null)('the buyer’s device and network, in real Chromium', () => {
  it.each(DEVICE_IDS.map((id) => [id]))(
    '%s: the cashier page sees the profile’s User-Agent, viewport and touch',
    async (device: DeviceId) => {
      const profile = DEVICE_PROFILES[device];
      const result = await simulate('healthy', { device, network: 'broadband' });
      expect(result.outcome, result.outcomeDetail.reason).toBe('REDIRECT_OK');
      expect(() => SimulationResultSchema.parse(result)).not.toThrow();

      const report = await reportOf(result);
      expect(report.page).toBe(profile.kind === 'phone' ? 'h5' : 'desktop');
      expect(report.userAgentHeader).toBe(profile.userAgent);
      expect(report.client).toEqual({
        userAgent: profile.userAgent,
        width: profile.viewport.width,
        height: profile.viewport.height,
        devicePixelRatio: profile.deviceScaleFactor,
        maxTouchPoints: profile.touch ? 5 : 0,
        touchEvents: profile.touch,
      });
      // The run's own probe agrees with the page, and says the network was not throttled.
      expect(result.buyer).toEqual({
        device,
        network: 'broadband',
        emulatedNetwork: false,
        seen: report.client,
      });
      const cashierHops = result.hops.filter((h) => h.leg === 'cashier');
      expect(new URL(cashierHops.at(-1)!.url).pathname).toBe(
        profile.kind === 'phone' ? '/baitiao/h5' : '/baitiao/cashier',
      );
    },
  );

  it('phone screenshots are phone-shaped, at the CSS size of the viewport', async () => {
    const result = await simulate('healthy', { device: 'iphone-wechat', network: 'broadband' });
    const shot = result.screenshots.find((s) => s.moment === 'cashier');
    expect(shot?.base64).toBeTruthy();
    const png = Buffer.from(shot!.base64!, 'base64');
    // PNG IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([390, 664]);
  });

  it('h5-broken: the phone cannot reach the cashier (502), the computer pays as usual', async () => {
    const phone = await simulate('h5-broken', { device: 'iphone-wechat', network: 'broadband' });
    expect(phone.outcome, phone.outcomeDetail.reason).toBe('CASHIER_UNREACHABLE');
    expect(phone.hops.filter((h) => h.leg === 'cashier').at(-1)).toMatchObject({ status: 502 });
    const desktop = await simulate('h5-broken', { device: 'pc', network: 'broadband' });
    expect(desktop.outcome, desktop.outcomeDetail.reason).toBe('REDIRECT_OK');
  });

  it('h5-heavy: the phone is ready in time on broadband, and misses the budget on 弱 4G (marked emulated)', async () => {
    const broadband = await simulate('h5-heavy', { device: 'android-app', network: 'broadband' });
    expect(broadband.outcome, broadband.outcomeDetail.reason).toBe('REDIRECT_OK');
    const weak = await simulate('h5-heavy', { device: 'android-app', network: 'slow-4g' });
    expect(weak.outcome, weak.outcomeDetail.reason).toBe('CASHIER_TIMEOUT');
    expect(weak.buyer).toMatchObject({ device: 'android-app', network: 'slow-4g', emulatedNetwork: true });
    // The heavy script was still arriving when the budget ended: the throttling is Chrome's, not ours.
    const har = simulationHar(weak);
    expect(har.log._simulation).toEqual([
      expect.objectContaining({ device: 'android-app', network: 'slow-4g', emulatedNetwork: true }),
    ]);
    expect(har.log.pages[0]).toMatchObject({ _emulatedNetwork: 'slow-4g' });
  });
});
