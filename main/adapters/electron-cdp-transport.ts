import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import type { BrowserLauncher, BrowserSession, CdpTransport, SessionRequest } from '../simulation';
import { certificateVerdict } from './certificate-verdict';
import { markSimulationContents } from './guarded-contents';

/**
 * No preload of any kind runs in a buyer's page: a preload is privileged code with an IPC line to main
 * (electron-log's, which its initialize() registers in every session, would let any remote page write
 * into the app log that goes into every bundle). Whatever registered one for all sessions is taken off
 * this one before its window exists; the app registers none itself (main/index.ts).
 */
function withoutPreloads(partition: Session): void {
  for (const script of partition.getPreloadScripts()) partition.unregisterPreloadScript(script.id);
  if (partition.getPreloads().length > 0) partition.setPreloads([]);
}

function debuggerTransport(contents: WebContents): CdpTransport {
  const dbg = contents.debugger;
  return {
    send: (method, params) => dbg.sendCommand(method, params ?? {}),
    on(event, handler) {
      // Electron emits (event, method, params, sessionId); sessionId is '' for the page's own target and
      // names a child target (a worker, an out-of-process frame) otherwise: only the page's own events count.
      const listener = (_event: unknown, method: string, params: unknown, sessionId?: string) => {
        if (method === event && !sessionId) handler((params ?? {}) as Record<string, unknown>);
      };
      dbg.on('message', listener);
      return () => dbg.off('message', listener);
    },
    async close() {
      if (!contents.isDestroyed() && dbg.isAttached()) dbg.detach();
    },
  };
}

/**
 * The app's browser engine for the simulation: for each run a hidden, sandboxed BrowserWindow in its own
 * in-memory session (partition `sim-<uuid>`: no cookies, cache or storage shared with the app or another
 * run), driven over CDP through webContents.debugger, and destroyed after the run.
 *
 * TLS trust: the session's certificate verify proc accepts a chain Chromium refused only when it verifies
 * against the platform profile's own CAs (leaf dates, host name, every signature; see
 * profile-chain-verifier.ts); otherwise Chromium's own verdict stands, so an expired certificate still
 * fails. Certificate checking is never switched off, and the extra trust lives and dies with the session.
 */
export function createElectronBrowserLauncher(): BrowserLauncher {
  const open = new Set<BrowserWindow>();

  return {
    async openSession(request: SessionRequest): Promise<BrowserSession> {
      const partition = session.fromPartition(`sim-${randomUUID()}`, { cache: false });
      withoutPreloads(partition);
      const profileCas = [...request.extraCaCertificates];
      partition.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      partition.setPermissionCheckHandler(() => false);
      partition.setCertificateVerifyProc((verify, callback) =>
        callback(certificateVerdict(verify, profileCas)),
      );

      const window = new BrowserWindow({
        show: false,
        width: request.viewport.width,
        height: request.viewport.height,
        useContentSize: true,
        webPreferences: {
          session: partition,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          navigateOnDragDrop: false,
          spellcheck: false,
          // A hidden window is throttled by default; the buyer's page must run at full speed to be timed.
          backgroundThrottling: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      const contents = window.webContents;
      markSimulationContents(contents);
      open.add(window);
      // The buyer's page may try to open windows; none opens, and nothing is handed to the system browser.
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      contents.on('will-attach-webview', (event) => event.preventDefault());

      const close = async () => {
        open.delete(window);
        if (!window.isDestroyed()) {
          if (contents.debugger.isAttached()) contents.debugger.detach();
          window.destroy();
        }
        partition.setCertificateVerifyProc(null);
        await partition.clearStorageData().catch(() => {});
      };
      try {
        contents.debugger.attach('1.3');
      } catch (error) {
        await close();
        throw error;
      }
      return {
        transport: debuggerTransport(contents),
        info: {
          product: `Electron ${process.versions.electron} (Chromium ${process.versions.chrome})`,
          transport: 'electron',
          executablePath: null,
          trust: profileCas.length > 0 ? 'verify-proc' : 'system',
        },
        close,
      };
    },
    async close() {
      for (const window of [...open]) if (!window.isDestroyed()) window.destroy();
      open.clear();
    },
  };
}
