import type { BundleOpenResult } from '../../../../shared/report/bundle-view';
import { createExternalStore, reasonOf } from '../../app/external-store';
import { doctor } from '../../ipc/doctor';

/**
 * The bundle support staff opened stays open for the renderer session: looking up a check's meaning on
 * another screen and coming back shows the same bundle, not an empty picker.
 */
export interface SupportSession {
  opening: boolean;
  /** The file asked for, named as the user picked or dropped it. */
  fileName: string | null;
  result: BundleOpenResult | null;
  /** The call itself failed (not a refused bundle: that is a result). */
  error: string | null;
}

const store = createExternalStore<SupportSession>({
  opening: false,
  fileName: null,
  result: null,
  error: null,
});
const update = store.update;

export const useSupportSession = store.useStore;

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Verifies the bundle at `path` in main, then shows it, or why it was refused. */
export async function openBundle(path: string): Promise<void> {
  if (store.get().opening) return;
  update({ opening: true, fileName: baseName(path), result: null, error: null });
  try {
    update({ result: await doctor.invoke('bundle.open', { path }) });
  } catch (error) {
    update({ error: reasonOf(error) });
  } finally {
    update({ opening: false });
  }
}

export function closeBundle(): void {
  update({ opening: false, fileName: null, result: null, error: null });
}
