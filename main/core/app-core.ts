import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../shared/ipc/contract';
import { SCENARIOS } from '../../shared/sandbox/scenarios';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatch';
import { startSandbox, type Sandbox } from '../sandbox';
import { jsonFilePersistence } from '../settings/json-file-persistence';
import { SettingsRepository, type KeyValuePersistence } from '../settings/settings-repository';
import { APP_IDENTITY } from './app-identity';
import { EventBus } from './event-bus';

export interface AppCoreOptions {
  /** Where this app instance keeps its data (settings, outbox, history). */
  dataDir: string;
  /** Start the embedded sandbox platform and use its demo store: the default on first start. */
  demo: boolean;
  /** The app passes electron-store; tests and the CLI use a JSON file in dataDir. */
  settingsPersistence?: KeyValuePersistence;
  /** Opens an https link in the user's browser; only the Electron adapter can. */
  openExternal?: (url: string) => Promise<void>;
  runtime?: string;
  log?: (message: string) => void;
}

export interface AppCore {
  dispatch: Dispatch;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/**
 * Everything the app does, without Electron: the Electron adapter and the browser tests both drive it
 * through dispatch(), so the tests exercise the real handlers.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const log = options.log ?? (() => {});
  const settings = new SettingsRepository(
    options.settingsPersistence ?? jsonFilePersistence(join(options.dataDir, 'settings.json')),
  );
  const events = new EventBus();
  const sandbox: Sandbox | null = options.demo ? await startSandbox({ scenario: 'healthy' }) : null;

  const demoStatus = () =>
    sandbox ? { running: true, scenario: sandbox.scenario, scenarios: [...SCENARIOS] } : null;

  const handlers: Handlers = {
    'app.info': async () => ({
      ...APP_IDENTITY,
      os: `${platform()} ${release()}`,
      arch: arch(),
      runtime: options.runtime ?? `node ${process.versions.node}`,
    }),
    'settings.get': async () => settings.get(),
    'settings.setLanguage': async ({ language }) => settings.update({ language }),
    'workspace.get': async () => ({
      activeStore: sandbox
        ? {
            id: 'sandbox-demo',
            storeName: sandbox.store.storeName,
            merchantNo: sandbox.store.merchantNo,
            appId: sandbox.store.appId,
            environment: sandbox.store.environment,
            storeUrl: sandbox.store.storeUrl,
          }
        : null,
      profile: sandbox
        ? {
            name: sandbox.profile.name,
            gatewayUrl: sandbox.profile.gatewayUrl,
            cashierOrigin: sandbox.profile.cashierOrigin,
            supportApiUrl: sandbox.profile.supportApiUrl,
            extraCaCount: sandbox.profile.extraCaCertificates.length,
          }
        : null,
      demo: demoStatus(),
    }),
    'demo.setScenario': async ({ scenario }) => {
      if (!sandbox) throw new Error('Demo mode is not running');
      sandbox.setScenario(scenario);
      return demoStatus()!;
    },
    'shell.openExternal': async ({ url }) => {
      if (!options.openExternal) return { opened: false };
      await options.openExternal(url);
      return { opened: true };
    },
  };

  return {
    dispatch: createDispatcher(handlers, log),
    onEvent: (listener) => events.on(listener),
    close: async () => {
      await sandbox?.close();
    },
  };
}
