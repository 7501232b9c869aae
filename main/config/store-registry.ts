import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ImportedStoreConfigSchema,
  MerchantKeySummarySchema,
  type ImportedStoreConfig,
  type KeyRefSummary,
  type MerchantKeySummary,
} from '../../shared/config/import-result';
import type { StoreSummary } from '../../shared/ipc/contract';
import type { KeyVault } from './key-vault';
import type { StoreImportSuccess } from './store-config-importer';

/**
 * The stores a merchant has imported, one of them active. Plain Node over two injected parts:
 * a key/value persistence for the list (electron-store in the app, a JSON file in tests and the CLI)
 * and a KeyVault for the private keys, which never enter the list.
 *
 * Every change is one write of the whole document, made only after the key vault has done its part
 * and undone if the write fails, so the list and the vault never disagree about a store.
 */

export interface RegistryPersistence {
  read(): unknown;
  write(value: unknown): void;
  /** Keeps a copy of what is stored now, before a write leaves out entries that could not be read. */
  keepCopy?(): void;
}

export const StoreRecordSchema = z.object({
  id: z.string().min(1),
  config: ImportedStoreConfigSchema,
  /** Facts about the key held in the vault for this store; null when it has none. */
  key: MerchantKeySummarySchema.nullable(),
  /** false: the vault keeps the key for this session only; it has to be imported again after a restart. */
  keyPersisted: z.boolean(),
  /** The platform profile this store is checked against (a shipped one, or an imported platform.json). */
  profileName: z.string().min(1).default('production'),
  /** The sandbox's built-in demo store. */
  demo: z.boolean().default(false),
  addedAt: z.string(),
  updatedAt: z.string(),
});
export type StoreRecord = z.infer<typeof StoreRecordSchema>;

export type KeyStatusName = StoreSummary['keyStatus'];

export interface SaveOptions {
  /** Make this store the active one (the first store becomes active unless this is false). */
  activate?: boolean;
  /** Default for a new store: "sandbox" for a sandbox config, else "production". Kept on update unless given. */
  profileName?: string;
  demo?: boolean;
}

/** The list's format; a file with a higher version is a newer build's, read-only here. */
export const REGISTRY_VERSION = 1;

export const RegistryDocumentSchema = z.object({
  version: z.literal(1),
  activeStoreId: z.string().nullable(),
  stores: z.array(z.unknown()),
});

export class StoreNotFoundError extends Error {
  constructor(readonly storeId: string) {
    super(`No store with id ${storeId}`);
    this.name = 'StoreNotFoundError';
  }
}

export interface StoreRegistryOptions {
  newId?: () => string;
  now?: () => Date;
}

export interface SaveOutcome {
  record: StoreRecord;
  /** false when an existing store with the same environment, merchantNo and appId was updated instead. */
  created: boolean;
  /** null when the import carried no key (it failed to load) and none was kept. */
  keyPersisted: boolean | null;
}

export class StoreRegistry {
  private stores: StoreRecord[] = [];
  private activeId: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;
  private readonly now: () => Date;
  /** Records found in storage that no longer validate and were left out (the file was edited, or is newer). */
  readonly skippedRecords: number;

  constructor(
    private readonly persistence: RegistryPersistence,
    private readonly vault: KeyVault,
    options: StoreRegistryOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
    this.skippedRecords = this.load();
  }

  list(): StoreRecord[] {
    return this.stores.map(clone);
  }

  get(id: string): StoreRecord | null {
    const found = this.stores.find((s) => s.id === id);
    return found ? clone(found) : null;
  }

  getActiveId(): string | null {
    return this.activeId;
  }

  getActive(): StoreRecord | null {
    return this.activeId === null ? null : this.get(this.activeId);
  }

  /** The store's private key from the vault, for signing. Main process only. */
  async getKey(id: string): Promise<string | null> {
    if (!this.stores.some((s) => s.id === id)) throw new StoreNotFoundError(id);
    return this.vault.get(id);
  }

  /**
   * keychain: the vault keeps it encrypted across restarts; memory: this session only; missing: no key
   * (never imported, failed to load, or a session-only key from an earlier run).
   */
  async keyStatus(id: string): Promise<KeyStatusName> {
    const record = this.stores.find((s) => s.id === id);
    if (!record) throw new StoreNotFoundError(id);
    if (record.key === null || (await this.vault.get(id)) === null) return 'missing';
    const persisted = this.vault.persisted ? await this.vault.persisted(id) : record.keyPersisted;
    return persisted ? 'keychain' : 'memory';
  }

