import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { ChecklistRun } from '../../shared/checklist/check-result';
import type { CheckId } from '../../shared/checklist/catalog';
import { SettingsSchema, type EventName } from '../../shared/ipc/contract';
import { SCENARIOS } from '../../shared/sandbox/scenarios';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { machineFacts, runStoreChecklist } from '../checklist/run-store-checklist';
import { JsonFilePersistence, type KeptFileEvent, type KeyVault } from '../config';
import { sweepTempLeftovers, type KeptAside } from '../kept-files';
import { keptFileNotice } from './kept-file-notices';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatch';
import { defaultProbeTargets, runProbes } from '../probe';
import { resolveDirect, type ResolveProxy } from '../probe/proxy';
import type { ProbeRun } from '../../shared/probe/probe-result';
import { lazyDemoPlatform } from './demo-platform';
import {
  runSimulation,
  runSimulationSeries,
  simulationUnavailable,
  SimulationUnavailableError,
  type BrowserLauncher,
} from '../simulation';
import type { SimulationSeries, SimulationUnavailable } from '../../shared/simulation/simulation-result';
import { lazyBrowserEngine } from './browser-engine';
import { createWatchService, WatchHistory } from '../watch';
import type { WatchAlert } from '../../shared/watch/watch-incident';
import { runDiagnosis } from '../diagnosis/run-diagnosis';
import { DiagnosisHistory } from '../history/diagnosis-history';
import { ALL_CHECKS } from '../checklist/checks';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import { SettingsRepository, type KeyValuePersistence } from '../settings/settings-repository';
import { APP_IDENTITY } from './app-identity';
import { EventBus } from './event-bus';
import { StoreWorkspace } from './store-workspace';
import { createReportService } from './report-service';
import { createSupportService } from './support-service';
import { TaskRegistry } from './task-registry';
import { createAppHealth, type AppHealth } from '../health/app-health';
import type { BusyState } from '../updates/update-policy';
import { FileGrants } from './file-grants';
import { rendererErrorLogger } from './renderer-log';
import type { FileGrant } from '../../shared/ipc/contract';
import { createKeyToolHandlers } from '../keys/key-tool-service';

export interface AppCoreOptions {
  /** Where this app instance keeps its data (settings, stores, outbox, history). */
  dataDir: string;
  /** Start the embedded sandbox platform and offer its demo store: the default on first start. */
  demo: boolean;
  /** The app passes electron-store; tests and the CLI use a JSON file in dataDir. */
  settingsPersistence?: KeyValuePersistence;
  /** The app passes the safeStorage vault; elsewhere keys stay in memory. */
  keyVault?: KeyVault;
  /** Opens an https link in the user's browser; only the Electron adapter can. */
  openExternal?: (url: string) => Promise<void>;
  /** The save-file dialog (the key tool's private key files); only the Electron adapter has one. */
  saveFile?: (suggestedName: string) => Promise<string | null>;
  /** Opens the sandbox back office in a window trusting the profile's CAs only (the Electron adapter). */
  openBackOffice?: (url: string, extraCaCertificates: readonly string[]) => Promise<void>;
  /** The open-file dialog; only the Electron adapter has one. */
  pickFile?: (kind: 'store' | 'platform' | 'key' | 'bundle') => Promise<string | null>;
  /** Support mode's folder dialog and the HAR save dialog; only the Electron adapter has them (tests stub). */
  pickFolder?: () => Promise<string | null>;
  pickHarSavePath?: (suggestedName: string) => Promise<string | null>;
  /** The app's own log file (electron-log), which goes, redacted, into a report's bundle. */
  logFile?: string | null;
  /** The engine for simulated redirects: Electron's in the app; else an installed Chromium is found. */
  browserEngine?: BrowserLauncher;
  /** How the browser engine routes a URL (Electron's session.resolveProxy); direct elsewhere. */
  resolveProxy?: ResolveProxy;
  runtime?: string;
  log?: (message: string) => void;
  /** Where electron-log writes (the app only). */
  logsDir?: string;
  /** Shows a watch alert (the Electron adapter: a desktop notification); elsewhere only the event is sent. */
  notifyWatchAlert?: (alert: WatchAlert) => void;
  /** Things the user must hear about at start (e.g. the Electron adapter found a damaged settings file). */
  notices?: LocalizedText[];
  /** The app's crash and error record (the Electron adapter feeds it); by default a file in dataDir. */
  appHealth?: AppHealth;
}

