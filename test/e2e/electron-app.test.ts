import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { makeDataDir, REPO_ROOT, SCREENSHOT_DIR } from './harness';

/**
 * The release smoke (`npm run smoke:electron`, before every release, on each release platform): the real app
 * end to end, in Electron's own main process, preload, engine and Node. One app, in order: the window opens
 * hardened; IPC round trips through ipcMain, the sender check and the dispatcher; a simulated redirect runs
 * in Electron's engine (a hidden window driven over webContents.debugger, the sandbox CA trusted by the
 * session's verify proc) on the demo sandbox; the safeStorage vault seals what it keeps (no private key in
 * any plain file); the tray shows the watch; a watch round is written to node:sqlite inside Electron's Node.
 * Where the Electron binary could not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, as on this project's CI)
 * or there is no display, it says so and skips; what it checks below the window is covered by the Chromium
 * journeys and the adapter tests (test/unit/adapters).
 */
const electronDir = join(REPO_ROOT, 'node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const electronBinary = existsSync(pathFile)
  ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;
const mainEntry = join(REPO_ROOT, 'out/main/index.js');

function skipReason(): string | null {
  if (!electronBinary || !existsSync(electronBinary)) {
    return `Electron binary not installed (no ${electronBinary ?? pathFile}; it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the release smoke (window, IPC, simulated redirect, safeStorage vault, tray and watch in node:sqlite) is skipped: run it where npm install downloaded Electron.`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'No display for Electron (DISPLAY is unset): the release smoke is skipped; run it under xvfb-run.';
  }
  return null;
}
const reason = skipReason();
if (reason) console.warn(reason);

/** Every file under a folder, as text (latin1: a sealed key is bytes, a plain one would still read). */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }));
}

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