  /** What the renderer is shown (shared/ipc/contract StoreSummary), in list order. */
  async summaries(): Promise<StoreSummary[]> {
    return Promise.all(
      this.stores.map(async (record) => toStoreSummary(record, await this.keyStatus(record.id))),
    );
  }

  /**
   * Adds an imported store. Importing the same store again (same environment, merchantNo and appId)
   * updates it instead of adding a twin. The first store becomes active; `activate` makes this one active.
   */
  add(imported: StoreImportSuccess, options: SaveOptions = {}): Promise<SaveOutcome> {
    return this.serialize(async () => {
      const config = ImportedStoreConfigSchema.parse(imported.value);
      const twin = this.stores.find(
        (s) =>
          s.config.environment === config.environment &&
          s.config.merchantNo === config.merchantNo &&
          s.config.appId === config.appId,
      );
      if (twin) return this.replace(twin, config, imported, options);

      const id = this.newId();
      const timestamp = this.now().toISOString();
      let keyPersisted: boolean | null = null;
      const key = imported.keyPem !== undefined && imported.key.loaded ? imported.key.summary : null;
      if (key !== null && imported.keyPem !== undefined) {
        keyPersisted = (await this.vault.put(id, imported.keyPem)).persisted;
      }
      const record: StoreRecord = {
        id,
        config,
        key,
        keyPersisted: keyPersisted ?? false,
        profileName: options.profileName ?? (config.environment === 'sandbox' ? 'sandbox' : 'production'),
        demo: options.demo ?? false,
        addedAt: timestamp,
        updatedAt: timestamp,
      };
      const stores = [...this.stores, record];
      // activate: false keeps even a first store inactive (one that cannot sign is never the active store).
      const activeId = (options.activate ?? this.activeId === null) ? id : this.activeId;
      try {
        this.commit(stores, activeId);
      } catch (error) {
        if (keyPersisted !== null) await this.vault.delete(id);
        throw error;
      }
      return { record: clone(record), created: true, keyPersisted };
    });
  }

  /** Replaces a store's config (and key) with a fresh import of it. */
  update(
    id: string,
    imported: StoreImportSuccess,
    options: Omit<SaveOptions, 'activate'> = {},
  ): Promise<SaveOutcome> {
    return this.serialize(async () => {
      const existing = this.stores.find((s) => s.id === id);
      if (!existing) throw new StoreNotFoundError(id);
      return this.replace(existing, ImportedStoreConfigSchema.parse(imported.value), imported, options);
    });
  }

  /**
   * Gives a store the key picked on its own ("missing: import the key"), from a successful
   * loadMerchantKey. The store's key reference then points at where this key came from.
   */
  setKey(
    id: string,
    key: { pem: string; summary: MerchantKeySummary; source: KeyRefSummary },
  ): Promise<SaveOutcome> {
    return this.serialize(async () => {
      const existing = this.stores.find((s) => s.id === id);
      if (!existing) throw new StoreNotFoundError(id);
      const previousKey = await this.vault.get(id);
      const keyPersisted = (await this.vault.put(id, key.pem)).persisted;
      const record: StoreRecord = {
        ...existing,
        config: { ...existing.config, merchantPrivateKey: key.source },
        key: MerchantKeySummarySchema.parse(key.summary),
        keyPersisted,
        updatedAt: this.now().toISOString(),
      };
      try {
        this.commit(
          this.stores.map((s) => (s.id === id ? record : s)),
          this.activeId,
        );
      } catch (error) {
        if (previousKey !== null) await this.vault.put(id, previousKey);
        else await this.vault.delete(id);
        throw error;
      }
      return { record: clone(record), created: false, keyPersisted };
    });
  }

  /** Removes a store and its key. Removing the active store activates the most recently updated other one. */
  remove(id: string): Promise<boolean> {
    return this.serialize(async () => {
      if (!this.stores.some((s) => s.id === id)) return false;
      const stores = this.stores.filter((s) => s.id !== id);
      let activeId = this.activeId;
      if (activeId === id) {
        const next = [...stores].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        activeId = next ? next.id : null;
      }
      this.commit(stores, activeId);
      // After the list no longer names the store: a failure here leaves an orphan key, never a store without one.
      await this.vault.delete(id);
      return true;
    });
  }

