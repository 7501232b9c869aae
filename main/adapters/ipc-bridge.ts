import { isAbsolute } from 'node:path';
import { ipcMain, type BrowserWindow } from 'electron';
import type { FileGrant, IpcEnvelope } from '../../shared/ipc/contract';
import { IPC_EVENT_PREFIX, IPC_GRANT_DROPPED_FILE, IPC_INVOKE } from '../../shared/ipc/ipc-names';
import type { AppCore } from '../core/app-core';
import { isAppUrl } from './web-contents-guard';

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'IPC from an unexpected frame' } };

/**
 * Registers the single invoke channel. The sender is checked (only our own app:// page may call),
 * then the core's dispatcher validates the channel name and input against the zod contract.
 */
export function bridgeIpc(
  core: Pick<AppCore, 'dispatch' | 'onEvent' | 'grantDroppedFile'>,
  getWindow: () => BrowserWindow | null,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isAppUrl(event.senderFrame?.url)) return FORBIDDEN;
    return core.dispatch(channel, input);
  });
  // The preload's drop helper: a path Electron gave it for a file the user dropped, traded for a token.
  // Only our own page's preload can send here (window.doctor has no way to), and only absolute paths.
  ipcMain.handle(IPC_GRANT_DROPPED_FILE, async (event, path: unknown): Promise<IpcEnvelope<FileGrant>> => {
    if (!isAppUrl(event.senderFrame?.url)) return FORBIDDEN as IpcEnvelope<FileGrant>;
    // The contract (zod) is loaded by the first call, not before the window opens.
    const { DroppedFilePathSchema } = await import('../../shared/ipc/contract');
    const parsed = DroppedFilePathSchema.safeParse(path);
    if (!parsed.success || !isAbsolute(parsed.data)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'not a dropped file path' } };
    }
    return { ok: true, data: core.grantDroppedFile(parsed.data) };
  });
  const unsubscribe = core.onEvent((name, payload) => {
    getWindow()?.webContents.send(`${IPC_EVENT_PREFIX}${name}`, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    ipcMain.removeHandler(IPC_GRANT_DROPPED_FILE);
    unsubscribe();
  };
}
