import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSandboxPki, type SandboxPki } from '../../../main/sandbox/certificates';
import type { WatchStatus } from '../../../shared/watch/watch-api';
import type { WatchAlert } from '../../../shared/watch/watch-incident';

// No Electron binary here: a stand-in 'electron' module whose objects take and hand back what
// docs/api/*.md and Electron's source (shell/browser/api, shell/common/gin_converters) say they do,
// with the values Electron really passes (issue 15: adapters reviewed line by line).
const fake = vi.hoisted(() => ({
  windows: [] as FakeWindowRecord[],
  sessions: new Map<string, FakeSessionRecord>(),
  notifications: [] as { options: Record<string, unknown>; shown: boolean }[],
  trays: [] as { image: unknown; tooltip: string; menu: FakeMenuItem[]; clicks: (() => void)[] }[],
  dialogAnswer: { canceled: true, filePaths: [] as string[], filePath: '' },
  packaged: false,
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  opened: [] as string[],
}));
interface FakeMenuItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
}
interface FakeWindowRecord {
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  url?: string;
  destroyed: boolean;
  contents: EventEmitter;
  debugger: EventEmitter & { attached: boolean; sent: { method: string; params: unknown }[] };
}
interface FakeSessionRecord {
  verifyProc: ((request: unknown, callback: (result: number) => void) => void) | null;
  cleared: boolean;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    webContents: FakeWindowRecord['contents'];
    private record: FakeWindowRecord;
    constructor(options: FakeWindowRecord['options']) {
      super();
      // webContents.debugger (docs/api/debugger.md): attach throws when already attached; sendCommand's
      // promise rejects with "No target available" once detached.
      const dbg = Object.assign(new Emitter(), {
        attached: false,
        sent: [] as { method: string; params: unknown }[],
      });
      const debuggerApi = Object.assign(dbg, {
        attach(version?: string) {
          if (dbg.attached) throw new TypeError('Debugger is already attached to the target');
          if (version && version !== '1.3')
            throw new TypeError('Requested protocol version is not supported');
          dbg.attached = true;
        },
        isAttached: () => dbg.attached,
        detach() {
          dbg.attached = false;
          dbg.emit('detach', {}, 'target closed');
        },
        sendCommand: async (method: string, params?: unknown) => {
          if (!dbg.attached) throw new Error('No target available');
          dbg.sent.push({ method, params });
          return {};
        },
      });
      const contents = Object.assign(new Emitter(), {
        debugger: debuggerApi,
        isDestroyed: () => this.record.destroyed,
        setWindowOpenHandler: () => {},
      });
      this.webContents = contents;
      this.record = { options, destroyed: false, contents, debugger: dbg };
      fake.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => this.record.destroyed;
    destroy() {
      this.record.destroyed = true;
      this.emit('closed');
    }
    static getFocusedWindow = () => null;
  }
  const session = {
    fromPartition(partition: string) {
      const record: FakeSessionRecord = { verifyProc: null, cleared: false };
      fake.sessions.set(partition, record);
      return {
        getPreloadScripts: () => [],
        unregisterPreloadScript: () => {},
        getPreloads: () => [],
        setPreloads: () => {},
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setCertificateVerifyProc: (proc: FakeSessionRecord['verifyProc']) => (record.verifyProc = proc),
        clearStorageData: async () => void (record.cleared = true),
      };
    },
  };
  class Notification extends Emitter {
    static isSupported = () => true;
    private record: (typeof fake.notifications)[number];
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, shown: false };
      fake.notifications.push(this.record);
    }
    show() {
      this.record.shown = true;
    }
  }
  class Tray extends Emitter {
    private record: (typeof fake.trays)[number];
    constructor(image: unknown) {
      super();
      this.record = { image, tooltip: '', menu: [], clicks: [] };
      fake.trays.push(this.record);
    }
    setToolTip(tooltip: string) {
      this.record.tooltip = tooltip;
    }
    setContextMenu(menu: { items: FakeMenuItem[] }) {
      this.record.menu = menu.items;
    }
    destroy() {}
  }
  return {
    BrowserWindow,
    session,
    Notification,
    Tray,
    Menu: { buildFromTemplate: (items: FakeMenuItem[]) => ({ items }) },
    nativeImage: { createFromPath: (path: string) => ({ path, isEmpty: () => false }) },
    // showOpenDialog resolves { canceled, filePaths }; showSaveDialog { canceled, filePath } ('' when canceled).
    dialog: {
      showOpenDialog: async () => ({
        canceled: fake.dialogAnswer.canceled,
        filePaths: fake.dialogAnswer.filePaths,
      }),
      showSaveDialog: async () => ({
        canceled: fake.dialogAnswer.canceled,
        filePath: fake.dialogAnswer.filePath,
      }),
    },
    app: {
      get isPackaged() {
        return fake.packaged;
      },
      on: (event: string, handler: (...args: unknown[]) => void) => fake.appHandlers.set(event, handler),
      getVersion: () => '0.1.0',
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  };
});
vi.mock('electron-updater', () => {
  throw new Error('electron-updater must not be loaded by an app that is not installed');
});

