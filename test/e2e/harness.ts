import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RENDERER_CSP, RENDERER_MEDIA_TYPES } from '../../main/adapters/content-security-policy';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../main/core/app-core';
import { SIMULATION_BROWSER_ARGS } from '../../main/simulation/playwright-launcher';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  IpcEnvelope,
  IpcError,
} from '../../shared/ipc/contract';

/**
 * Browser journeys against the BUILT renderer (out/renderer) in Debian's Chromium, with window.doctor
 * wired to the real main-side handlers (createAppCore) exactly as the preload wires it in the app.
 */

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(REPO_ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/e2e');
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser journeys cannot run here, or null when they can. Printed by the spec that skips. */
export const chromiumMissingReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `Debian's Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium); browser journeys skipped.`;

/**
 * The journeys' browser: headless, and the simulation browser's flags (the handbook's list, and the
 * browser-UI features off: spare renderers, the address bar's WebUI popups; see
 * main/simulation/playwright-launcher.ts). Every test opens a browser context of its own, and each one cost
 * two or three renderer processes that no page of the app ever uses; the app itself runs in Electron, which
 * has neither.
 */
export const TEST_BROWSER_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  ...SIMULATION_BROWSER_ARGS,
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...TEST_BROWSER_ARGS] });

/**
 * The tests must see what the build produced, not what the sources say now: refuse a missing build,
 * and one older than the renderer sources, with the command that fixes it.
 */
export function assertRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`No built renderer at ${index}. Build first: npx electron-vite build`);
  }
  const built = statSync(index).mtimeMs;
  const newest = newestMtime(join(REPO_ROOT, 'renderer'));
  if (newest.mtimeMs > built) {
    throw new Error(
      `The built renderer is older than ${newest.path}. Rebuild first: npx electron-vite build`,
    );
  }
}

