import type { EventName, FileGrant } from '../../shared/ipc/contract';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { Dispatch } from '../ipc/dispatch';
import type { BusyState } from '../updates/update-policy';
import type { CoreServices } from './app-services';
import type { CoreBase } from './core-context';
import type { AppCoreOptions } from './core-options';
import { lazyDemoPlatform } from './demo-platform';
import { EventBus } from './event-bus';
import { FileGrants } from './file-grants';
import { TaskRegistry } from './task-registry';

export type { AppCoreOptions } from './core-options';

export interface AppCore {
  dispatch: Dispatch;
  /**
   * A token for a dropped file's path: for the preload's own IPC channel only (the Electron adapter checks
   * the sender), never reachable through dispatch.
   */
  grantDroppedFile(path: string): FileGrant;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  /**
   * Resolves once the services (settings, stores, the watch, the outbox) run; rejects with why they could
   * not start (a data folder that cannot be written at all). Every call waits for this by itself.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
  /** What runs now that an update prompt or restart must not interrupt. */
  busy(): Promise<BusyState>;
}

/**
 * Everything the app does, without Electron: the Electron adapter and the browser tests both drive it
 * through dispatch(), so the tests exercise the real handlers.
 *
 * Start-up is lean on purpose (a shop PC may be an old Celeron): this returns before anything heavy is
 * loaded, so the window can open at once. The services start on the next turn of the event loop, after the
 * caller has opened its window, and each capability's handlers are imported on their first call
 * (handler-table.ts). Neither zod's contract nor the engine, the sandbox or reflect-metadata is loaded here.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const log = options.log ?? (() => {});
  const notices: LocalizedText[] = [...(options.notices ?? [])];
  const base: CoreBase = {
    options,
    log,
    runtime: options.runtime ?? `node ${process.versions.node}`,
    notices,
    events: new EventBus(),
    tasks: new TaskRegistry(),
    files: new FileGrants(),
    demo: options.demo ? lazyDemoPlatform({ vault: options.keyVault, log }) : null,
  };
  let closed = false;
  let services: Promise<CoreServices> | null = null;
  const start = () => {
    if (closed) return Promise.reject(new Error('The app is closing'));
    services ??= import('./app-services').then((m) => m.startServices(base));
    return services;
  };
  const context = async () => (await start()).context;
  // The watch and the outbox resume in the background once the window is open (a failure is kept for ready()).
  const started = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    closed ? undefined : start(),
  );
  started.catch((error: unknown) =>
    log(`start-up: ${error instanceof Error ? error.message : String(error)}`),
  );

  let dispatcher: Promise<Dispatch> | null = null;
  const dispatch: Dispatch = async (channel, input) => {
    // The contract (zod) and the handler table are loaded with the first call, not before the window.
    dispatcher ??= Promise.all([import('../ipc/dispatch'), import('./handler-table')]).then(
      ([{ createDispatcher }, { handlerLookup }]) => createDispatcher(handlerLookup(context), log),
    );
    return (await dispatcher)(channel, input);
  };

  return {
    dispatch,
    grantDroppedFile: (path) => base.files.grant(path),
    onEvent: (listener) => base.events.on(listener),
    ready: async () => void (await started),
    busy: async () => {
      const { watch, reports } = await context();
      const status = watch.status();
      const items = await reports.list().catch(() => []);
      return {
        tasks: base.tasks.size,
        submitting: items.some((i) => i.state === 'sending-report' || i.state === 'uploading-bundle'),
        // Due or under way: the next sample's time has come and its result is not in yet.
        watchRound: status.running && status.nextSampleAt !== null && status.nextSampleAt <= Date.now(),
      };
    },
    close: async () => {
      closed = true;
      base.tasks.cancelAll();
      const running = await services?.catch(() => null);
      await running?.close();
      await base.demo?.close();
    },
  };
}
