import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { DeviceProfile } from '../../shared/simulation/device-profiles';
import type { BrowserInfo } from '../../shared/simulation/simulation-result';

/**
 * The one seam between the simulation and a browser engine: Chrome DevTools Protocol commands and events
 * for one page. The simulation drives the engine only through this, so the app (Electron's
 * webContents.debugger), the CLI and the tests (playwright-core's CDP session) run the same code.
 */
export interface CdpTransport {
  /** A CDP command on the page's target; rejects when the engine refuses it or the page is gone. */
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Subscribes to one CDP event; returns the unsubscribe function. */
  on(event: string, handler: (params: Record<string, unknown>) => void): () => void;
  close(): Promise<void>;
}

/** One page in a fresh browser session: no cookies, cache or storage shared with anything else. */
export interface BrowserSession {
  transport: CdpTransport;
  info: BrowserInfo;
  /** Destroys the page and its session (the context, or the hidden window and its partition). */
  close(): Promise<void>;
}

export interface SessionRequest {
  /** The profile's extra roots: trusted for this session only, never system-wide. */
  extraCaCertificates: readonly string[];
  /** The viewport the simulated buyer sees; also the screenshot size. */
  viewport: { width: number; height: number };
  /**
   * The device the run emulates. The simulation applies it over CDP itself; a launcher may size its window
   * or context to match so the engine's own defaults never disagree with the emulation.
   */
  device?: DeviceProfile;
}

/** Opens sessions on one engine; a launcher may keep one browser process for many sessions. */
export interface BrowserLauncher {
  openSession(request: SessionRequest): Promise<BrowserSession>;
  /** Ends the engine process, if the launcher started one. */
  close(): Promise<void>;
}

/**
 * No run is possible with this engine: no browser installed, or none that can be made to trust the
 * profile's CA for one run. Carries the reason for a shop owner; the page checks then skip with it.
 */
export class SimulationUnavailableError extends Error {
  override readonly name = 'SimulationUnavailableError';

  constructor(
    readonly reason: LocalizedText,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/** Opens one page in a fresh session: a launcher, or any function that yields a CDP session. */
export type SessionSource = BrowserLauncher | ((request: SessionRequest) => Promise<BrowserSession>);

export function openSession(source: SessionSource, request: SessionRequest): Promise<BrowserSession> {
  return typeof source === 'function' ? source(request) : source.openSession(request);
}

/** Waits for `promise` at most `ms`, leaving no timer behind (a CLI process must exit when done). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
