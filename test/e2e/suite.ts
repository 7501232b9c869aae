import { rm } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { MemoryKeyVault } from '../../main/config/key-vault';
import { DEMO_SANDBOX_KEYS_ID } from '../../main/core/demo-platform';
import { generateSandboxKeys, sandboxKeysToText } from '../../main/sandbox';
import type { BrowserLauncher } from '../../main/simulation';
import { createPlaywrightLauncher } from '../../main/simulation/playwright-launcher';
import {
  assertRendererBuilt,
  CHROMIUM_PATH,
  launchChromium,
  openSession,
  startRendererServer,
  type AppSession,
  type RendererServer,
} from './harness';

/** Waits until the locator is visible; a timeout fails the test with the locator in the message. */
export const visible = (locator: Locator, timeout = 15_000) => locator.waitFor({ state: 'visible', timeout });

/**
 * The number of elements the locator matches, asked again until the assertion holds or 15 s pass:
 * `locator.count()` answers at once, and after a click React may not have rendered yet (CI once read
 * 0 rows of a table it had just opened).
 */
export const countOf = (locator: Locator, timeout = 15_000) =>
  expect.poll(() => locator.count(), { timeout });

/**
 * The per-file set-up of the browser journeys: one Chromium and one renderer server for the file, every
 * session a test opened closed after it with its page errors checked, and temp dirs removed.
 * A missing or stale build fails every test with the fix in the message, rather than skipping them.
 *
 * The sessions of a file also share what one app process keeps across its runs: the demo sandbox's seven
 * keys (as the app's key vault keeps them between starts) and the simulation's browser, in which every run
 * still gets a browser context of its own (playwright-launcher.ts). With the same keys a restarted sandbox
 * presents the same CA (sandboxPkiFor), so that browser is started once per file, not once per test with a
 * new trust home of its own; a test that brings its own key vault or browser engine keeps it.
 */
export function useAppSuite() {
  let browser: Browser;
  let server: RendererServer;
  let simulationBrowser: BrowserLauncher | null = null;
  let demoKeys: Promise<string> | null = null;
  const sessions: AppSession[] = [];
  const tempDirs: string[] = [];
  let setupError: unknown;

  beforeAll(async () => {
    try {
      assertRendererBuilt();
      browser = await launchChromium();
      server = await startRendererServer();
      simulationBrowser = createPlaywrightLauncher({ executablePath: CHROMIUM_PATH });
    } catch (error) {
      setupError = error;
    }
  });

  beforeEach(() => {
    if (setupError) throw setupError;
  });

  afterEach(async () => {
    const errors = sessions.flatMap((session) => session.pageErrors);
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    // No CSP violation, React error or uncaught exception on any page of the test.
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simulationBrowser?.close();
  });

  return {
    async open(options: Parameters<typeof openSession>[2] = {}) {
      const keyVault = new MemoryKeyVault();
      demoKeys ??= generateSandboxKeys().then(sandboxKeysToText);
      await keyVault.put(DEMO_SANDBOX_KEYS_ID, await demoKeys);
      const shared = simulationBrowser;
      // Each core closes its engine when it closes; the file's browser outlives them (closed in afterAll).
      const browserEngine: BrowserLauncher | undefined = shared
        ? { openSession: (request) => shared.openSession(request), close: async () => {} }
        : undefined;
      const session = await openSession(browser, server, {
        ...options,
        core: { keyVault, browserEngine, ...options.core },
      });
      sessions.push(session);
      return session;
    },
    /** Removed after the test. */
    removeLater(dir: string) {
      tempDirs.push(dir);
    },
  };
}

/**
 * Drops files on a drop zone the way a user dragging them from the file manager does: dragenter,
 * dragover and drop with a DataTransfer holding the files. The harness's grantDroppedFile (in the app the
 * preload's, with Electron's webUtils.getPathForFile) then places them in `dir`, where the test wrote them,
 * and trades that path with main for a token, as the app does.
 */
export async function dropFiles(
  page: Page,
  zone: Locator,
  dir: string,
  files: readonly { name: string; content: string }[],
): Promise<void> {
  await page.evaluate((folder) => {
    (globalThis as unknown as { __testDropDir?: string }).__testDropDir = folder;
  }, dir);
  const dataTransfer = await page.evaluateHandle((list) => {
    // tsconfig.node.json has no DOM types; this runs in the page, where these exist.
    const page = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new page.DataTransfer();
    for (const file of list) {
      transfer.items.add(new page.File([file.content], file.name, { type: 'application/json' }));
    }
    return transfer;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer });
  }
  await dataTransfer.dispose();
}
