import { BrowserWindow, dialog, type FileFilter, type OpenDialogOptions } from 'electron';

const FILTERS: Record<'store' | 'platform' | 'key', FileFilter[]> = {
  store: [{ name: 'store.json', extensions: ['json'] }],
  platform: [{ name: 'platform.json', extensions: ['json'] }],
  key: [{ name: 'PEM', extensions: ['pem', 'key', 'txt'] }],
};

/** The open dialog for store.json, platform.json or a key file; the renderer never sees the file system. */
export async function pickFile(kind: keyof typeof FILTERS): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options: OpenDialogOptions = { properties: ['openFile'], filters: FILTERS[kind] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
