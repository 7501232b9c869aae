import { join } from 'node:path';
import { SettingsSchema } from '../../shared/ipc/contract';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { JsonFilePersistence, type KeptFileEvent } from '../config';
import { sweepTempLeftovers, type KeptAside } from '../kept-files';
import { createAppHealth } from '../health/app-health';
import { resolveDirect } from '../probe/proxy';
import { SettingsRepository } from '../settings/settings-repository';
import { createWatchService, WatchHistory } from '../watch';
import { lazyBrowserEngine } from './browser-engine';
import type { CoreBase, CoreContext } from './core-context';
import { keptFileNotice } from './kept-file-notices';
import { createReportService } from './report-service';
import { StoreWorkspace } from './store-workspace';
import { DiagnosticsSession } from './diagnostics-session';

export interface CoreServices {
  context: CoreContext;
  close(): Promise<void>;
}

/**
 * The services behind every screen: settings, the stores, the watch and the outbox. createAppCore starts
 * them once the window is open (and the first call waits for them), so none of this is on the path to the
 * window; each capability's own code (diagnosis, reports, keys, triage) is loaded on its first call.
 */
export async function startServices(base: CoreBase): Promise<CoreServices> {
  const { options, log, notices, events } = base;
  // Damaged data files are kept aside and replaced with defaults; the user is told once, on the next screen.
  const onCorrupt = (event: KeptFileEvent | KeptAside) => notices.push(keptFileNotice(event));
  const given = options.settingsPersistence;
  const settings = new SettingsRepository(
    typeof given === 'function'
      ? await given(onCorrupt)
      : (given ??
          new JsonFilePersistence(join(options.dataDir, 'settings.json'), onCorrupt, {
            schema: SettingsSchema,
          })),
  );
  // What a killed earlier run left in the temp folder; in the background, nothing waits for it.
  void sweepTempLeftovers();
  // Read once now, so that a damaged settings file is kept aside (and its notice ready) before the first screen.
  settings.get();
  const health =
    options.appHealth ??
    createAppHealth({
      file: join(options.dataDir, 'app-health.json'),
      log: (level, m) => log(`${level}: ${m}`),
    });
  const workspace = new StoreWorkspace(options.dataDir, base.demo, options.keyVault, onCorrupt);
  // The sandbox starts now only when the demo store is what the merchant sees; otherwise when opened.
  if (base.demo && workspace.demoInUse()) await base.demo.start();
  const browserEngine = options.browserEngine ?? lazyBrowserEngine();
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
      const deadlines = options.watchDeadlines?.() ?? null;
      return {
        id: active.summary.id,
        storeName: active.summary.storeName,
        profile: active.profile,
        simulate: pem
          ? async (signal, buyer) => {
              const { runSimulation } = await import('../simulation');
              const r = await runSimulation({
                profile: active.profile,
                store: active.store,
                privateKeyPem: pem,
                browser: browserEngine,
                buyer,
                signal,
                screenshots: { mode: 'none' },
                inspectStorePage: false,
                ...(deadlines?.gatewayCallMs ? { gatewayTimeoutMs: deadlines.gatewayCallMs } : {}),
              });
              return { outcome: r.outcome, timeToReadyMs: r.timeToReadyMs };
            }
          : null,
        simulationUnavailableReason: pem ? null : text('没有商户私钥。', 'No merchant key.'),
        ...(deadlines?.probe ? { probeTimeouts: deadlines.probe } : {}),
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
  const session = new DiagnosticsSession();
  const context: CoreContext = {
    ...base,
    settings,
    workspace,
    watch,
    health,
    browserEngine,
    resolveProxy: options.resolveProxy ?? resolveDirect,
    session,
    reports: createReportService({
      dataDir: options.dataDir,
      runtime: base.runtime,
      language: () => settings.get().language,
      lastDiagnosis: () => session.lastDiagnosis(),
      active: () => workspace.active(),
      intakeFor: (merchantNo) => workspace.intakeFor(merchantNo),
      watchExport: (from, to) => watch.exportWindow(from, to),
      logFile: options.logFile ?? null,
      appHealth: health,
      onOutboxChange: (reportId) => events.emit('outbox', { reportId }),
      onNotice: (notice) => notices.push(notice),
      log,
    }),
    async requireActive() {
      const active = await workspace.active();
      if (!active) throw new Error('No store is set up yet: import a store.json first');
      return active;
    },
    onClose: (close) => closers.push(close),
  };
  const closers: (() => Promise<void> | void)[] = [];
  return {
    context,
    async close() {
      await context.reports.close();
      for (const close of closers) await close();
      await watch.close();
      await browserEngine.close();
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
