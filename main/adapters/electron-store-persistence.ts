import Store from 'electron-store';
import type { KeyValuePersistence } from '../settings/settings-repository';

/** Settings in electron-store (never secrets: the merchant key goes to safeStorage). */
export function electronStorePersistence(name: string): KeyValuePersistence {
  const store = new Store<{ value?: unknown }>({ name });
  return {
    read: () => store.get('value'),
    write: (value) => store.set('value', value),
  };
}
