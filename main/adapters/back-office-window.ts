import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Certificate, type WebContents } from 'electron';
import { verifyChainWithProfileCas } from '../simulation';

/** Chromium's answers to a certificate verify proc (Electron docs: session.setCertificateVerifyProc). */
const ACCEPT = 0;
const USE_CHROMIUM_VERDICT = -3;

const backOfficeContents = new WeakMap<WebContents, string>();

/**
 * The navigation guard (web-contents-guard.ts) lets this window's page post its form to its own origin,
 * and nowhere else.
 */
export function backOfficeMayNavigate(contents: WebContents, url: string): boolean {
  const origin = backOfficeContents.get(contents);
  return origin !== undefined && URL.canParse(url) && new URL(url).origin === origin;
}

function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  for (let cert: Certificate | undefined = certificate; cert && chain.length < 8; cert = cert.issuerCert) {
    chain.push(cert.data);
    if (cert.issuerCert === cert) break;
  }
  return chain;
}

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
  partition.setCertificateVerifyProc((verify, callback) => {
    if (verify.verificationResult === 'OK' || cas.length === 0) return callback(USE_CHROMIUM_VERDICT);
    const verdict = verifyChainWithProfileCas(chainOf(verify.certificate), verify.hostname, cas);
    callback(verdict.ok ? ACCEPT : USE_CHROMIUM_VERDICT);
  });
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
  backOfficeContents.set(window.webContents, new URL(url).origin);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.on('closed', () => void partition.clearStorageData().catch(() => {}));
  await window.loadURL(url);
}
