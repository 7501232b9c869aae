import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, crashReporter, dialog, session, BrowserWindow, shell } from 'electron';
import log from 'electron-log/main';
import { text } from '../shared/i18n/text';
import { createAppCore, type AppCore, type AppCoreOptions } from './core/app-core';
import { APP_IDENTITY } from './model/app-identity';
import { closeBounded } from './core/close-bounded';
import { deferredLauncher } from './core/deferred-launcher';
import { createAppHealth } from './health/app-health';
import { captureProcessErrors, processGoneEvent } from './health/process-capture';
import { pickFile, pickFolder, pickHarSavePath, saveFile } from './adapters/file-dialog';
import { SafeStorageKeyVault } from './adapters/safe-storage-key-vault';
import { registerAppScheme, serveRenderer } from './adapters/app-protocol';
import { bridgeIpc } from './adapters/ipc-bridge';
import { createMainWindow } from './adapters/main-window';
import { guardAllWebContents } from './adapters/web-contents-guard';
import { showWatchAlert } from './adapters/notifications';
import { createWatchTray, type WatchTray } from './adapters/tray';
import type { Language } from '../shared/ipc/contract';
import type { WatchStatus } from '../shared/watch/watch-api';

// The Electron entry: wires adapters to the plain-Node core and does nothing else. What it imports
// statically is what runs before the window opens (measured by `npm run bench`, bench/startup/): the
// adapters that load heavy code (electron-store, the simulation's CDP glue, the back office, the
// updater) are imported on first use.
const here = dirname(fileURLToPath(import.meta.url));
// No log.initialize(): it installs electron-log's preload in every session, the simulation's included,
// so any remote page there could write into the app log (which goes into every bundle). The renderer's
// errors reach the log through our own IPC contract instead (log.rendererError).
// Rotation and a size cap: a shop PC left running for months must not fill its disk with logs.
log.transports.file.maxSize = 5 * 1024 * 1024;
// Native crashes leave a minidump in app.getPath('crashDumps') on this PC; nothing is uploaded anywhere.
crashReporter.start({ uploadToServer: false });
// Crashes and unhandled errors go to the log with a level, and the last ones to the next problem report.
const health = createAppHealth({
  file: join(app.getPath('userData'), 'app-health.json'),
  log: (level, message) => log[level](message),
});
captureProcessErrors(process, health);
app.on('render-process-gone', (_event, _contents, details) => {
  const event = processGoneEvent('render-process-gone', details);
  if (event) health.record(event);
});
app.on('child-process-gone', (_event, details) => {
  const event = processGoneEvent('child-process-gone', details);
  if (event) health.record(event);
});
registerAppScheme();
guardAllWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let core: AppCore | null = null;
  let tray: WatchTray | null = null;
  let quitting = false;
  let language: Language = 'zh-CN';

  const call = async <T>(channel: string, input: unknown): Promise<T | null> => {
    const answer = await core?.dispatch(channel, input);
    return answer?.ok ? (answer.data as T) : null;
  };
  const openWindow = () => {
    if (window) {
      // show() alone leaves a minimized window minimized on Windows.
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createMainWindow(join(here, '../preload'));
    window.on('closed', () => (window = null));
  };
  const refreshTray = async () => {
    language = (await call<{ language: Language }>('settings.get', undefined))?.language ?? language;
    const status = await call<WatchStatus>('watch.status', undefined);
    if (status) tray?.update(status);
  };

  // Starting the app again brings this one forward, its window reopened if it lives in the tray.
  app.on('second-instance', () => {
    if (core) openWindow();
  });

  app.whenReady().then(async () => {
    serveRenderer(join(here, '../renderer'));
    const options: AppCoreOptions = {
      logsDir: dirname(log.transports.file.getFile().path),
      logFile: log.transports.file.getFile().path,
      dataDir: app.getPath('userData'),
      demo: true,
      // electron-store (conf, ajv) is loaded once the window is open, with the core's services.
      settingsPersistence: async (onCorrupt) =>
        (await import('./adapters/electron-store-persistence')).electronStorePersistence(
          'settings',
          onCorrupt,
        ),
      keyVault: new SafeStorageKeyVault(),
      // Simulated redirects run in a hidden, sandboxed window of this very engine.
      browserEngine: deferredLauncher(async () =>
        (await import('./adapters/electron-cdp-transport')).createElectronBrowserLauncher(),
      ),
      pickFile,
      pickFolder,
      pickHarSavePath,
      saveFile,
      openBackOffice: async (url, cas) =>
        (await import('./adapters/back-office-window')).openBackOfficeWindow(url, cas),
      // The proxy the browser engine itself would use, so probes and checks see what buyers' Chrome sees.
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      openExternal: (url) => shell.openExternal(url),
      showItemInFolder: (path) => shell.showItemInFolder(path),
      runtime: `electron ${process.versions.electron} (chromium ${process.versions.chrome})`,
      log: (message) => log.warn(message),
      appHealth: health,
      notifyWatchAlert: (alert) => {
        showWatchAlert(alert, language, openWindow);
        void refreshTray();
      },
    };
    // Lean on purpose: createAppCore loads no capability, so the window opens at once; the core's services
    // (settings, stores, the watch, the outbox) start right after, and the first call waits for them.
    const started = await createAppCore(options);
    core = started;
    void started.ready().catch((error: unknown) => {
      // Damaged data files are kept aside by the core; what reaches here is not the user's doing (a data
      // folder that cannot be written at all): say so plainly, with the folder, and quit cleanly.
      log.error('start-up failed', error);
      const reason = error instanceof Error ? error.message : String(error);
      const dataDir = app.getPath('userData');
      const message = text(
        `白条支付诊断助手无法启动：${reason}\n数据文件夹：${dataDir}\n文件夹里的内容没有改动。`,
        `Baitiao Doctor could not start: ${reason}\nData folder: ${dataDir}\nNothing in the folder was changed.`,
      );
      dialog.showErrorBox(APP_IDENTITY.productName, `${message['zh-CN']}\n\n${message['en-US']}`);
      quitting = true;
      app.quit();
    });
    core.onEvent((event) => {
      if (event === 'watch') void refreshTray();
    });
    bridgeIpc(core, () => window);
    openWindow();
    tray = createWatchTray({
      iconPath: join(here, '../../resources/tray.png'),
      language: () => language,
      onOpen: openWindow,
      onToggleWatch: (enabled) => void call('watch.updateSettings', { enabled }).then(refreshTray),
      onQuit: () => {
        quitting = true;
        app.quit();
      },
    });
    await refreshTray();
    // Updates: asked before download and before restart, never while something runs (main/updates).
    // electron-updater is loaded only in an installed app that has a feed, after the window is open.
    const { startUpdater } = await import('./adapters/updater');
    await startUpdater({ busy: () => started.busy(), language: () => language, log: (m) => log.info(m) });
  });

  // While watching, closing the window leaves the app in the tray; otherwise it quits.
  app.on('window-all-closed', () => {
    void call<{ running: boolean }>('watch.status', undefined).then((status) => {
      if (quitting || !status?.running) app.quit();
    });
  });
  app.on('before-quit', () => (quitting = true));
  // Quitting waits (at most 5 s) for the core to close, so an outbox write or a SQLite commit is never cut.
  app.on('will-quit', (event) => {
    tray?.destroy();
    tray = null;
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void closeBounded(
      () => closing.close(),
      (message) => log.warn(message),
    ).finally(() => app.quit());
  });
}
