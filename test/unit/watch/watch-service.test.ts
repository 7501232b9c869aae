import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlatformProfile } from '../../../shared/config/platform-profile';
import type { BuyerProfile } from '../../../shared/simulation/device-profiles';
import { text } from '../../../shared/i18n/localized-text';
import type { WatchAlert } from '../../../shared/watch/watch-incident';
import { WatchStatusSchema } from '../../../shared/watch/watch-api';
import { WatchExportSchema } from '../../../shared/watch/watch-export';
import { ManualClock } from '../../../main/watch/clock';
import { WatchHistory } from '../../../main/watch/history';
import {
  createWatchService,
  type WatchService,
  type WatchTargetStore,
} from '../../../main/watch/watch-service';
import { CHINA, HOUR, MIN, T0, probeSample } from './fixtures';

const profile = {
  profileVersion: 1,
  name: 'sandbox',
  gatewayUrl: 'https://127.0.0.1:9/gateway',
  cashierOrigin: 'https://127.0.0.1:9',
  supportApiUrl: 'https://127.0.0.1:9/api/v1',
  platformPublicKey: '-----BEGIN PUBLIC KEY-----',
  extraCaCertificates: [],
  clockSkewToleranceSeconds: 300,
  cashierReadyBudgetMs: 8000,
} satisfies PlatformProfile;

/** Lets the fake probe's round finish: it resolves at once, so a macrotask turn is enough. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

let history: WatchHistory;
let service: WatchService;
afterEach(async () => {
  await service?.close();
  history?.close();
});

function setup(stores: WatchTargetStore[]) {
  const clock = new ManualClock(T0);
  history = WatchHistory.open(':memory:', { now: () => clock.now() });
  let active = 0;
  const alerts: WatchAlert[] = [];
  const probed: string[] = [];
  service = createWatchService({
    history,
    target: async () => stores[active] ?? null,
    notify: (alert) => alerts.push(alert),
    clock,
    createProbe: (p) => async (at) => {
      probed.push(`${p.name}@${(at - T0) / MIN}`);
      return probeSample(at);
    },
  });
  return { clock, alerts, probed, switchTo: (i: number) => (active = i) };
}

const store = (id: string, extra: Partial<WatchTargetStore> = {}): WatchTargetStore => ({
  id,
  storeName: `店铺 ${id}`,
  profile,
  simulate: null,
  ...extra,
});

describe('watch service (what the app core drives)', () => {
  it('is off until enabled; enabling starts watching the active store and is remembered', async () => {
    const r = setup([store('a')]);
    expect(WatchStatusSchema.parse(await service.start())).toMatchObject({ running: false, storeId: 'a' });
    expect(await service.updateSettings({ enabled: true, intervalSeconds: 60 })).toMatchObject({
      running: true,
    });
    await settle(); // the first sample is taken at once, in the background
    const on = service.status();
    expect(on).toMatchObject({ running: true, storeId: 'a', storeName: '店铺 a', nextSampleAt: T0 + MIN });
    expect(on.lastSample).toMatchObject({ at: T0, outcome: 'ok' });
    expect(history.settings()).toMatchObject({ enabled: true, intervalSeconds: 60 });
    expect(r.probed).toEqual(['sandbox@0']);
    await expect(service.updateSettings({ intervalSeconds: 30 })).rejects.toThrow();
    const off = await service.updateSettings({ enabled: false });
    expect(off.running).toBe(false);
  });

  it('follows the active store and answers chart and export queries for it', async () => {
    const r = setup([store('a'), store('b')]);
    await service.updateSettings({ enabled: true, intervalSeconds: 60 });
    await settle();
    r.switchTo(1);
    expect(await service.activeStoreChanged()).toMatchObject({ running: true, storeId: 'b' });
    await settle();
    expect(history.count('a')).toBe(1);
    expect(history.count('b')).toBe(1);
    const chart = await service.chart({
      from: T0,
      to: T0 + HOUR,
      granularity: 'hour',
      utcOffsetMinutes: CHINA,
    });
    expect(chart.storeId).toBe('b');
    const doc = WatchExportSchema.parse(await service.exportWindow(T0 - HOUR, T0 + HOUR));
    expect(doc).toMatchObject({ storeId: 'b', settings: { intervalSeconds: 60, simulationEverySamples: 3 } });
  });

  it('says why the redirect simulation is unavailable', async () => {
    const reason = text('没有浏览器', 'No browser');
    setup([store('a', { simulationUnavailableReason: reason })]);
    expect(await service.start()).toMatchObject({
      simulation: 'unavailable',
      simulationUnavailableReason: reason,
    });
    expect(await service.updateSettings({ simulationEverySamples: 0 })).toMatchObject({
      simulation: 'off',
      simulationUnavailableReason: null,
    });
  });

  it('runs its simulated redirect as the device and network the settings name', async () => {
    const buyers: BuyerProfile[] = [];
    setup([
      store('a', {
        simulate: async (_signal, buyer) => {
          buyers.push(buyer);
          return { outcome: 'REDIRECT_OK', timeToReadyMs: 500 };
        },
      }),
    ]);
    expect(
      await service.updateSettings({
        enabled: true,
        simulationEverySamples: 1,
        device: 'iphone-wechat',
        network: 'slow-4g',
      }),
    ).toMatchObject({ settings: { device: 'iphone-wechat', network: 'slow-4g' } });
    await vi.waitFor(() => expect(buyers).toEqual([{ device: 'iphone-wechat', network: 'slow-4g' }]));
    expect(history.settings()).toMatchObject({ device: 'iphone-wechat', network: 'slow-4g' });
  });
});
