import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// No Electron binary here, so the adapters run against a recording stand-in for the 'electron' module:
// what they ask Electron to do is exactly what these tests check (Electron security guide items).
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  protocolHandler: null as null | ((request: Request) => Promise<Response>),
  privileged: [] as unknown[],
  ipcHandlers: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    constructor(public options: Record<string, unknown>) {
      recorded.windows.push({ options });
    }
    once() {}
    loadURL(url: string) {
      recorded.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      on: (event: string, handler: (...args: unknown[]) => void) => recorded.appHandlers.set(event, handler),
    },
    shell: { openExternal: (url: string) => (recorded.opened.push(url), Promise.resolve()) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
        (recorded.protocolHandler = handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => Promise<unknown>) =>
        recorded.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
    },
  };
});

const { createMainWindow } = await import('../../../main/adapters/main-window');
const { guardAllWebContents } = await import('../../../main/adapters/web-contents-guard');
const { registerAppScheme, serveRenderer } = await import('../../../main/adapters/app-protocol');
const { bridgeIpc } = await import('../../../main/adapters/ipc-bridge');
const { IPC_GRANT_DROPPED_FILE, IPC_INVOKE } = await import('../../../shared/ipc/contract');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  let permissionHandler:
    ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  let permissionCheck: (() => boolean) | null = null;
  return {
    on: (event: string, handler: (event: { preventDefault(): void }, url?: string) => void) =>
      listeners.set(event, handler),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    session: {
      setPermissionRequestHandler: (handler: typeof permissionHandler) => (permissionHandler = handler),
      setPermissionCheckHandler: (handler: typeof permissionCheck) => (permissionCheck = handler),
    },
    navigate(event: string, url: string) {
      let prevented = false;
      // As Electron emits will-navigate / will-redirect: details (an Event carrying url, isSameDocument,
      // isMainFrame, frame, initiator) first, then the deprecated positional url, isInPlace, isMainFrame,
      // frameProcessId, frameRoutingId.
      const details = {
        url,
        isSameDocument: false,
        isMainFrame: true,
        frame: null,
        initiator: null,
        preventDefault: () => (prevented = true),
      };
      (listeners.get(event) as (...args: unknown[]) => void)(details, url, false, true, 4, 1);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
    askPermission: (permission: string) =>
      new Promise<boolean>((resolve) => permissionHandler!(null, permission, resolve)),
    checkPermission: () => permissionCheck!(),
  };
}

describe('Electron security, as the adapters configure it', () => {
  beforeEach(() => {
    recorded.opened.length = 0;
  });

  it('the window: context isolation, sandbox, no Node, web security, no webview, served from app://', () => {
    createMainWindow('/preload');
    const { options, url } = recorded.windows.at(-1)!;
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(url).toBe('app://bundle/index.html');
  });

  it('navigation away, new windows, webviews and every permission are denied; only https goes to the browser', async () => {
    guardAllWebContents();
    const contents = fakeContents();
    recorded.appHandlers.get('web-contents-created')!({}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://bundle/index.html#/checklist')).toBe(false);
    expect(contents.navigate('will-redirect', 'http://evil.example/')).toBe(true);
    expect(contents.navigate('will-attach-webview', 'app://bundle/')).toBe(true);
    expect(contents.open('https://help.example.cn/baitiao')).toEqual({ action: 'deny' });
    expect(contents.open('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny' });
    expect(contents.open('http://plain.example/')).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(['https://help.example.cn/baitiao']);
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(await contents.askPermission(permission)).toBe(false);
    }
    expect(contents.checkPermission()).toBe(false);
  });

  it('app:// is a privileged secure scheme and every page carries the strict CSP header; no path escapes', async () => {
    registerAppScheme();
    expect(recorded.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    const dir = mkdtempSync(join(tmpdir(), 'bt-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    serveRenderer(dir);
    const page = await recorded.protocolHandler!(new Request('app://bundle/index.html'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const escape = await recorded.protocolHandler!(new Request('app://bundle/..%2F..%2Fetc%2Fpasswd'));
    expect([403, 404]).toContain(escape.status);
    expect((await recorded.protocolHandler!(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('IPC from any frame but our own app:// page is refused before it reaches a handler', async () => {
    const dispatched: unknown[] = [];
    const core = {
      dispatch: async (channel: unknown) => (dispatched.push(channel), { ok: true as const, data: null }),
      onEvent: () => () => {},
      close: async () => {},
      grantDroppedFile: () => ({ token: '0'.repeat(32), name: 'x' }),
    };
    bridgeIpc(core, () => null);
    const handler = recorded.ipcHandlers.get(IPC_INVOKE)!;
    const evil = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'settings.get', undefined);
    expect(evil).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const none = await handler({ senderFrame: null }, 'settings.get', undefined);
    expect(none).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatched).toEqual([]);
    await handler({ senderFrame: { url: 'app://bundle/index.html' } }, 'settings.get', undefined);
    expect(dispatched).toEqual(['settings.get']);
  });

  it("a dropped file's path is taken only from our page's preload, only absolute, and answered with a token", async () => {
    const granted: string[] = [];
    const core = {
      dispatch: async () => ({ ok: true as const, data: null }),
      onEvent: () => () => {},
      close: async () => {},
      grantDroppedFile: (path: string) => (granted.push(path), { token: 'a'.repeat(32), name: 'store.json' }),
    };
    bridgeIpc(core, () => null);
    const grant = recorded.ipcHandlers.get(IPC_GRANT_DROPPED_FILE)!;
    const app = { senderFrame: { url: 'app://bundle/index.html' } };
    expect(await grant({ senderFrame: { url: 'https://evil.example/' } }, '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    for (const bad of ['store.json', '../x', '', 42, null, 'x'.repeat(5000)]) {
      expect(await grant(app, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(granted).toEqual([]);
    expect(await grant(app, '/home/shop/store.json')).toEqual({
      ok: true,
      data: { token: 'a'.repeat(32), name: 'store.json' },
    });
    expect(granted).toEqual(['/home/shop/store.json']);
  });
});
