import {
  BrowserWindow,
  dialog,
  type FileFilter,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';

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

/** Support mode's 「打开文件夹」: a folder of bundles, chosen here in main, never named by the renderer. */
export async function pickFolder(): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options: OpenDialogOptions = { properties: ['openDirectory'] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** 「保存 HAR」: where to write a bundle's network.har, so DevTools (Network → Import HAR) can open it. */
export async function pickHarSavePath(suggestedName: string): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options: SaveDialogOptions = {
    defaultPath: suggestedName,
    filters: [{ name: 'HAR', extensions: ['har'] }],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The save dialog for a key file the merchant asked for; the chosen path stays in main. */
export async function saveFile(suggestedName: string): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options: SaveDialogOptions = { defaultPath: suggestedName, filters: FILTERS.key };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : (result.filePath ?? null);
}
