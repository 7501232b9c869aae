import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';
import { createSupportService } from '../support-service';

/** Support mode: opening one bundle, triage of a folder of them, a bundle's HAR. */
export function handlers(ctx: CoreContext) {
  const { options, files, reports, events } = ctx;
  const support = createSupportService({
    dataDir: options.dataDir,
    pickFolder: options.pickFolder,
    pickHarSavePath: options.pickHarSavePath,
    onProgress: (taskId, found, verified) =>
      events.emit('progress', { taskId, kind: 'triage', step: 'verify', done: verified, total: found }),
  });
  ctx.onClose(() => support.close());
  return {
    'bundle.open': async ({ file }) => {
      const path = files.path(file);
      return support.remember(path, await reports.open(path));
    },
    'triage.openFolder': ({ taskId }) => support.openFolder(taskId),
    'triage.refresh': ({ taskId }) => support.refresh(taskId),
    'triage.rows': ({ serial, offset }) => support.rows(serial, offset),
    'triage.openBundle': ({ id }) => support.openTriageBundle(id),
    'bundle.saveHar': ({ reportId }) => support.saveHar(reportId),
  } satisfies HandlerGroup;
}