const { createElectronBrowserLauncher } = await import('../../../main/adapters/electron-cdp-transport');
const { openBackOfficeWindow } = await import('../../../main/adapters/back-office-window');
const { guardAllWebContents } = await import('../../../main/adapters/web-contents-guard');
const { heldNotifications, showWatchAlert } = await import('../../../main/adapters/notifications');
const { createWatchTray } = await import('../../../main/adapters/tray');
const { pickFile, pickHarSavePath, saveFile } = await import('../../../main/adapters/file-dialog');
const { startUpdater } = await import('../../../main/adapters/updater');

const ACCEPT = 0;
const USE_CHROMIUM_VERDICT = -3;
let pki: SandboxPki;
beforeAll(async () => {
  pki = await createSandboxPki();
});
beforeEach(() => {
  fake.windows.length = 0;
  fake.sessions.clear();
});

/**
 * Certificate as net_converter.cc builds it: PEM data, names, dates in seconds, a SHA-256 fingerprint, and
 * issuerCert only for the intermediates the server sent (a root never points at itself).
 */
function electronCertificate(leafPem: string, caPem?: string) {
  const base = (data: string) => ({
    data,
    issuer: {
      commonName: 'Baitiao Doctor Sandbox Root CA',
      organizations: [],
      organizationUnits: [],
      locality: '',
      state: '',
      country: '',
    },
    issuerName: 'Baitiao Doctor Sandbox Root CA',
    subject: {
      commonName: 'localhost',
      organizations: [],
      organizationUnits: [],
      locality: '',
      state: '',
      country: '',
    },
    subjectName: 'localhost',
    serialNumber: '0A1B',
    validStart: 1_764_800_000,
    validExpiry: 1_799_000_000,
    fingerprint: 'sha256/abc=',
  });
  return caPem ? { ...base(leafPem), issuerCert: base(caPem) } : base(leafPem);
}

/** The verify proc's request (VerifyRequestParams → V8): verificationResult is net::ErrorToString(errorCode). */
function verifyRequest(
  leafPem: string,
  caPem: string | undefined,
  errorCode: number,
  hostname = '127.0.0.1',
) {
  const names: Record<number, string> = {
    0: 'net::OK',
    [-202]: 'net::ERR_CERT_AUTHORITY_INVALID',
    [-201]: 'net::ERR_CERT_DATE_INVALID',
  };
  const certificate = electronCertificate(leafPem, caPem);
  return {
    hostname,
    certificate,
    validatedCertificate: certificate,
    isIssuedByKnownRoot: false,
    verificationResult: names[errorCode]!,
    errorCode,
  };
}

