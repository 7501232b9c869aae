import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { CheckedStoreConfig } from '../../shared/config/store-config';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { StoreSummary } from '../../shared/ipc/contract';

/**
 * The active store as every layer sees it (checklist, diagnosis, keys, core). Declared here, at the bottom
 * of main/, so the folders that share it do not import each other for a type.
 */

/** What the checks know about the merchant's key, gathered before the run. */
export interface KeyFacts {
  /** The PEM, in memory only: never copied into evidence. */
  pem: string | null;
  /** Where it came from: a file path, or null when inline in store.json or held by the app's keychain. */
  path: string | null;
  /** Why no key could be read (from the importer), in both languages. */
  problem: LocalizedText | null;
}

/** Simple warnings the importer found in store.json (unknown fields): cfg.schema reports them. */
export interface ImportNotes {
  fileName: string;
  unknownFields: { path: string; line?: number; column?: number }[];
}

/** Everything a diagnosis needs about the active store; the key PEM stays in main. */
export interface ActiveStore {
  summary: StoreSummary;
  store: CheckedStoreConfig;
  profile: PlatformProfile;
  key: KeyFacts;
  importNotes: ImportNotes | null;
}
