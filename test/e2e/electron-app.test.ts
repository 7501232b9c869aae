import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { makeDataDir, REPO_ROOT, SCREENSHOT_DIR } from './harness';

/**
 * The real app, end to end: Electron's main process, the preload and the app:// page. Where the Electron
 * binary could not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, as on this project's CI), it says so and
 * skips; everything it would check below the window is covered by the Chromium journeys.
 */
const electronDir = join(REPO_ROOT, 'node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const electronBinary = existsSync(pathFile)
  ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;
const mainEntry = join(REPO_ROOT, 'out/main/index.js');

function skipReason(): string | null {
  if (!electronBinary || !existsSync(electronBinary)) {
    return `Electron binary not installed (no ${electronBinary ?? pathFile}; it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the real-window test is skipped.`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'No display for Electron (DISPLAY is unset); run under xvfb-run to include the real-window test.';
  }
  return null;
}
const reason = skipReason();
if (reason) console.warn(reason);

describe.skipIf(reason !== null)('the Electron app', () => {
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
});
