import { BrowserWindow, dialog, type FileFilter, type OpenDialogOptions } from 'electron';

const FILTERS: Record<'store' | 'platform' | 'key' | 'bundle', FileFilter[]> = {
  store: [{ name: 'store.json', extensions: ['json'] }],
  platform: [{ name: 'platform.json', extensions: ['json'] }],
  key: [{ name: 'PEM', extensions: ['pem', 'key', 'txt'] }],
  bundle: [{ name: '诊断包 / Diagnostic bundle', extensions: ['zip'] }],
};

/** The open dialog for store.json, platform.json, a key file or a bundle; the renderer never sees the file system. */
export async function pickFile(kind: keyof typeof FILTERS): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options: OpenDialogOptions = { properties: ['openFile'], filters: FILTERS[kind] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
