import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT_PREFIX, IPC_INVOKE } from '../../shared/ipc/contract';
import type { AppCore } from '../core/app-core';
import { isAppUrl } from './web-contents-guard';

/**
 * Registers the single invoke channel. The sender is checked (only our own app:// page may call),
 * then the core's dispatcher validates the channel name and input against the zod contract.
 */
export function bridgeIpc(
  core: Pick<AppCore, 'dispatch' | 'onEvent'>,
  getWindow: () => BrowserWindow | null,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isAppUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'IPC from an unexpected frame' } };
    }
    return core.dispatch(channel, input);
  });
  const unsubscribe = core.onEvent((name, payload) => {
    getWindow()?.webContents.send(`${IPC_EVENT_PREFIX}${name}`, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
