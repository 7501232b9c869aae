import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { text } from '../../shared/i18n/localized-text';
import type { BrowserInfo } from '../../shared/simulation/simulation-result';
import {
  SimulationUnavailableError,
  type BrowserLauncher,
  type BrowserSession,
  type CdpTransport,
  type SessionRequest,
} from './cdp-transport';
import { createNssTrustHome, findCertutil, type NssTrustHome } from './nss-trust-home';

/**
 * The Chromium features playwright-core (1.65) turns off for every browser it starts. Chromium honours
 * only the last `--disable-features` on its command line, so ours repeats them; launcher-concurrency.test.ts
 * reads the running browser's command line and fails if one of Playwright's went missing (an upgrade).
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Browser work per session that no buyer's page ever sees, off: each simulated device is a browser context
 * of its own, and these made every context cost two or three renderer processes instead of one.
 * - SpareRendererForSitePerProcess: Chromium keeps a spare renderer warm for the next navigation. With a
 *   phone's and a computer's contexts side by side, each spare is made for one context and thrown away
 *   when the other one navigates (about a dozen processes started and killed per two-device diagnosis).
 * - WebUIOmniboxPopup, WebUIOmniboxAimPopup: every new context's window preloads the address bar's
 *   suggestion popups, each a web app in a renderer process of its own; a headless run has no address bar.
 * Together they took more than half the browser's CPU time of a diagnosis (BENCHMARKS.md, issue 19).
 */
