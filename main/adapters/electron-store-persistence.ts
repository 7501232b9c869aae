import Store from 'electron-store';
import { keepAsideSync, type KeptAside } from '../kept-files';
import type { KeyValuePersistence } from '../settings/settings-repository';

/**
 * Settings in electron-store (never secrets: the merchant key goes to safeStorage). A file that is not
 * valid JSON any more is kept aside and replaced with defaults, and the caller is told where it went.
 */
export function electronStorePersistence(
  name: string,
  onCorrupt: (kept: KeptAside) => void,
): KeyValuePersistence {
  let store: Store<{ value?: unknown }>;
  try {
    store = new Store<{ value?: unknown }>({ name });
  } catch {
    const probe = new Store<{ value?: unknown }>({ name: `${name}-probe` });
    const path = probe.path.replace(/-probe\.json$/, '.json');
    onCorrupt({ file: path, keptAs: keepAsideSync(path) });
    store = new Store<{ value?: unknown }>({ name });
  }
  return {
    read: () => store.get('value'),
    write: (value) => store.set('value', value),
  };
}
