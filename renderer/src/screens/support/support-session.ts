import type { FileGrant } from '../../../../shared/ipc/contract';
import type { BundleOpenResult } from '../../../../shared/report/bundle-view';
import type { TriageView } from '../../../../shared/triage/triage-view';
import { createExternalStore, reasonOf } from '../../app/external-store';
import { doctor } from '../../ipc/doctor';

/**
 * The bundle support staff opened stays open for the renderer session: looking up a check's meaning on
 * another screen and coming back shows the same bundle, not an empty picker. So does a folder's triage.
 */
export interface SupportSession {
  opening: boolean;
  /** The file asked for, named as the user picked or dropped it. */
  fileName: string | null;
  result: BundleOpenResult | null;
  /** The call itself failed (not a refused bundle: that is a result). */
  error: string | null;
  /** The last folder triaged (「打开文件夹」), kept while a bundle from it is open. */
  triage: TriageView | null;
  triaging: boolean;
  /** Files verified so far, and found so far, while a folder is triaged. */
  triageProgress: { verified: number; found: number } | null;
  triageError: string | null;
  /** The open bundle came from the triage table: 「返回列表」 goes back to it. */
  fromTriage: boolean;
}

const store = createExternalStore<SupportSession>({
  opening: false,
  fileName: null,
  result: null,
  error: null,
  triage: null,
  triaging: false,
  triageProgress: null,
  triageError: null,
  fromTriage: false,
});
const update = store.update;

export const useSupportSession = store.useStore;

async function open(fileName: string, fromTriage: boolean, call: () => Promise<BundleOpenResult>) {
  if (store.get().opening) return;
  update({ opening: true, fileName, result: null, error: null, fromTriage });
  try {
    update({ result: await call() });
  } catch (error) {
    update({ error: reasonOf(error) });
  } finally {
    update({ opening: false });
  }
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Verifies the bundle the user picked or dropped (main's token for it), then shows it, or why it was refused. */
export async function openBundle(file: FileGrant): Promise<void> {
  await open(file.name, false, () => doctor.invoke('bundle.open', { file: file.token }));
}

/** One row of the triage table: main knows the file by the handle it issued. */
export async function openTriageBundle(id: string, file: string): Promise<void> {
  await open(baseName(file), true, () => doctor.invoke('triage.openBundle', { id }));
}

export function closeBundle(): void {
  update({ opening: false, fileName: null, result: null, error: null, fromTriage: false });
}

let triageRuns = 0;

/** Runs one triage call in main with its progress shown; the view it returns replaces the table. */
async function triageCall(call: (taskId: string) => Promise<TriageView | null>): Promise<TriageView | null> {
  const taskId = `triage-${++triageRuns}`;
  update({ triaging: true, triageError: null, triageProgress: null });
  const stop = doctor.on('progress', (event) => {
    if (event.taskId === taskId) update({ triageProgress: { verified: event.done, found: event.total } });
  });
  try {
    let view = await call(taskId);
    // A table on the screen is replaced by a whole one, not by one page then the rest; a first table
    // shows its first page at once and gets the rest after the paint (openFolder).
    if (view && store.get().triage) view = await withAllRows(view);
    if (view) update({ triage: view });
    return view;
  } catch (error) {
    update({ triageError: reasonOf(error) });
    return null;
  } finally {
    stop();
    update({ triaging: false, triageProgress: null });
  }
}

/**
 * 「打开文件夹」: main asks for the folder in its own dialog, then verifies and groups every bundle in it.
 * A folder checked before shows at once from the index, then is looked through for new or changed files.
 */
export async function openFolder(): Promise<void> {
  if (store.get().triaging) return;
  const view = await triageCall(async (taskId) => {
    const answer = await doctor.invoke('triage.openFolder', { taskId });
    if (!answer.picked) return null;
    update({ result: null, error: null, fileName: null, fromTriage: false });
    return answer.view;
  });
  if (!view) return;
  await afterPaint();
  if (view.rowsMore > 0) {
    try {
      const whole = await withAllRows(view);
      if (store.get().triage?.serial === view.serial) update({ triage: whole });
    } catch (error) {
      update({ triageError: reasonOf(error) });
      return;
    }
  }
  if (!view.fresh) await triageCall((taskId) => doctor.invoke('triage.refresh', { taskId }));
}

/** The view with the rest of its rows (main sends one page with it; see TRIAGE_FIRST_ROWS). */
async function withAllRows(view: TriageView): Promise<TriageView> {
  if (view.rowsMore === 0) return view;
  const rest = await doctor.invoke('triage.rows', { serial: view.serial, offset: view.rows.length });
  return rest.current ? { ...view, rows: [...view.rows, ...rest.rows], rowsMore: 0 } : view;
}

/**
 * Resolves once the browser has painted what was just rendered: the rest of the rows and the look
 * through the folder (a walk and, for changed files, verification in worker threads) then do not compete
 * with drawing the table. A hidden window paints no frames, so at most a tenth of a second is waited.
 */
function afterPaint(): Promise<void> {
  return new Promise((done) => {
    const fallback = setTimeout(done, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        done();
      }, 0),
    );
  });
}

export function closeTriage(): void {
  update({ triage: null, triageError: null, fromTriage: false });
}