export interface AppCore {
  dispatch: Dispatch;
  /**
   * A token for a dropped file's path: for the preload's own IPC channel only (the Electron adapter checks
   * the sender), never reachable through dispatch.
   */
  grantDroppedFile(path: string): FileGrant;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
  /** What runs now that an update prompt or restart must not interrupt. */
  busy(): Promise<BusyState>;
}

/**
 * Everything the app does, without Electron: the Electron adapter and the browser tests both drive it
 * through dispatch(), so the tests exercise the real handlers.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const log = options.log ?? (() => {});
  const runtime = options.runtime ?? `node ${process.versions.node}`;
  // Damaged data files are kept aside and replaced with defaults; the user is told once, on the next screen.
  const notices: LocalizedText[] = [...(options.notices ?? [])];
  const onCorrupt = (event: KeptFileEvent | KeptAside) => notices.push(keptFileNotice(event));
  const settings = new SettingsRepository(
    options.settingsPersistence ??
      new JsonFilePersistence(join(options.dataDir, 'settings.json'), onCorrupt, { schema: SettingsSchema }),
  );
  // What a killed earlier run left in the temp folder; in the background, start-up does not wait for it.
  void sweepTempLeftovers();
  // Read once now, so that a damaged settings file is kept aside (and its notice ready) before the first screen.
  settings.get();
  const events = new EventBus();
  const tasks = new TaskRegistry();
  const files = new FileGrants();
  const logRendererError = rendererErrorLogger(log);
  const demo = options.demo ? lazyDemoPlatform() : null;
  const workspace = new StoreWorkspace(options.dataDir, demo, options.keyVault, onCorrupt);
  // The sandbox starts now only when the demo store is what the merchant sees; otherwise when opened.
  if (demo && workspace.demoInUse()) await demo.start();
  let lastChecklist: ChecklistRun | null = null;
  let lastProbes: ProbeRun | null = null;
  /** Kept with the store it was for: another store's checklist must not read it. */
  let lastSimulation: { storeId: string; value: SimulationSeries | SimulationUnavailable } | null = null;
  const resolveProxy = options.resolveProxy ?? resolveDirect;
  const machine = () => machineFacts(options.dataDir, APP_IDENTITY.version, runtime);
  const cancelTask = async ({ taskId }: { taskId: string }) => ({ cancelled: tasks.cancel(taskId) });
  const browserEngine = options.browserEngine ?? lazyBrowserEngine();
  let lastDiagnosis: Diagnosis | null = null;
  const history = new DiagnosisHistory(join(options.dataDir, 'history'));
  const watch = createWatchService({
    history: openWatchHistory(join(options.dataDir, 'watch-history.sqlite'), onCorrupt, (notice) => {
      notices.push(notice);
      log(`watch history: ${notice['en-US']}`);
    }),
    // The watch follows the active store; its redirect check runs in the same engine as the app's.
    target: async () => {
      const active = await workspace.active();
      if (!active) return null;
      const pem = active.key.pem;
      return {
        id: active.summary.id,
        storeName: active.summary.storeName,
        profile: active.profile,
        simulate: pem
          ? async (signal, buyer) => {
              const r = await runSimulation({
                profile: active.profile,
                store: active.store,
                privateKeyPem: pem,
                browser: browserEngine,
                buyer,
                signal,
                screenshots: { mode: 'none' },
                inspectStorePage: false,
              });
              return { outcome: r.outcome, timeToReadyMs: r.timeToReadyMs };
            }
          : null,
        simulationUnavailableReason: pem ? null : text('没有商户私钥。', 'No merchant key.'),
      };
    },
    notify: (alert) => {
      options.notifyWatchAlert?.(alert);
      events.emit('watch', { storeId: alert.storeId, kind: 'alert' });
    },
    onSample: (storeId) => events.emit('watch', { storeId, kind: 'sample' }),
    resolveProxy: options.resolveProxy,
    log,
  });
  await watch.start();
  const reports = createReportService({
    dataDir: options.dataDir,
    runtime,
    language: () => settings.get().language,
    lastDiagnosis: () => lastDiagnosis,
    active: () => workspace.active(),
    intakeFor: (merchantNo) => workspace.intakeFor(merchantNo),
    watchExport: (from, to) => watch.exportWindow(from, to),
    logFile: options.logFile ?? null,
    appHealth:
      options.appHealth ??
      createAppHealth({
        file: join(options.dataDir, 'app-health.json'),
        log: (level, m) => log(`${level}: ${m}`),
      }),
    onOutboxChange: (reportId) => events.emit('outbox', { reportId }),
    onNotice: (notice) => notices.push(notice),
    log,
  });

  const support = createSupportService({
    dataDir: options.dataDir,
    pickFolder: options.pickFolder,
    pickHarSavePath: options.pickHarSavePath,
    onProgress: (taskId, found, verified) =>
      events.emit('progress', { taskId, kind: 'triage', step: 'verify', done: verified, total: found }),
  });

  const demoStatus = () => {
    const sandbox = demo?.current();
    return sandbox ? { running: true, scenario: sandbox.scenario, scenarios: [...SCENARIOS] } : null;
  };

  const requireActive = async () => {
    const active = await workspace.active();
    if (!active) throw new Error('No store is set up yet: import a store.json first');
    return active;
  };

  const handlers: Handlers = {
    'app.info': async () => ({ ...APP_IDENTITY, os: `${platform()} ${release()}`, arch: arch(), runtime }),
    'app.paths': async () => {
      const active = await workspace.active().catch(() => null);
      return {
        dataDir: options.dataDir,
        logsDir: options.logsDir ?? null,
        bundlesDir: join(options.dataDir, 'bundles'),
        outboxDir: join(options.dataDir, 'outbox'),
        gatewayProxy: active ? await resolveProxy(active.profile.gatewayUrl) : 'DIRECT',
      };
    },
    // Handed out once: a notice shown is a notice read.
    'app.notices': async () => notices.splice(0, notices.length),
    'settings.get': async () => settings.get(),
    'settings.setLanguage': async ({ language }) => settings.update({ language }),
    'workspace.get': async () => {
      const active = await workspace.active().catch(() => null);
      return {
        activeStore: active?.summary ?? null,
        profile: active
          ? {
              name: active.profile.name,
              gatewayUrl: active.profile.gatewayUrl,
              cashierOrigin: active.profile.cashierOrigin,
              supportApiUrl: active.profile.supportApiUrl,
              extraCaCount: active.profile.extraCaCertificates.length,
            }
          : null,
        demo: demoStatus(),
      };
    },
    'demo.setScenario': async ({ scenario }) => {
      if (!demo) throw new Error('Demo mode is not running');
      (await demo.start()).setScenario(scenario);
      return demoStatus()!;
    },
    'stores.list': () => workspace.list(),
    'stores.pickFile': async ({ kind }) => {
      const path = options.pickFile ? await options.pickFile(kind) : null;
      return { file: path ? files.grant(path) : null };
    },
    'stores.import': async ({ storeFile, platformFile, profileName }) => {
      const storePath = files.path(storeFile);
      const platformPath = platformFile === undefined ? undefined : files.path(platformFile);
      const outcome = await workspace.importFiles(storePath, platformPath, profileName);
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.create': async ({ config, privateKeyPem, profileName, storeId }) => {
      const outcome = await workspace.createFromForm(config, privateKeyPem, profileName, storeId);
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.get': ({ id }) => workspace.storeForEditing(id),
    'stores.setKey': async ({ id, privateKeyPem, keyFile }) => {
      const outcome = await workspace.setKey(id, privateKeyPem ?? { file: files.path(keyFile!) });
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.setActive': async ({ id }) => {
      const stores = await workspace.setActive(id);
      await watch.activeStoreChanged();
      return stores;
    },
    'stores.remove': async ({ id }) => {
      const stores = await workspace.remove(id);
      await watch.activeStoreChanged();
      return stores;
    },
    'checklist.run': async ({ taskId, only }) => {
      const active = await requireActive();
      return tasks.run(taskId, async (signal) => {
        lastChecklist = await runStoreChecklist(
          {
            store: active.store,
            profile: active.profile,
            key: active.key,
            importNotes: active.importNotes,
            machine: machine(),
            resolveProxy,
            // page.* and tls.mixed-content read the last simulated redirect of this store, if one ran.
            simulation: lastSimulation?.storeId === active.summary.id ? lastSimulation.value : undefined,
          },
          {
            signal,
            only: only as CheckId[] | undefined,
            onProgress: (e) =>
              events.emit('progress', {
                taskId,
                kind: 'checklist',
                step: e.id,
                done: e.done,
                total: e.total,
                detail: e.type === 'finished' ? e.result : { status: 'running' },
              }),
          },
        );
        return lastChecklist;
      });
    },
    'checklist.cancel': cancelTask,
    'probe.run': async ({ taskId, count, intervalMs }) => {
      const active = await requireActive();
      return tasks.run(taskId, async (signal) => {
        lastProbes = await runProbes({
          targets: defaultProbeTargets(active),
          settings: { count: count ?? 5, intervalMs: intervalMs ?? 500 },
          resolveProxy,
          extraCaCertificates: active.profile.extraCaCertificates,
          signal,
          onProgress: (p) =>
            events.emit('progress', {
              taskId,
              kind: 'probe',
              step: p.result.target.role,
              done: p.done,
              total: p.total,
              detail: p.result,
            }),
        });
        return lastProbes;
      });
    },
    'probe.cancel': cancelTask,
    'simulation.run': async ({ taskId, runs, buyer }) => {
      const active = await requireActive();
      const pem = active.key.pem;
      if (!pem) throw new Error('No merchant key: import the store’s private key first');
      const value = await tasks.run(taskId, async (signal) => {
        try {
          return await runSimulationSeries(runs ?? 1, {
            profile: active.profile,
            store: active.store,
            privateKeyPem: pem,
            browser: browserEngine,
            ...(buyer ? { buyer } : {}),
            signal,
            onProgress: (event) =>
              events.emit('progress', {
                taskId,
                kind: 'simulation',
                step: event.type,
                done: event.type === 'run-finished' ? event.run + 1 : 0,
                total: runs ?? 1,
                detail: event,
              }),
          });
        } catch (error) {
          if (!(error instanceof SimulationUnavailableError)) throw error;
          return simulationUnavailable(error);
        }
      });
      lastSimulation = { storeId: active.summary.id, value };
      return value;
    },
    'simulation.cancel': cancelTask,
    'simulation.last': async () => lastSimulation?.value ?? null,
    'diagnosis.run': async ({ taskId, buyers }) => {
      const active = await requireActive();
      let done = 0;
      return tasks.run(taskId, async (signal) => {
        const diagnosis = await runDiagnosis({
          storeId: active.summary.id,
          store: active.store,
          profile: active.profile,
          key: active.key,
          importNotes: active.importNotes,
          machine: machine(),
          resolveProxy,
          browser: browserEngine,
          ...(buyers ? { buyers } : {}),
          signal,
          onProgress: (p) => {
            if (p.step === 'checklist' && p.event.type === 'finished') done = p.event.done;
            events.emit('progress', {
              taskId,
              kind: 'diagnosis',
              step: p.step,
              done,
              total: ALL_CHECKS.length,
              detail: p.event ?? undefined,
            });
          },
        });
        lastDiagnosis = diagnosis;
        lastChecklist = diagnosis.checklist;
        lastProbes = diagnosis.probes;
        lastSimulation = { storeId: diagnosis.storeId, value: diagnosis.simulation };
        if (!diagnosis.cancelled) history.add(diagnosis);
        return diagnosis;
      });
    },
    'diagnosis.cancel': cancelTask,
    'diagnosis.last': async () => lastDiagnosis,
    'history.list': async ({ storeId }) => history.list(storeId),
    'history.compare': async ({ storeId }) => history.compareLatest(storeId),
    'probe.last': async () => lastProbes,
    'checklist.last': async () => lastChecklist,
    'report.preview': (input) => reports.preview(input),
    'report.export': ({ reportId }) => reports.export(reportId),
    'report.submit': ({ reportId }) => reports.submit(reportId),
    'outbox.list': () => reports.list(),
    'outbox.retryNow': ({ reportId }) => reports.retryNow(reportId),
    'outbox.pollTicket': ({ reportId }) => reports.pollTicket(reportId),
    'bundle.open': async ({ file }) => {
      const path = files.path(file);
      return support.remember(path, await reports.open(path));
    },
    'triage.openFolder': ({ taskId }) => support.openFolder(taskId),
    'triage.refresh': ({ taskId }) => support.refresh(taskId),
    'triage.rows': ({ serial, offset }) => support.rows(serial, offset),
    'triage.openBundle': ({ id }) => support.openTriageBundle(id),
    'bundle.saveHar': ({ reportId }) => support.saveHar(reportId),
    'watch.status': async () => watch.status(),
    'watch.updateSettings': (patch) => watch.updateSettings(patch),
    'watch.chart': (request) => watch.chart(request),
    'watch.export': ({ from, to }) => watch.exportWindow(from, to),
    'log.rendererError': async (input) => logRendererError(input),
    ...createKeyToolHandlers({
      active: () => workspace.active(),
      replaceActiveKey: (pem) => workspace.replaceActiveKey(pem),
      backOfficeUrl: () => demo?.current()?.backOfficeUrl ?? null,
      ...(options.pickFile ? { pickFile: options.pickFile } : {}),
      ...(options.saveFile ? { saveFile: options.saveFile } : {}),
      ...(options.openBackOffice ? { openBackOffice: options.openBackOffice } : {}),
    }),
    'shell.openExternal': async ({ url }) => {
      if (!options.openExternal) return { opened: false };
      await options.openExternal(url);
      return { opened: true };
    },
  };

  return {
    dispatch: createDispatcher(handlers, log),
    grantDroppedFile: (path) => files.grant(path),
    onEvent: (listener) => events.on(listener),
    busy: async () => {
      const status = watch.status();
      const items = await reports.list().catch(() => []);
      return {
        tasks: tasks.size,
        submitting: items.some((i) => i.state === 'sending-report' || i.state === 'uploading-bundle'),
        // Due or under way: the next sample's time has come and its result is not in yet.
        watchRound: status.running && status.nextSampleAt !== null && status.nextSampleAt <= Date.now(),
      };
    },
    close: async () => {
      tasks.cancelAll();
      await reports.close();
      support.close();
      await watch.close();
      await browserEngine.close();
      await demo?.close();
    },
  };
}

/**
 * The watch history must never stop the app from starting: a damaged file is kept aside (WatchHistory.open),
 * and one that cannot be opened at all (no permission, a full disk) leaves watching on a history in memory.
 */
function openWatchHistory(
  path: string,
  onKeptAside: (kept: KeptAside) => void,
  tell: (notice: LocalizedText) => void,
): WatchHistory {
  try {
    return WatchHistory.open(path, { onKeptAside });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    tell(
      text(
        `监测记录文件 ${path} 打不开（${reason}）。这次运行的监测只保存在内存里，关闭应用后不保留；原文件没有改动。`,
        `The watch history ${path} could not be opened (${reason}). Watching this time is kept in memory only and not saved when the app closes; the file was not changed.`,
      ),
    );
    return WatchHistory.open(':memory:');
  }
}