function newestMtime(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestMtime(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

export interface RendererServer {
  /** http://127.0.0.1:<port>, the page's origin (the app's is app://bundle). */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves out/renderer on loopback with the app's own CSP header.
 *
 * Why HTTP and not page.route('app://bundle/**'): Chromium hands a scheme it does not know to the OS as
 * an external protocol and never issues a request, so Playwright's router is never asked and goto()
 * ends in net::ERR_ABORTED (tried). In the app, Electron registers app:// as a standard, secure scheme;
 * 127.0.0.1 is the closest equivalent a stock browser offers (a secure context, a real origin, 'self'
 * meaning that origin), and the CSP header is the very constant main/adapters/app-protocol.ts sends.
 */
export async function startRendererServer(rootDir = RENDERER_DIR): Promise<RendererServer> {
  const root = normalize(rootDir + sep);
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = normalize(join(root, relative));
      // Browsers ask every http origin for one; Electron never does for app://, so it is not a missing file.
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      if (request.method !== 'GET' || !file.startsWith(root)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, {
          'Content-Type': RENDERER_MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export const makeDataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'baitiao-doctor-e2e-'));

/** What the init script finds on the page; typed here because tsconfig.node.json has no DOM types. */
interface BridgeGlobals {
  __doctorInvoke(channel: string, input: unknown): Promise<IpcEnvelope<unknown>>;
  /** The preload's own channel for dropped files (IPC_GRANT_DROPPED_FILE in the app). */
  __doctorGrantDroppedFile(path: string): Promise<IpcEnvelope<unknown>>;
  __doctorEmit?: (event: string, payload: unknown) => void;
  /** Set by a test (see dropFiles): the folder dropped files are "on disk" in. */
  __testDropDir?: string;
  doctor?: unknown;
}

/**
 * The page side of the bridge, the same shape as main/preload/index.ts: invoke unwraps the envelope
 * (a failure becomes an Error with the error's message and code), on() subscribes to pushed events.
 * Runs in the page before any of its scripts, on every load.
 */
function installDoctorBridge(): void {
  const page = globalThis as unknown as BridgeGlobals;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    async invoke(channel: string, input: unknown) {
      const envelope = await page.__doctorInvoke(channel, input);
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
      return envelope.data;
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    // As the preload does: the path of a dropped file (Electron's webUtils.getPathForFile in the app;
    // here the test says which folder drops come from, and, like Electron for a file that is not on
    // disk, none when it has not) traded with main for a token over a channel of its own.
    async grantDroppedFile(file: { name: string }) {
      const dir = page.__testDropDir;
      if (!dir) return null;
      const envelope = await page.__doctorGrantDroppedFile(`${dir}/${file.name}`);
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
      return envelope.data;
    },
  };
  // Frozen and read-only like an object from contextBridge; the emitter is not enumerable.
  Object.defineProperty(page, 'doctor', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(page, '__doctorEmit', {
    value: (event: string, payload: unknown) =>
      listeners.get(event)?.forEach((listener) => listener(payload)),
  });
}

export interface AppSession {
  core: AppCore;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Channels the next calls from the page should fail on, with the error main would send. */
  failures: Map<Channel, IpcError>;
  /** Channels whose calls from the page wait for the promise before main answers (a screen held loading). */
  holds: Map<Channel, Promise<void>>;
  /** Every channel the page called, in order. */
  calls: Channel[];
  /** Console errors and uncaught exceptions of the page (CSP violations show up here). */
  pageErrors: string[];
  /** Main's token for a file, as its open dialog would give one (for invoke from the test side). */
  grant(path: string): string;
  /** Calls main from the test side, past the page, to check what the page did. */
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Opens the app at a screen and waits for the shell to be there. */
  open(hash?: string): Promise<void>;
  /** test-results/e2e/<name>.png; `whole` grows the window to the screen's full height for the picture. */
  screenshot(name: string, options?: { whole?: boolean }): Promise<void>;
  /** Ends the page and the core; safe to call twice. */
  close(): Promise<void>;
}

// Chromium says so for every page with frame-ancestors in a meta tag; the header carries it for real.
const EXPECTED_CONSOLE_NOISE = [/frame-ancestors' is ignored when delivered via a <meta> element/];

/**
 * One app instance: a real core over dataDir (a fresh temp dir unless given) and a fresh browser context
 * whose pages get window.doctor. close() ends both and removes a temp dataDir it made.
 */
export async function openSession(
  browser: Browser,
  server: RendererServer,
  options: {
    dataDir?: string;
    viewport?: { width: number; height: number };
    /** Stand-ins for Electron's dialogs (pickFolder, pickHarSavePath): the test answers for the user. */
    dialogs?: Pick<AppCoreOptions, 'pickFolder' | 'pickHarSavePath'>;
    /** More of the app's adapters (a key vault, a log, a back-office opener) for a test to watch. */
    core?: Partial<AppCoreOptions>;
  } = {},
): Promise<AppSession> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeDataDir());
  const core = await createAppCore({ dataDir, demo: true, ...options.dialogs, ...options.core });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1024, height: 700 },
    locale: 'zh-CN',
    // As a user who turned animations off: the app stops its endless ones (spinners, the progress bar's
    // shimmer; renderer/src/app/app.css). On two cores with no GPU, Chromium painted them at 60 frames a
    // second for the whole of every run the journeys wait on. The diagnosis journey checks both settings
    // (page.emulateMedia).
    reducedMotion: 'reduce',
  });
  const failures = new Map<Channel, IpcError>();
  const holds = new Map<Channel, Promise<void>>();
  const calls: Channel[] = [];
  const pageErrors: string[] = [];

  await context.exposeBinding('__doctorInvoke', async (_source, channel: Channel, input: unknown) => {
    calls.push(channel);
    await holds.get(channel);
    const failure = failures.get(channel);
    if (failure) return { ok: false, error: failure } satisfies IpcEnvelope<never>;
    return core.dispatch(channel, input);
  });
  // The preload's dropped-file channel: main turns the path into a token (the bridge checks the sender).
  await context.exposeBinding('__doctorGrantDroppedFile', async (_source, path: string) => ({
    ok: true,
    data: core.grantDroppedFile(path),
  }));
  await context.addInitScript(installDoctorBridge);

  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !EXPECTED_CONSOLE_NOISE.some((noise) => noise.test(text))) {
      pageErrors.push(`console: ${text}`);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  // Chromium's console line for a 404 has no URL; this one does.
  page.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()} for ${response.url()}`);
  });

  let closed = false;
  const unsubscribe = core.onEvent((event: EventName, payload: unknown) => {
    // The page may be between loads; an event it misses then is one the app would miss too.
    void page
      .evaluate(([name, data]) => (globalThis as unknown as BridgeGlobals).__doctorEmit?.(name, data), [
        event,
        payload,
      ] as const)
      .catch(() => undefined);
  });

  return {
    core,
    context,
    page,
    dataDir,
    failures,
    holds,
    calls,
    pageErrors,
    grant: (path) => core.grantDroppedFile(path).token,
    async invoke(channel, input) {
      const envelope = await core.dispatch(channel, input);
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`);
      return envelope.data as ChannelOutput<typeof channel>;
    },
    async open(hash = '#/home') {
      await page.goto(`${server.origin}/index.html${hash}`);
      await page.locator('.app-shell').waitFor();
    },
    async screenshot(name, { whole = false } = {}) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const viewport = page.viewportSize();
      if (whole && viewport) {
        // The shell scrolls inside its content area, so a fullPage screenshot would stop at the window.
        const header = await page.locator('.app-header').evaluate((element) => element.scrollHeight);
        const content = await page.locator('.app-content').evaluate((element) => element.scrollHeight);
        await page.setViewportSize({
          width: viewport.width,
          height: Math.max(viewport.height, header + content),
        });
      }
      // Finishes antd's enter/leave motions, so a toast shows fully and a closed dropdown is gone.
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
      if (whole && viewport) await page.setViewportSize(viewport);
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      await context.close();
      await core.close();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