export const SIMULATION_DISABLED_FEATURES: readonly string[] = [
  'SpareRendererForSitePerProcess',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

/**
 * Flags for a browser that only ever runs the simulation: no first-run UI, no background traffic of its
 * own (so every request in the HAR is the chain's), no QUIC (the sandbox and most cashiers are TCP; a
 * QUIC attempt would only add noise to the hop timings), no per-session browser UI (above). Headless and
 * the sandbox are set through Playwright's options below, not here.
 */
export const SIMULATION_BROWSER_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...SIMULATION_DISABLED_FEATURES].join(',')}`,
];

export interface PlaywrightLauncherOptions {
  executablePath: string;
  launchTimeoutMs?: number;
  extraArgs?: readonly string[];
  /** For tests: where certutil is (default: found on PATH). */
  certutilPath?: string | null;
  platform?: NodeJS.Platform;
}

interface RunningBrowser {
  browser: Browser;
  /** Which set of profile CAs this process trusts (its NSS home), so another profile gets its own process. */
  trustKey: string;
  trustHome: NssTrustHome | null;
}

const trustKeyOf = (cas: readonly string[]): string =>
  createHash('sha256')
    .update([...cas].sort().join('\n'))
    .digest('hex');

/** Chrome, Edge or Chromium, from the executable's name: what the result calls the engine. */
function productName(executablePath: string): string {
  const name = basename(executablePath).toLowerCase();
  if (name.includes('edge')) return 'Microsoft Edge';
  if (
    name.includes('chrome') &&
    !name.includes('chromium') &&
    !executablePath.toLowerCase().includes('chromium')
  )
    return 'Google Chrome';
  return 'Chromium';
}

/**
 * Chromium through playwright-core (CLI and tests): one browser process for many runs, each run in a new
 * browser context (its own cookies, cache and storage) with one page and a CDP session on it.
 *
 * TLS trust: see README.md. With no extra CAs the browser uses the machine's trust as a buyer's browser
 * would. With extra CAs, on Linux, the browser is started with HOME set to a throw-away NSS database that
 * trusts those CAs; Chromium then verifies every certificate itself (an expired one still fails). On other
 * systems there is no per-process trust store to give it, and certificate checks are never turned off, so
 * the run is declared unavailable with that reason.
 */
export function createPlaywrightLauncher(options: PlaywrightLauncherOptions): BrowserLauncher {
  const platform = options.platform ?? process.platform;
  let running: RunningBrowser | null = null;
  let starting: Promise<RunningBrowser> | null = null;

  async function stop(): Promise<void> {
    const current = running;
    running = null;
    if (!current) return;
    await current.browser.close().catch(() => {});
    await current.trustHome?.dispose();
  }

  async function start(cas: readonly string[], trustKey: string): Promise<RunningBrowser> {
    let trustHome: NssTrustHome | null = null;
    if (cas.length > 0) {
      if (platform !== 'linux') {
        throw new SimulationUnavailableError(
          text(
            '这个平台配置带有自己的根证书（例如沙箱平台）。在这个操作系统上，命令行无法只为这一次模拟让 Chrome 信任它（本工具不会关闭证书检查，也不会改动系统的证书）。请在白条支付诊断助手应用里运行模拟支付。',
            'This platform profile brings its own root certificate (the sandbox does). On this operating system the CLI cannot make Chrome trust it for one run only (this tool never turns certificate checks off, nor changes the system\u2019s certificates). Run the simulation in the Baitiao Doctor app instead.',
          ),
          `profile CAs need a per-process trust store; none on ${platform}`,
        );
      }
      const certutil = options.certutilPath === undefined ? findCertutil() : options.certutilPath;
      if (!certutil) {
        throw new SimulationUnavailableError(
          text(
            '这个平台配置带有自己的根证书，需要 certutil 工具才能只为这次模拟信任它。请安装 libnss3-tools（Debian/Ubuntu）或 nss-tools（Fedora）后再试。',
            'This platform profile brings its own root certificate; trusting it for one run needs the certutil tool. Install libnss3-tools (Debian/Ubuntu) or nss-tools (Fedora) and try again.',
          ),
          'certutil not found on PATH',
        );
      }
      trustHome = await createNssTrustHome(cas, certutil);
    }
    try {
      const { chromium } = await import('playwright-core');
      // Chromium refuses its sandbox as root (containers, CI); everywhere else the sandbox stays on.
      const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      const browser = await chromium.launch({
        executablePath: options.executablePath,
        headless: true,
        chromiumSandbox: !asRoot,
        args: [...SIMULATION_BROWSER_ARGS, ...(options.extraArgs ?? [])],
        env: trustHome ? { ...process.env, HOME: trustHome.home } : process.env,
        timeout: options.launchTimeoutMs ?? 30_000,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      const started: RunningBrowser = { browser, trustKey, trustHome };
      browser.on('disconnected', () => {
        if (running === started) {
          running = null;
          void trustHome?.dispose();
        }
      });
      return started;
    } catch (error) {
      await trustHome?.dispose();
      throw new SimulationUnavailableError(
        text(
          `浏览器「${options.executablePath}」启动失败，没法模拟买家打开支付页面。请确认它是能正常打开的 Chrome、Edge 或 Chromium，或用 --browser 换一个。`,
          `The browser "${options.executablePath}" did not start, so the buyer\u2019s payment page cannot be simulated. Make sure it is a working Chrome, Edge or Chromium, or pick another with --browser.`,
        ),
        `browser launch failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        { cause: error },
      );
    }
  }

  /**
   * The browser for this trust set, started at most once however many sessions ask at the same time (a
   * diagnosis opens a phone's and the computer's together): the check and the claim of `starting` happen
   * with no await between them, so a second caller always waits for the first one's browser.
   */
  async function browserFor(cas: readonly string[]): Promise<RunningBrowser> {
    const trustKey = trustKeyOf(cas);
    for (;;) {
      if (starting) {
        await starting.catch(() => {});
        continue;
      }
      if (running?.trustKey === trustKey && running.browser.isConnected()) return running;
      break;
    }
    const launch = (async () => {
      await stop();
      return start(cas, trustKey);
    })();
    starting = launch;
    try {
      running = await launch;
      return running;
    } finally {
      if (starting === launch) starting = null;
    }
  }

  return {
    async openSession(request: SessionRequest): Promise<BrowserSession> {
      const { browser, trustHome } = await browserFor(request.extraCaCertificates);
      const context = await browser.newContext({
        // The run emulates its device over CDP itself (device-emulation.ts); the context only agrees with it.
        viewport: request.viewport,
        deviceScaleFactor: request.device?.deviceScaleFactor ?? 1,
        locale: 'zh-CN',
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      try {
        const page = await context.newPage();
        const session = await context.newCDPSession(page);
        const info: BrowserInfo = {
          product: `${productName(options.executablePath)} ${browser.version()}`,
          transport: 'playwright',
          executablePath: options.executablePath,
          trust: trustHome ? 'nss-profile-db' : 'system',
        };
        return { transport: cdpTransport(session), info, close: () => context.close().catch(() => {}) };
      } catch (error) {
        await context.close().catch(() => {});
        throw error;
      }
    },
    close: stop,
  };
}

function cdpTransport(session: CDPSession): CdpTransport {
  // Playwright types each CDP method; the simulation speaks the protocol by name, so it is loosened here.
  const loose = session as unknown as {
    send(method: string, params?: Record<string, unknown>): Promise<unknown>;
    on(event: string, handler: (params: Record<string, unknown>) => void): void;
    off(event: string, handler: (params: Record<string, unknown>) => void): void;
  };
  return {
    send: (method, params) => loose.send(method, params),
    on(event, handler) {
      loose.on(event, handler);
      return () => loose.off(event, handler);
    },
    close: () => session.detach().catch(() => {}),
  };
}
