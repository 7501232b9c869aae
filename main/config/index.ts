/**
 * Importing store.json and platform.json (app: open dialog or drop; CLI: paths), the merchant key,
 * the shipped profiles, and the registry of imported stores. Plain Node: no electron import here.
 */
export { loadStoreConfigFile, parseStoreConfig } from './store-config-importer';
export type { ParseStoreOptions, StoreImportResult, StoreImportSuccess } from './store-config-importer';
export {
  checkPlatformProfileValue,
  loadPlatformProfileFile,
  parsePlatformProfile,
} from './platform-profile-importer';
export { loadMerchantKey, MAX_KEY_FILE_BYTES } from './merchant-key-loader';
export type { KeyIssueContext, MerchantKeyRef, MerchantKeyResult } from './merchant-key-loader';
export { MAX_CONFIG_BYTES } from './config-document';
export { listShippedProfiles, loadShippedProfile, shippedProfileTemplateText } from './shipped-profiles';
export { MemoryKeyVault } from './key-vault';
export type { KeyVault } from './key-vault';
export {
  REGISTRY_VERSION,
  RegistryDocumentSchema,
  StoreNotFoundError,
  StoreRecordSchema,
  StoreRegistry,
  toStoreSummary,
} from './store-registry';
export type {
  KeyStatusName,
  RegistryPersistence,
  SaveOptions,
  SaveOutcome,
  StoreRecord,
  StoreRegistryOptions,
} from './store-registry';
export { JsonFilePersistence, NewerFileError, newerFileText } from './json-file-persistence';
export type { JsonFileOptions, KeptFileEvent } from './json-file-persistence';
