import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Certificate, type Session, type WebContents } from 'electron';
import {
  verifyChainWithProfileCas,
  type BrowserLauncher,
  type BrowserSession,
  type CdpTransport,
  type SessionRequest,
} from '../simulation';

/** Chromium's answers to a certificate verify proc (Electron docs: session.setCertificateVerifyProc). */
const ACCEPT = 0;
const USE_CHROMIUM_VERDICT = -3;

const simulationContents = new WeakSet<WebContents>();

/**
 * The simulation's hidden windows must follow the cashier's redirects and its return link, which the
 * app-wide navigation guard (web-contents-guard.ts) forbids for every other web contents. The guard asks
 * this before preventing a navigation; nothing else is exempt.
 */
export function isSimulationWebContents(contents: WebContents): boolean {
  return simulationContents.has(contents);
}

/** The PEM chain Chromium presents: the leaf, then each issuer it attached. */
function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  for (let cert: Certificate | undefined = certificate; cert && chain.length < 8; cert = cert.issuerCert) {
    chain.push(cert.data);
    if (cert.issuerCert === cert) break;
  }
  return chain;
}

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

/**
 * The verify proc's answer. Chromium already trusts the chain when errorCode is 0 (net::OK); Electron
 * hands verificationResult as Chromium's error string ('net::OK', 'net::ERR_CERT_AUTHORITY_INVALID'), never
 * a bare 'OK', so the number is what is compared. Only a chain Chromium refused is tried against the
 * profile's CAs.
 */
export function certificateVerdict(
  verify: { hostname: string; certificate: Certificate; verificationResult: string; errorCode: number },
  profileCas: readonly string[],
): number {
  if (verify.errorCode === 0 || profileCas.length === 0) return USE_CHROMIUM_VERDICT;
  const verdict = verifyChainWithProfileCas(chainOf(verify.certificate), verify.hostname, [...profileCas]);
  return verdict.ok ? ACCEPT : USE_CHROMIUM_VERDICT;
}

function debuggerTransport(contents: WebContents): CdpTransport {
  const dbg = contents.debugger;
  return {
    send: (method, params) => dbg.sendCommand(method, params ?? {}),
    on(event, handler) {
      const listener = (_event: unknown, method: string, params: unknown) => {
        if (method === event) handler((params ?? {}) as Record<string, unknown>);
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
      simulationContents.add(contents);
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