describe.skipIf(reason !== null)('the Electron app (release smoke)', () => {
  let app: ElectronApplication | undefined;
  let userData: string | undefined;

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  test('opens one hardened window: title, window.doctor, no require', async () => {
    expect(existsSync(mainEntry), `${mainEntry} is missing. Build first: npx electron-vite build`).toBe(true);
    userData = await makeDataDir();
    app = await _electron.launch({
      executablePath: electronBinary ?? undefined,
      args: [mainEntry, `--user-data-dir=${userData}`],
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    const window = await app.firstWindow();
    await window.locator('.app-shell').waitFor({ timeout: 30_000 });

    expect(await window.title()).toMatch(/^(白条支付诊断助手|Baitiao Doctor)$/);
    expect(window.url()).toMatch(/^app:\/\/bundle\//);
    const globals = await window.evaluate(() => {
      const page = globalThis as Record<string, unknown>;
      const doctor = page.doctor as Record<string, unknown> | undefined;
      return {
        doctor: typeof doctor,
        invoke: typeof doctor?.invoke,
        on: typeof doctor?.on,
        require: typeof page.require,
        process: typeof page.process,
      };
    });
    expect(globals).toEqual({
      doctor: 'object',
      invoke: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
    });
    // One real round trip through ipcMain, the sender check and the dispatcher.
    const workspace = await window.evaluate(() =>
      (
        globalThis as unknown as { doctor: { invoke(channel: string, input: unknown): Promise<unknown> } }
      ).doctor.invoke('workspace.get', undefined),
    );
    expect(workspace).toMatchObject({ demo: { running: true } });
    await window.screenshot({ path: join(SCREENSHOT_DIR, 'electron-window.png') });
  });

  /** window.doctor.invoke in the app's own page: the preload, ipcMain, the sender check, the dispatcher. */
  const invoke = async (channel: string, input: unknown) => {
    const window = await app!.firstWindow();
    return window.evaluate(
      ([c, i]) => (globalThis as unknown as { doctor: { invoke: Invoke } }).doctor.invoke(c, i),
      [channel, input] as const,
    );
  };

  test('IPC round trip: the core runs in Electron’s Node, and a setting written comes back', async () => {
    expect(await invoke('app.info', undefined)).toMatchObject({
      runtime: expect.stringMatching(/^electron /),
    });
    expect(await invoke('settings.setLanguage', { language: 'en-US' })).toEqual({ language: 'en-US' });
    expect(await invoke('settings.get', undefined)).toEqual({ language: 'en-US' });
    expect(await invoke('settings.setLanguage', { language: 'zh-CN' })).toEqual({ language: 'zh-CN' });
  });

  test('a simulated redirect in Electron’s own engine, on the demo sandbox', async () => {
    const series = (await invoke('simulation.run', { taskId: 'smoke-simulation', runs: 1 })) as {
      kind: string;
      runs: { outcome: string; browser: { transport: string; trust: string; product: string } }[];
    };
    expect(series.kind).toBe('simulation-series');
    expect(series.runs[0]).toMatchObject({
      outcome: 'REDIRECT_OK',
      // The sandbox's per-run CA is trusted by the hidden window's session only, through its verify proc.
      browser: { transport: 'electron', trust: 'verify-proc', product: expect.stringMatching(/^Electron /) },
    });
  });

  test('the safeStorage vault: what it keeps is sealed, and no private key is in any plain file', async () => {
    const vault = await app!.evaluate(({ safeStorage }) => {
      const available = safeStorage.isEncryptionAvailable();
      return {
        available,
        backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os',
        roundTrip: available ? safeStorage.decryptString(safeStorage.encryptString('白条 key')) : null,
      };
    });
    const keychain = vault.available && !['basic_text', 'unknown'].includes(vault.backend);
    console.info(`safeStorage: available ${vault.available}, backend ${vault.backend}`);
    if (vault.available) expect(vault.roundTrip).toBe('白条 key');
    // The demo sandbox's keys went through the vault when its sandbox started (main/core/demo-platform.ts).
    const keysFile = join(userData!, 'keys.json');
    const kept = existsSync(keysFile)
      ? (JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, unknown>)
      : {};
    if (keychain) {
      expect(typeof kept['demo-sandbox-keys']).toBe('string');
      expect(String(kept['demo-sandbox-keys'])).not.toContain('PRIVATE KEY');
    } else {
      // No real keychain (Linux basic_text): the vault holds keys in memory only, nothing on disk.
      expect(kept['demo-sandbox-keys']).toBeUndefined();
    }
    expect(
      filesUnder(userData!)
        .filter((f) => f.text.includes('PRIVATE KEY'))
        .map((f) => f.path),
    ).toEqual([]);
  });

  test('the tray shows the watch, and a watch round is written to node:sqlite inside Electron’s Node', async () => {
    // Electron offers no way to list trays: the tooltip the app sets from now on is recorded in main.
    await app!.evaluate(({ Tray }) => {
      const tooltips: string[] = [];
      (globalThis as Record<string, unknown>).__smokeTooltips = tooltips;
      const original = Tray.prototype.setToolTip;
      Tray.prototype.setToolTip = function (this: Electron.Tray, tooltip: string) {
        tooltips.push(tooltip);
        return original.call(this, tooltip);
      };
    });
    await invoke('watch.updateSettings', { enabled: true, intervalSeconds: 60 });
    // The first sample is taken at once; each sample refreshes the tray.
    await expect
      .poll(() => app!.evaluate(() => (globalThis as Record<string, unknown>).__smokeTooltips as string[]), {
        timeout: 60_000,
      })
      .toContainEqual(
        expect.stringMatching(/^(白条支付诊断助手|Baitiao Doctor) — .+(正常|故障中|OK|Failing)/),
      );
    // The sample in the history file, read by node:sqlite in Electron's own Node (no native addon).
    const samples = () =>
      app!.evaluate(({ app: electronApp }) => {
        const sqlite = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
        const db = new sqlite.DatabaseSync(`${electronApp.getPath('userData')}/watch-history.sqlite`, {
          readOnly: true,
        });
        try {
          return Number((db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n);
        } finally {
          db.close();
        }
      });
    await expect.poll(samples, { timeout: 30_000 }).toBeGreaterThan(0);
    await invoke('watch.updateSettings', { enabled: false });
  });
});