  setActive(id: string | null): Promise<StoreRecord | null> {
    return this.serialize(async () => {
      if (id !== null && !this.stores.some((s) => s.id === id)) throw new StoreNotFoundError(id);
      this.commit(this.stores, id);
      return id === null ? null : this.get(id);
    });
  }

  private async replace(
    existing: StoreRecord,
    config: ImportedStoreConfig,
    imported: StoreImportSuccess,
    options: SaveOptions,
  ): Promise<SaveOutcome> {
    const id = existing.id;
    const previousKey = await this.vault.get(id);
    let keyPersisted: boolean | null;
    let key: StoreRecord['key'];
    if (imported.keyPem !== undefined && imported.key.loaded) {
      keyPersisted = (await this.vault.put(id, imported.keyPem)).persisted;
      key = imported.key.summary;
    } else if (
      previousKey !== null &&
      sameKeyRef(existing.config.merchantPrivateKey, config.merchantPrivateKey)
    ) {
      // The same key reference failed to load this time (e.g. pasted without its folder): keep the key we have.
      keyPersisted = existing.keyPersisted;
      key = existing.key;
    } else {
      keyPersisted = null;
      key = null;
      if (previousKey !== null) await this.vault.delete(id);
    }
    const record: StoreRecord = {
      ...existing,
      config,
      key,
      keyPersisted: keyPersisted ?? false,
      profileName: options.profileName ?? existing.profileName,
      demo: options.demo ?? existing.demo,
      updatedAt: this.now().toISOString(),
    };
    const stores = this.stores.map((s) => (s.id === id ? record : s));
    try {
      this.commit(stores, options.activate ? id : this.activeId);
    } catch (error) {
      // Put the vault back the way the unchanged list describes it.
      if (previousKey !== null) await this.vault.put(id, previousKey);
      else await this.vault.delete(id);
      throw error;
    }
    return { record: clone(record), created: false, keyPersisted };
  }

  /** Writes first, then adopts: memory never shows a state the storage does not have. */
  private commit(stores: StoreRecord[], activeId: string | null): void {
    const document = { version: 1 as const, activeStoreId: activeId, stores };
    // Last line of defence for "never in a plain-text settings file".
    if (/PRIVATE KEY-----/.test(JSON.stringify(document))) {
      throw new Error('Refusing to write a private key into the store registry');
    }
    this.persistence.write(document);
    this.stores = stores;
    this.activeId = activeId;
  }

  private load(): number {
    const parsed = RegistryDocumentSchema.safeParse(this.persistence.read());
    if (!parsed.success) return 0;
    let skipped = 0;
    const seen = new Set<string>();
    for (const raw of parsed.data.stores) {
      const record = StoreRecordSchema.safeParse(raw);
      if (!record.success || seen.has(record.data.id)) {
        skipped++;
        continue;
      }
      seen.add(record.data.id);
      this.stores.push(record.data);
    }
    // The next write would leave the unreadable ones out: keep the file as it is now first.
    if (skipped > 0) this.persistence.keepCopy?.();
    const active = parsed.data.activeStoreId;
    this.activeId = active !== null && seen.has(active) ? active : (this.stores[0]?.id ?? null);
    return skipped;
  }

  /** One change at a time: two quick clicks must not interleave a vault write and a list write. */
  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function sameKeyRef(a: KeyRefSummary, b: KeyRefSummary): boolean {
  // An inline key that failed is the new key, broken; only a file reference can be "the same key".
  return a.source === 'file' && b.source === 'file' && a.file === b.file;
}

function clone(record: StoreRecord): StoreRecord {
  return structuredClone(record);
}

/** What the renderer is shown of a store (shared/ipc/contract StoreSummary). */
export function toStoreSummary(record: StoreRecord, keyStatus: KeyStatusName): StoreSummary {
  return {
    id: record.id,
    storeName: record.config.storeName,
    merchantNo: record.config.merchantNo,
    appId: record.config.appId,
    environment: record.config.environment,
    storeUrl: record.config.storeUrl,
    profileName: record.profileName,
    keyStatus,
    demo: record.demo,
  };
}