const ask = (record: FakeSessionRecord, request: unknown) =>
  new Promise<number>((resolve) => record.verifyProc!(request, resolve));

describe('the adapters against Electron’s documented shapes (issue 15)', () => {
  it('simulation engine: the verify proc answers the values Electron passes; CDP events of child sessions are not the page’s', async () => {
    const launcher = createElectronBrowserLauncher();
    const session = await launcher.openSession({
      extraCaCertificates: [pki.caCertPem],
      viewport: { width: 390, height: 844 },
    });
    const record = [...fake.sessions.values()][0];
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, pki.caCertPem, 0))).toBe(USE_CHROMIUM_VERDICT);
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, pki.caCertPem, -202))).toBe(ACCEPT);
    // A server that sends only its leaf: no issuerCert at all, the profile's CA still vouches for it.
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, undefined, -202))).toBe(ACCEPT);
    expect(await ask(record!, verifyRequest(pki.expiredLeaf.certPem, pki.caCertPem, -201))).toBe(
      USE_CHROMIUM_VERDICT,
    );
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, pki.caCertPem, -202, 'pay.example.com'))).toBe(
      USE_CHROMIUM_VERDICT,
    );

    const window = fake.windows[0]!;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window.debugger.attached).toBe(true);
    const seen: unknown[] = [];
    const off = session.transport.on('Network.requestWillBeSent', (params) => seen.push(params));
    // (event, method, params, sessionId): '' is the page itself, anything else a child target.
    window.debugger.emit('message', {}, 'Network.requestWillBeSent', { requestId: '1' }, '');
    window.debugger.emit('message', {}, 'Network.requestWillBeSent', { requestId: 'w' }, 'A1B2C3');
    window.debugger.emit('message', {}, 'Network.responseReceived', { requestId: '1' }, '');
    expect(seen).toEqual([{ requestId: '1' }]);
    off();
    await session.transport.send('Page.enable');
    expect(window.debugger.sent).toEqual([{ method: 'Page.enable', params: {} }]);

    await session.close();
    expect(window.destroyed).toBe(true);
    expect(window.debugger.attached).toBe(false);
    expect(record!.verifyProc).toBeNull();
    expect(record!.cleared).toBe(true);
    await launcher.close();
  });

  it('back office: the same verdict (net::OK is Chromium’s yes, never a bare OK), and it may post only to its own origin', async () => {
    guardAllWebContents();
    const url = 'https://127.0.0.1:40123/backoffice';
    await openBackOfficeWindow(url, [pki.caCertPem]);
    const record = [...fake.sessions.values()][0];
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, pki.caCertPem, 0))).toBe(USE_CHROMIUM_VERDICT);
    expect(await ask(record!, verifyRequest(pki.leaf.certPem, pki.caCertPem, -202))).toBe(ACCEPT);
    const window = fake.windows[0]!;
    expect(window.url).toBe(url);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });

    fake.appHandlers.get('web-contents-created')!(
      {},
      Object.assign(window.contents, {
        session: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} },
      }),
    );
    const navigate = (to: string) => {
      let prevented = false;
      // details first (an Event with url, isSameDocument, isMainFrame, frame, initiator), then deprecated positionals.
      window.contents.emit(
        'will-navigate',
        {
          url: to,
          isSameDocument: false,
          isMainFrame: true,
          frame: null,
          initiator: null,
          preventDefault: () => (prevented = true),
        },
        to,
        false,
        true,
        4,
        1,
      );
      return prevented;
    };
    expect(navigate('https://127.0.0.1:40123/backoffice/register')).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
  });

  it('notifications: failing ones stay and sound, recovered ones are quiet; only the newest few are held', () => {
    fake.notifications.length = 0;
    const alert = (type: WatchAlert['type']) =>
      ({
        type,
        storeId: 's',
        title: { 'zh-CN': '支付出问题了', 'en-US': 'Payments are failing' },
        body: { 'zh-CN': '网关连不上', 'en-US': 'The gateway cannot be reached' },
      }) as unknown as WatchAlert;
    expect(showWatchAlert(alert('failing'), 'zh-CN')).toBe(true);
    expect(fake.notifications[0]).toEqual({
      options: {
        title: '支付出问题了',
        body: '网关连不上',
        silent: false,
        urgency: 'critical',
        timeoutType: 'never',
      },
      shown: true,
    });
    showWatchAlert(alert('recovered'), 'en-US');
    expect(fake.notifications[1]!.options).toMatchObject({
      title: 'Payments are failing',
      silent: true,
      urgency: 'normal',
    });
    // No 'close' ever comes (Electron does not promise one): showing many must not hold them all.
    for (let i = 0; i < 50; i++) showWatchAlert(alert('failing'), 'zh-CN');
    expect(fake.notifications.every((n) => n.shown)).toBe(true);
    expect(heldNotifications()).toBe(10);
  });

  it('tray: tooltip and menu say how payments are, the checkbox hands back its new state, the icon is the file given', () => {
    fake.trays.length = 0;
    const toggled: boolean[] = [];
    const tray = createWatchTray({
      iconPath: '/app/resources/tray.png',
      language: () => 'zh-CN',
      onOpen: () => {},
      onToggleWatch: (enabled) => toggled.push(enabled),
      onQuit: () => {},
    });
    const status = {
      settings: { enabled: true },
      running: true,
      storeId: 's',
      storeName: '小店',
      lastSample: null,
      openIncident: null,
    } as unknown as WatchStatus;
    tray.update(status);
    const [record] = fake.trays;
    expect(record!.image).toMatchObject({ path: '/app/resources/tray.png' });
    expect(record!.tooltip).toBe('白条支付诊断助手 — 小店 · 监测中…');
    const checkbox = record!.menu.find((item) => item.type === 'checkbox')!;
    expect(checkbox.checked).toBe(true);
    // Electron flips a checkbox item's `checked` before calling click(menuItem, window, event).
    checkbox.click!({ checked: false });
    expect(toggled).toEqual([false]);
  });

  it('dialogs: a cancelled dialog is null, a chosen file its path', async () => {
    fake.dialogAnswer = { canceled: true, filePaths: [], filePath: '' };
    expect(await pickFile('store')).toBeNull();
    expect(await saveFile('key.pem')).toBeNull();
    expect(await pickHarSavePath('network.har')).toBeNull();
    fake.dialogAnswer = {
      canceled: false,
      filePaths: ['/home/shop/store.json'],
      filePath: '/home/shop/key.pem',
    };
    expect(await pickFile('store')).toBe('/home/shop/store.json');
    expect(await saveFile('key.pem')).toBe('/home/shop/key.pem');
  });

  it('updates: an app run from source (not packaged) starts no updater and never loads electron-updater', async () => {
    fake.packaged = false;
    const stop = await startUpdater({
      busy: async () => ({ tasks: 0, submitting: false, watchRound: false }),
      language: () => 'zh-CN',
      log: () => {},
    });
    expect(typeof stop).toBe('function');
    stop();
  });

  it('app:// answers a malformed escape with 400 rather than a failed request', async () => {
    const handlers: ((request: Request) => Promise<Response>)[] = [];
    const electron = (await import('electron')) as unknown as { protocol: { handle: unknown } };
    electron.protocol.handle = (_scheme: string, handler: (request: Request) => Promise<Response>) =>
      handlers.push(handler);
    const { serveRenderer } = await import('../../../main/adapters/app-protocol');
    const dir = mkdtempSync(join(tmpdir(), 'bt-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    serveRenderer(dir);
    expect((await handlers[0]!(new Request('app://bundle/%E0%A4%A.js'))).status).toBe(400);
    expect((await handlers[0]!(new Request('app://bundle/index.html'))).status).toBe(200);
  });
});
