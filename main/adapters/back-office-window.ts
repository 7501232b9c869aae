import { randomUUID } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { certificateVerdict } from './certificate-verdict';
import { markBackOfficeContents } from './guarded-contents';

/**
 * The sandbox's 沙箱商家后台 in a window of its own, in an in-memory session that trusts the platform
 * profile's CAs (the sandbox's per-run root) for this window only, through the same chain check the
 * simulation uses: certificate checking stays on, and nothing is added to the system's trust. A user's
 * own browser would not know the per-run root, which is why the app opens it.
 */
export async function openBackOfficeWindow(
  url: string,
  extraCaCertificates: readonly string[],
): Promise<void> {
  const cas = [...extraCaCertificates];
  const partition = session.fromPartition(`backoffice-${randomUUID()}`, { cache: false });
  partition.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  partition.setPermissionCheckHandler(() => false);
  // The same verdict as the simulation's session: errorCode 0 is Chromium's yes ('net::OK', never 'OK').
  partition.setCertificateVerifyProc((verify, callback) => callback(certificateVerdict(verify, cas)));
  const window = new BrowserWindow({
    width: 900,
    height: 700,
    title: '沙箱商家后台',
    webPreferences: {
      session: partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  markBackOfficeContents(window.webContents, new URL(url).origin);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.on('closed', () => void partition.clearStorageData().catch(() => {}));
  await window.loadURL(url);
}
