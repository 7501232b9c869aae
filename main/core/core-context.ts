import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { AppHealth } from '../health/app-health';
import type { ResolveProxy } from '../probe/proxy';
import type { SettingsRepository } from '../settings/settings-repository';
import type { BrowserLauncher } from '../simulation';
import type { WatchService } from '../watch/watch-service';
import type { AppCoreOptions } from './core-options';
import type { DemoPlatform } from './demo-platform';
import type { DiagnosticsSession } from './diagnostics-session';
import type { EventBus } from './event-bus';
import type { FileGrants } from './file-grants';
import type { ReportService } from './report-service';
import type { ActiveStore } from '../model/active-store';
import type { StoreWorkspace } from './store-workspace';
import type { TaskRegistry } from './task-registry';

/** What createAppCore sets up before the window opens: small objects, no capability loaded yet. */
export interface CoreBase {
  options: AppCoreOptions;
  log: (message: string) => void;
  runtime: string;
  /** Told once, on the next screen (app.notices): damaged files kept aside, a history held in memory. */
  notices: LocalizedText[];
  events: EventBus;
  tasks: TaskRegistry;
  files: FileGrants;
  demo: DemoPlatform | null;
}

/**
 * The services every handler group shares, started in the background once the window is open (see
 * app-services.ts). Handlers are plain functions over this; each group is imported on its first call.
 */
export interface CoreContext extends CoreBase {
  settings: SettingsRepository;
  workspace: StoreWorkspace;
  watch: WatchService;
  reports: ReportService;
  health: AppHealth;
  browserEngine: BrowserLauncher;
  resolveProxy: ResolveProxy;
  /** The last results, for the screens that show them again and for the report. */
  session: DiagnosticsSession;
  requireActive(): Promise<ActiveStore>;
  /** A handler group that holds resources (the support service) closes them with the core. */
  onClose(close: () => Promise<void> | void): void;
}
