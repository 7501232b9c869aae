import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/** The problem report and its outbox (the outbox's worker runs from start-up, in the report service). */
export function handlers({ reports, options }: CoreContext) {
  return {
    'report.preview': (input) => reports.preview(input),
    'report.export': ({ reportId }) => reports.export(reportId),
    'report.showExported': ({ reportId }) => reports.showExported(reportId, options.showItemInFolder),
    'report.submit': ({ reportId }) => reports.submit(reportId),
    'outbox.list': () => reports.list(),
    'outbox.retryNow': ({ reportId }) => reports.retryNow(reportId),
    'outbox.pollTicket': ({ reportId }) => reports.pollTicket(reportId),
  } satisfies HandlerGroup;
}
