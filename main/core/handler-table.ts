import type { Channel } from '../../shared/ipc/contract';
import type { Handlers } from '../ipc/dispatch';
import type { CoreContext } from './core-context';

/** Some of the channels' handlers, made by one group module from the core's shared services. */
export type HandlerGroup = Partial<Handlers>;

/**
 * One module per capability, each imported on the first call of one of its channels: what the window
 * needs first (settings, stores) is small, and the engine (diagnosis, reports, keys, triage) is never
 * loaded before the merchant asks for it.
 */
export const HANDLER_GROUPS = {
  app: () => import('./handlers/app-handlers'),
  stores: () => import('./handlers/store-handlers'),
  diagnosis: () => import('./handlers/diagnosis-handlers'),
  reports: () => import('./handlers/report-handlers'),
  support: () => import('./handlers/support-handlers'),
  watch: () => import('./handlers/watch-handlers'),
  keys: () => import('./handlers/key-handlers'),
} satisfies Record<string, () => Promise<{ handlers(ctx: CoreContext): HandlerGroup }>>;
export type GroupName = keyof typeof HANDLER_GROUPS;

/** Every channel's group: a channel missing here fails the type check. */
export const GROUP_OF: { readonly [C in Channel]: GroupName } = {
  'app.info': 'app',
  'app.notices': 'app',
  'app.paths': 'app',
  'settings.get': 'app',
  'settings.setLanguage': 'app',
  'workspace.get': 'app',
  'demo.setScenario': 'app',
  'log.rendererError': 'app',
  'shell.openExternal': 'app',
  'stores.list': 'stores',
  'stores.pickFile': 'stores',
  'stores.import': 'stores',
  'stores.create': 'stores',
  'stores.get': 'stores',
  'stores.setKey': 'stores',
  'stores.setActive': 'stores',
  'stores.remove': 'stores',
  'checklist.run': 'diagnosis',
  'checklist.cancel': 'diagnosis',
  'checklist.last': 'diagnosis',
  'probe.run': 'diagnosis',
  'probe.cancel': 'diagnosis',
  'probe.last': 'diagnosis',
  'simulation.run': 'diagnosis',
  'simulation.cancel': 'diagnosis',
  'simulation.last': 'diagnosis',
  'diagnosis.run': 'diagnosis',
  'diagnosis.cancel': 'diagnosis',
  'diagnosis.last': 'diagnosis',
  'history.list': 'diagnosis',
  'history.compare': 'diagnosis',
  'report.preview': 'reports',
  'report.export': 'reports',
  'report.showExported': 'reports',
  'report.submit': 'reports',
  'outbox.list': 'reports',
  'outbox.retryNow': 'reports',
  'outbox.pollTicket': 'reports',
  'bundle.open': 'support',
  'triage.openFolder': 'support',
  'triage.refresh': 'support',
  'triage.rows': 'support',
  'triage.openBundle': 'support',
  'bundle.saveHar': 'support',
  'watch.status': 'watch',
  'watch.updateSettings': 'watch',
  'watch.chart': 'watch',
  'watch.export': 'watch',
  'keys.generate': 'keys',
  'keys.openBackOffice': 'keys',
  'keys.savePrivateKey': 'keys',
  'keys.convert': 'keys',
  'keys.match': 'keys',
};

type Handler = (input: unknown) => Promise<unknown>;

/**
 * The handler of a channel, its group loaded (once per core) on first need. `context` is the core's
 * services, which the first call waits for.
 */
export function handlerLookup(context: () => Promise<CoreContext>) {
  const loaded = new Map<GroupName, Promise<HandlerGroup>>();
  return async (channel: Channel): Promise<Handler> => {
    const group = GROUP_OF[channel];
    let made = loaded.get(group);
    if (!made) {
      made = Promise.all([HANDLER_GROUPS[group](), context()]).then(([module, ctx]) => module.handlers(ctx));
      // A group that failed to load (its services did not start) is tried again on the next call.
      made.catch(() => loaded.delete(group));
      loaded.set(group, made);
    }
    const handler = (await made)[channel];
    if (!handler) throw new Error(`No handler for ${channel} in the ${group} group`);
    return handler as Handler;
  };
}
