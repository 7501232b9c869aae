import { basename, join, relative, resolve, sep } from 'node:path';
import { text } from '../../shared/i18n/localized-text';
import { BundleProblemCodeSchema, type BundleOpenResult } from '../../shared/report/bundle-view';
import type {
  SaveHarResult,
  TriageOpenResult,
  TriageRow,
  TriageRowsResult,
  TriageSummary,
  TriageView,
} from '../../shared/triage/triage-view';
import { DEFAULT_INCIDENT_RULE, TRIAGE_FIRST_ROWS } from '../../shared/triage/triage-view';
import { openBundle } from '../bundle';
import { exportBundleHar } from '../bundle/har-export';
import { problem } from '../bundle/problems';
import { readRowsPage, runTriage, summaryFromIndex, TriageIndex, type TriageScope } from '../triage';

export interface SupportServiceOptions {
  dataDir: string;
  /** The folder dialog (main/adapters/file-dialog.ts); absent outside Electron unless a test stubs it. */
  pickFolder?: () => Promise<string | null>;
  /** The save dialog for a HAR; same. */
  pickHarSavePath?: (suggestedName: string) => Promise<string | null>;
  onProgress?: (taskId: string, found: number, verified: number) => void;
}

/** The table shows the newest this many; the summary counts every bundle. */
const MAX_ROWS = 1_000;

const posix = (path: string) => path.split('\\').join('/');

const refusedMessage = (code: string) => {
  const known = BundleProblemCodeSchema.safeParse(code);
  return known.success
    ? problem(known.data).message
    : text(
        `助手读取这个文件时出错（${code}），请用命令 bundle verify 查看。`,
        `The reader failed on this file (${code}); run bundle verify on it.`,
      );
};

/**
 * Support mode's state in main: the triage index, the handles of the last folder's bundles, and which
 * bundles were opened (so 「保存 HAR」 names a report, never a path). The renderer never sends a path:
 * folders and save targets come from main's own dialogs, bundles from handles main issued.
 */
export function createSupportService(options: SupportServiceOptions) {
  let index: TriageIndex | null = null;
  /** The folder last opened (absolute). */
  let folder: string | null = null;
  /** Handle → absolute path, for the last folder triaged. */
  let handles = new Map<string, string>();
  /**
   * The last view, for triage.rows: its serial, scope, how many rows it lists, and the index generation
   * its first page was read at (the rest is read at the same one, or not at all).
   */
  let serial = 0;
  let shown: { serial: number; root: string; scope: TriageScope; listed: number; generation: number } | null =
    null;
  /** report_id → the path it was opened from, for this session. */
  const opened = new Map<string, string>();

  const theIndex = () => (index ??= TriageIndex.open(join(options.dataDir, 'triage-index.sqlite')));

  const remember = (path: string, result: BundleOpenResult): BundleOpenResult => {
    if (result.ok) opened.set(result.bundle.report.report_id, path);
    return result;
  };

  /** Rows `offset`… of the folder's table, each given a handle (its place in the list). */
  const rowsOf = (root: string, scope: TriageScope, offset: number, limit: number): TriageRow[] =>
    readRowsPage(theIndex().db, scope, offset, limit).map((row, i) => {
      const id = `b${offset + i}`;
      handles.set(id, row.path);
      return {
        id,
        file: posix(relative(root, row.path)),
        merchant_no: row.merchantNo,
        outcome: row.outcome,
        side: row.side,
        diagnosed_at: new Date(row.diagnosedMs).toISOString(),
        report_id: row.reportId,
      };
    });

  /**
   * A view: the summary, and only the table's first page, read from the index with a query of its own
   * (the rest follows with triage.rows once that page is on the screen).
   */
  const viewOf = (
    root: string,
    scope: TriageScope,
    summary: TriageSummary,
    verifiedNow: number,
    fresh: boolean,
  ): TriageView => {
    handles = new Map();
    const listed = Math.min(summary.bundles, MAX_ROWS);
    const rows = rowsOf(root, scope, 0, Math.min(TRIAGE_FIRST_ROWS, listed));
    const refused = summary.refused.map((r) => ({ ...r, file: posix(relative(root, r.file)) }));
    shown = { serial: ++serial, root, scope, listed, generation: theIndex().generation() };
    return {
      serial: shown.serial,
      folder: root,
      summary: { ...summary, refused },
      rule: DEFAULT_INCIDENT_RULE,
      rows,
      rowsMore: listed - rows.length,
      rowsLeftOut: summary.bundles - listed,
      refusedWhy: refused.map((r) => ({ ...r, message: refusedMessage(r.code) })),
      verifiedNow,
      fresh,
    };
  };

  const triage = async (root: string, taskId: string): Promise<TriageView> => {
    const run = await runTriage(root, {
      index: theIndex(),
      onProgress: ({ found, verified }) => options.onProgress?.(taskId, found, verified),
    });
    return viewOf(run.root, run.scope, run.summary, run.verifiedNow, true);
  };

  return {
    remember,

    /**
     * 「打开文件夹」. A folder triaged before is shown at once from the index (fresh: false) and the
     * renderer then asks for refresh(); a new one is triaged in full first.
     */
    async openFolder(taskId: string): Promise<TriageOpenResult> {
      if (!options.pickFolder) return { picked: false };
      const picked = await options.pickFolder();
      if (!picked) return { picked: false };
      const root = resolve(picked);
      folder = root;
      const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
      if (theIndex().knowsFolder(prefix)) {
        const scope = { prefix, sinceMs: 0 };
        return {
          picked: true,
          view: viewOf(root, scope, summaryFromIndex(theIndex(), scope, DEFAULT_INCIDENT_RULE), 0, false),
        };
      }
      return { picked: true, view: await triage(root, taskId) };
    },

    async refresh(taskId: string): Promise<TriageView> {
      if (!folder) throw new Error('No folder is open: choose one with 打开文件夹 first');
      return triage(folder, taskId);
    },

    /**
     * The rows of view `of` from `offset` on; a view replaced since, or whose folder the index has
     * changed for, gets nothing (its handles are gone, or its rows would not match its summary).
     */
    async rows(of: number, offset: number): Promise<TriageRowsResult> {
      if (!shown || of !== shown.serial || theIndex().generation() !== shown.generation) {
        return { current: false };
      }
      const from = Math.min(offset, shown.listed);
      return { current: true, rows: rowsOf(shown.root, shown.scope, from, shown.listed - from) };
    },

    async openTriageBundle(id: string): Promise<BundleOpenResult> {
      const path = handles.get(id);
      if (!path) throw new Error('This bundle is no longer in the list: open the folder again');
      return remember(path, await openBundle(path));
    },

    async saveHar(reportId: string): Promise<SaveHarResult> {
      const path = opened.get(reportId);
      if (!path) return { saved: false, reason: 'not-open' };
      if (!options.pickHarSavePath) return { saved: false, reason: 'no-dialog' };
      const target = await options.pickHarSavePath(`${basename(path, '.zip')}.har`);
      if (!target) return { saved: false, reason: 'cancelled' };
      const result = await exportBundleHar(path, target);
      return result.saved ? { saved: true, path: target, bytes: result.bytes } : result;
    },

    close(): void {
      index?.close();
      index = null;
    },
  };
}
