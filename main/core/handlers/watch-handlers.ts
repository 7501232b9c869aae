import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/** Watch mode's screen: the service itself runs from start-up (app-services.ts). */
export function handlers({ watch }: CoreContext) {
  return {
    'watch.status': async () => watch.status(),
    'watch.updateSettings': (patch) => watch.updateSettings(patch),
    'watch.chart': (request) => watch.chart(request),
    'watch.export': ({ from, to }) => watch.exportWindow(from, to),
  } satisfies HandlerGroup;
}
