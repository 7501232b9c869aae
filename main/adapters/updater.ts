import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog } from 'electron';
import { parse } from 'yaml';
import { text } from '../../shared/i18n/text';
import type { Language } from '../../shared/ipc/contract';
import { checkFeed } from '../updates/update-check';
import { createUpdateFlow } from '../updates/update-flow';
import type { BusyState } from '../updates/update-policy';

const FIRST_CHECK_MS = 60_000;
const EVERY_MS = 60 * 60_000;

const QUESTIONS = {
  'ask-download': (v: string) =>
    text(
      `有新版本 ${v}。现在下载吗？下载时可以照常使用。`,
      `Version ${v} is available. Download it now? You can keep working meanwhile.`,
    ),
  'ask-restart': (v: string) =>
    text(`新版本 ${v} 已下载好。现在重启安装吗？`, `Version ${v} is downloaded. Restart now to install it?`),
};

/**
 * The feed electron-builder wrote into the installed app (app-update.yml, from electron-builder.yml →
 * publish). Absent when running from source: then there is nothing to update.
 */
function feedUrl(): string | null {
  try {
    const config = parse(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8')) as {
      url?: unknown;
    };
    return typeof config.url === 'string' ? config.url : null;
  } catch {
    return null;
  }
}

/**
 * Thin glue: the decisions are main/updates (plain Node, tested on a loopback feed); electron-updater
 * downloads (checking the file's SHA-512 against latest.yml itself) and installs.
 */
export async function startUpdater(options: {
  busy: () => Promise<BusyState>;
  language: () => Language;
  log: (message: string) => void;
}): Promise<() => void> {
  const url = feedUrl();
  if (!app.isPackaged || !url) return () => {};
  // Loaded only in an installed app with a feed, and after the window is open: never on the start path.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  const flow = createUpdateFlow({
    check: () => checkFeed({ feedUrl: url }, app.getVersion()),
    busy: options.busy,
    ask: async (step, version) => {
      const language = options.language();
      const answer = await dialog.showMessageBox({
        type: 'question',
        message: QUESTIONS[step](version)[language],
        buttons: language === 'zh-CN' ? ['好', '以后再说'] : ['Yes', 'Later'],
        defaultId: 0,
        cancelId: 1,
      });
      return answer.response === 0;
    },
    download: async () => {
      await autoUpdater.checkForUpdates();
      await autoUpdater.downloadUpdate();
    },
    install: () => autoUpdater.quitAndInstall(),
    log: options.log,
  });
  const run = () => void flow.pass();
  const first = setTimeout(run, FIRST_CHECK_MS);
  const every = setInterval(run, EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
