import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/** The merchant's stores: import, the set-up form, keys, the active one. The watch follows the active store. */
export function handlers({ workspace, watch, files, options }: CoreContext) {
  return {
    'stores.list': () => workspace.list(),
    'stores.pickFile': async ({ kind }) => {
      const path = options.pickFile ? await options.pickFile(kind) : null;
      return { file: path ? files.grant(path) : null };
    },
    'stores.import': async ({ storeFile, platformFile, profileName }) => {
      const storePath = files.path(storeFile);
      const platformPath = platformFile === undefined ? undefined : files.path(platformFile);
      const outcome = await workspace.importFiles(storePath, platformPath, profileName);
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.create': async ({ config, privateKeyPem, profileName, storeId }) => {
      const outcome = await workspace.createFromForm(config, privateKeyPem, profileName, storeId);
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.get': ({ id }) => workspace.storeForEditing(id),
    'stores.setKey': async ({ id, privateKeyPem, keyFile }) => {
      const outcome = await workspace.setKey(id, privateKeyPem ?? { file: files.path(keyFile!) });
      if (outcome.ok) await watch.activeStoreChanged();
      return outcome;
    },
    'stores.setActive': async ({ id }) => {
      const stores = await workspace.setActive(id);
      await watch.activeStoreChanged();
      return stores;
    },
    'stores.remove': async ({ id }) => {
      const stores = await workspace.remove(id);
      await watch.activeStoreChanged();
      return stores;
    },
  } satisfies HandlerGroup;
}
