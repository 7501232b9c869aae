import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { PhaseTimeouts } from '../../shared/probe/probe-settings';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { WatchStatus, WatchSettingsPatch } from '../../shared/watch/watch-api';
import type { WatchChartData, WatchChartRequestInput } from '../../shared/watch/watch-chart';
import type { WatchExport } from '../../shared/watch/watch-export';
import type { WatchAlert } from '../../shared/watch/watch-incident';
import type { WatchSample } from '../../shared/watch/watch-sample';
import {
  DEFAULT_WATCH_SETTINGS,
  MIN_SIMULATION_INTERVAL_SECONDS,
  WatchSettingsSchema,
  type WatchSettings,
} from '../../shared/watch/watch-settings';
import type { BuyerProfile } from '../../shared/simulation/device-profiles';
import type { ResolveProxy } from '../probe/proxy';
import type { WatchClock } from './clock';
import type { WatchHistory } from './history';
import { createProbeSampler, type ProbeSampler } from './probe-sample';
import type { Simulate } from './simulation-sample';
import { createWatcher, type Watcher } from './watcher';

/** The store being watched: the app's active store, resolved each time the watch (re)starts. */
export interface WatchTargetStore {
  id: string;
  storeName: string;
  profile: PlatformProfile;
  /**
   * null when no redirect simulation can run here; the reason is shown in the status. Runs as the buyer
   * the settings name (device and network).
   */
  simulate: ((signal: AbortSignal, buyer: BuyerProfile) => ReturnType<Simulate>) | null;
  simulationUnavailableReason?: LocalizedText | null;
  /** Shorter probe deadlines than the probe's own (tests; see WatchDeadlines). */
  probeTimeouts?: Partial<PhaseTimeouts>;
}

/** Deadlines a test may shorten for the watch: the probe's phases and the simulated redirect's prepay call. */
export interface WatchDeadlines {
  probe?: Partial<PhaseTimeouts>;
  gatewayCallMs?: number;
}

export interface WatchServiceOptions {
  history: WatchHistory;
  target: () => Promise<WatchTargetStore | null>;
  notify: (alert: WatchAlert) => void;
  onSample?: (storeId: string, sample: WatchSample) => void;
  resolveProxy?: ResolveProxy;
  clock?: WatchClock;
  log?: (message: string) => void;
  /** The probe of a store's hosts; createProbeSampler by default (tests pass a fake). */
  createProbe?: (profile: PlatformProfile) => ProbeSampler;
}

export interface WatchService {
  status(): WatchStatus;
  /** At app start: watches if the saved settings say so. */
  start(): Promise<WatchStatus>;
  updateSettings(patch: WatchSettingsPatch): Promise<WatchStatus>;
  /** The merchant switched stores: the watch follows the active one. */
  activeStoreChanged(): Promise<WatchStatus>;
  chart(request: WatchChartRequestInput): Promise<WatchChartData>;
  exportWindow(from: number, to: number): Promise<WatchExport>;
  close(): Promise<void>;
}

/**
 * Watch mode for the app: owns the one watcher of the active store, its settings (kept in the history
 * file), and the queries of the chart screen and of reports. The Electron side only adds the tray and
 * the desktop notifications (main/adapters/tray.ts, notifications.ts) around it.
 */
export function createWatchService(options: WatchServiceOptions): WatchService {
  const { history } = options;
  const log = options.log ?? (() => {});
  let settings: WatchSettings = history.settings() ?? DEFAULT_WATCH_SETTINGS;
  let watcher: Watcher | null = null;
  let target: WatchTargetStore | null = null;
  let simulationError: LocalizedText | null = null;
  let transition: Promise<unknown> = Promise.resolve();

  const stopWatcher = async () => {
    const current = watcher;
    watcher = null;
    await current?.stop();
  };

  const startWatcher = async () => {
    await stopWatcher();
    target = await options.target().catch((error: unknown) => {
      log(`watch: no store to watch: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    if (!settings.enabled || !target) return;
    simulationError = null;
    const watched = target;
    watcher = createWatcher({
      storeId: watched.id,
      storeName: watched.storeName,
      history,
      probe: options.createProbe
        ? options.createProbe(watched.profile)
        : createProbeSampler({
            profile: watched.profile,
            ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
            ...(watched.probeTimeouts ? { timeouts: watched.probeTimeouts } : {}),
          }),
      simulate: watched.simulate
        ? (signal) => watched.simulate!(signal, { device: settings.device, network: settings.network })
        : null,
      schedule: {
        intervalMs: settings.intervalSeconds * 1000,
        simulationEverySamples: settings.simulationEverySamples,
        minSimulationGapMs: MIN_SIMULATION_INTERVAL_SECONDS * 1000,
        retentionDays: settings.retentionDays,
      },
      notify: options.notify,
      onSample: (sample) => options.onSample?.(watched.id, sample),
      onError: (error, during) => {
        const reason = (error as { reason?: LocalizedText }).reason;
        if (during === 'simulation' && reason?.['zh-CN']) simulationError = reason;
        log(`watch: ${during} failed: ${error instanceof Error ? error.message : String(error)}`);
      },
      onClockJump: ({ jumpMs }) =>
        log(`watch: the wall clock jumped by ${jumpMs} ms; the schedule kept its pace`),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    watcher.start();
  };

  /** Start/stop requests are serialized: a settings change during a restart waits for it. */
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = transition.then(fn, fn);
    transition = next.catch(() => {});
    return next;
  };

  const status = (): WatchStatus => {
    const storeId = target?.id ?? null;
    const last = storeId
      ? [history.lastSample(storeId, 'probe'), history.lastSample(storeId, 'simulation')]
          .filter((s): s is WatchSample => s !== null)
          .sort((a, b) => b.at - a.at)[0]
      : undefined;
    const unavailable = simulationError ?? target?.simulationUnavailableReason ?? null;
    return {
      settings,
      running: watcher?.running ?? false,
      storeId,
      storeName: target?.storeName ?? null,
      simulation:
        settings.simulationEverySamples === 0
          ? 'off'
          : target?.simulate && !simulationError
            ? 'available'
            : 'unavailable',
      simulationUnavailableReason: settings.simulationEverySamples === 0 ? null : unavailable,
      lastSample: last ?? null,
      nextSampleAt: watcher?.nextSampleAt ?? null,
      openIncident: storeId ? (watcher?.openIncident ?? history.incidents.openFor(storeId)) : null,
    };
  };

  const storeIdForQueries = async (): Promise<string> => {
    const id = target?.id ?? (await options.target())?.id;
    if (!id) throw new Error('No store is set up yet: import a store.json first');
    return id;
  };

  return {
    status,
    start: () => serialized(async () => (await startWatcher(), status())),
    updateSettings: (patch) =>
      serialized(async () => {
        settings = WatchSettingsSchema.parse({ ...settings, ...patch });
        history.saveSettings(settings);
        await startWatcher();
        return status();
      }),
    activeStoreChanged: () => serialized(async () => (await startWatcher(), status())),
    chart: async (request) => history.chart(await storeIdForQueries(), request),
    exportWindow: async (from, to) => history.exportWindow(await storeIdForQueries(), from, to),
    close: () => serialized(stopWatcher),
  };
}
