import type { KeyVault } from '../config/key-vault';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { ResolveProxy } from '../probe/proxy';
import type { BrowserLauncher } from '../simulation';
import type { WatchAlert } from '../../shared/watch/watch-incident';
import type { KeyValuePersistence } from '../settings/settings-repository';
import type { AppHealth } from '../health/app-health';
import type { WatchDeadlines } from '../watch/watch-service';
import type { KeptAside } from '../kept-files';

/** What the Electron adapter (or a test, or the CLI) hands the core: only types here, so it costs no start-up. */
export interface AppCoreOptions {
  /** Where this app instance keeps its data (settings, stores, outbox, history). */
  dataDir: string;
  /** Start the embedded sandbox platform and offer its demo store: the default on first start. */
  demo: boolean;
  /**
   * The app passes electron-store, as a loader so that it is loaded after the window opens; tests and the CLI
   * use a JSON file in dataDir. A damaged file is reported through onCorrupt (kept aside, the user told).
   */
  settingsPersistence?:
    KeyValuePersistence | ((onCorrupt: (kept: KeptAside) => void) => Promise<KeyValuePersistence>);
  /** The app passes the safeStorage vault; elsewhere keys stay in memory. */
  keyVault?: KeyVault;
  /** Opens an https link in the user's browser; only the Electron adapter can. */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a file in the system's file manager (shell.showItemInFolder); only the Electron adapter can. */
  showItemInFolder?: (path: string) => void;
  /** The save-file dialog (the key tool's private key files); only the Electron adapter has one. */
  saveFile?: (suggestedName: string) => Promise<string | null>;
  /** Opens the sandbox back office in a window trusting the profile's CAs only (the Electron adapter). */
  openBackOffice?: (url: string, extraCaCertificates: readonly string[]) => Promise<void>;
  /** The open-file dialog; only the Electron adapter has one. */
  pickFile?: (kind: 'store' | 'platform' | 'key' | 'bundle') => Promise<string | null>;
  /** Support mode's folder dialog and the HAR save dialog; only the Electron adapter has them (tests stub). */
  pickFolder?: () => Promise<string | null>;
  pickHarSavePath?: (suggestedName: string) => Promise<string | null>;
  /** The app's own log file (electron-log), which goes, redacted, into a report's bundle. */
  logFile?: string | null;
  /** The engine for simulated redirects: Electron's in the app; else an installed Chromium is found. */
  browserEngine?: BrowserLauncher;
  /** How the browser engine routes a URL (Electron's session.resolveProxy); direct elsewhere. */
  resolveProxy?: ResolveProxy;
  runtime?: string;
  log?: (message: string) => void;
  /** Where electron-log writes (the app only). */
  logsDir?: string;
  /** Shows a watch alert (the Electron adapter: a desktop notification); elsewhere only the event is sent. */
  notifyWatchAlert?: (alert: WatchAlert) => void;
  /** Things the user must hear about at start (e.g. the Electron adapter found a damaged settings file). */
  notices?: LocalizedText[];
  /** The app's crash and error record (the Electron adapter feeds it); by default a file in dataDir. */
  appHealth?: AppHealth;
  /**
   * Tests only: shorter deadlines for the watch's probe and prepay call, asked for at each (re)start of
   * the watch, so a journey can let a hanging gateway time out in a second rather than the real 10 s
   * while its healthy rounds keep the real deadlines. Undefined or null: the real ones.
   */
  watchDeadlines?: () => WatchDeadlines | null;
}
