import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// No Electron here: a stand-in session that already carries a preload for every session, the way
// electron-log's initialize() registers one (registerPreloadScript, or setPreloads on older Electron).
const recorded = vi.hoisted(() => ({
  windows: [] as { webPreferences: Record<string, unknown> }[],
  sessions: [] as { scripts: { id: string; filePath: string }[]; legacy: string[] }[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler() {},
      on() {},
      isDestroyed: () => false,
      debugger: { attach() {}, isAttached: () => false, detach() {}, on() {}, off() {} },
    };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      recorded.windows.push({ webPreferences: options.webPreferences });
    }
    isDestroyed = () => false;
    destroy() {}
  }
  return {
    BrowserWindow,
    session: {
      fromPartition: () => {
        const state = {
          scripts: [{ id: 'electron-log-preload', filePath: '/app/electron-log-preload.js' }],
          legacy: ['/app/old-preload.js'],
        };
        recorded.sessions.push(state);
        return {
          getPreloadScripts: () => [...state.scripts],
          unregisterPreloadScript: (id: string) => (state.scripts = state.scripts.filter((s) => s.id !== id)),
          getPreloads: () => [...state.legacy],
          setPreloads: (paths: string[]) => (state.legacy = [...paths]),
          setPermissionRequestHandler() {},
          setPermissionCheckHandler() {},
          setCertificateVerifyProc() {},
          clearStorageData: async () => {},
        };
      },
    },
  };
});

const { createElectronBrowserLauncher } = await import('../../../main/adapters/electron-cdp-transport');

describe('no preload of any kind reaches a simulation session', () => {
  it('a preload registered for every session is taken off the simulation partition before its window opens', async () => {
    const launcher = createElectronBrowserLauncher();
    const opened = await launcher.openSession({
      extraCaCertificates: [],
      viewport: { width: 390, height: 844 },
    } as unknown as Parameters<typeof launcher.openSession>[0]);
    const [state] = recorded.sessions;
    expect(state!.scripts).toEqual([]);
    expect(state!.legacy).toEqual([]);
    expect(recorded.windows).toHaveLength(1);
    expect(recorded.windows[0]!.webPreferences).not.toHaveProperty('preload');
    expect(recorded.windows[0]!.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    await opened.close();
    await launcher.close();
  });

  it("the app's entry never installs electron-log's preload (no log.initialize())", () => {
    const entry = readFileSync(new URL('../../../main/index.ts', import.meta.url), 'utf8');
    const code = entry.replace(/\/\/.*$/gm, '');
    expect(code).toMatch(/electron-log\/main/);
    expect(code).not.toMatch(/\.initialize\s*\(/);
    expect(code).not.toMatch(/setPreloads|registerPreloadScript/);
  });
});
