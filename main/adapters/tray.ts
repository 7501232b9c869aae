import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/ipc/contract';
import type { WatchStatus } from '../../shared/watch/watch-api';

export interface WatchTrayOptions {
  /** A PNG (16/32 px template image on macOS); the caller picks it per platform. */
  iconPath: string;
  language: () => Language;
  onOpen: () => void;
  onToggleWatch: (enabled: boolean) => void;
  onQuit: () => void;
}

export interface WatchTray {
  update(status: WatchStatus): void;
  destroy(): void;
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
};

function headline(status: WatchStatus, language: Language): string {
  const zh = language === 'zh-CN';
  if (!status.running) return zh ? '未在监测' : 'Not watching';
  if (status.openIncident) {
    return zh
      ? `故障中：${status.openIncident.lastOutcome}（自 ${clock(status.openIncident.openedAt)}）`
      : `Failing: ${status.openIncident.lastOutcome} (since ${clock(status.openIncident.openedAt)})`;
  }
  if (!status.lastSample) return zh ? '监测中…' : 'Watching…';
  return zh ? `正常（${clock(status.lastSample.at)} 检测）` : `OK (checked ${clock(status.lastSample.at)})`;
}

/**
 * The tray icon of watch mode: its tooltip and first menu line say how the payment path is doing, the
 * menu opens the window, pauses or resumes watching, or quits (closing the window keeps the app in the
 * tray while watching; main/index.ts decides that).
 */
export function createWatchTray(options: WatchTrayOptions): WatchTray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.on('click', options.onOpen);

  const update = (status: WatchStatus) => {
    const language = options.language();
    const zh = language === 'zh-CN';
    const line = headline(status, language);
    const store = status.storeName ? `${status.storeName} · ` : '';
    tray.setToolTip(`${zh ? '白条支付诊断助手' : 'Baitiao Doctor'} — ${store}${line}`);
    const items: MenuItemConstructorOptions[] = [
      { label: `${store}${line}`, enabled: false },
      { type: 'separator' },
      { label: zh ? '打开诊断助手' : 'Open Baitiao Doctor', click: options.onOpen },
      {
        label: zh ? '持续监测' : 'Keep watching',
        type: 'checkbox',
        checked: status.settings.enabled,
        click: (item) => options.onToggleWatch(item.checked),
      },
      { type: 'separator' },
      { label: zh ? '退出' : 'Quit', click: options.onQuit },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(items));
  };

  return { update, destroy: () => tray.destroy() };
}
