import { join } from 'node:path';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { ConfigIssue } from '../../shared/config/import-result';
import type { StoreImportOutcome, StoreSummary, Stores } from '../../shared/ipc/contract';
import { text } from '../../shared/i18n/localized-text';
import {
  JsonFilePersistence,
  loadPlatformProfileFile,
  loadShippedProfile,
  loadMerchantKey,
  loadStoreConfigFile,
  MemoryKeyVault,
  parseStoreConfig,
  REGISTRY_VERSION,
  RegistryDocumentSchema,
  StoreRegistry,
  type KeptFileEvent,
  type KeyVault,
  type StoreImportSuccess,
} from '../config';
import { importNotesFrom } from '../checklist/checklist-input';
import type { ActiveStore, ImportNotes } from '../model/active-store';
import { SANDBOX_MERCHANT } from '../sandbox/merchant';
import type { DemoPlatform } from './demo-platform';
import type { IntakeTarget } from '../outbox';

export type { ActiveStore };

export const DEMO_STORE_ID = 'demo';

/**
 * The merchant's stores (imported ones in the registry, plus the sandbox's demo store while demo mode
 * runs) and the platform profiles they are checked against. Imported profiles hold no secrets and are
 * kept in profiles.json; keys live in the KeyVault only.
 */
export class StoreWorkspace {
  private readonly registry: StoreRegistry;
  private readonly profiles: JsonFilePersistence;
  private readonly state: JsonFilePersistence;
  /** Both files are written only through this class, so they are read once and kept in memory. */
  private profileCache: Record<string, PlatformProfile>;
  private demoChosen: boolean;
  /** Unknown-field warnings of each import, for cfg.schema, kept for the session. */
  private readonly importNotes = new Map<string, ImportNotes>();
  /**
   * A key generated for the demo store (key tool). The sandbox's keys and registrations live for one run,
   * so this one does too: it is put in the vault like any key, and removed from it at the next start.
   */
  private demoKey: string | null = null;
  private readonly vault: KeyVault;

  constructor(
    dataDir: string,
    private readonly demo: DemoPlatform | null,
    vault: KeyVault = new MemoryKeyVault(),
    onCorrupt?: (event: KeptFileEvent) => void,
  ) {
    this.vault = vault;
    void vault.delete(DEMO_STORE_ID).catch(() => undefined);
    this.registry = new StoreRegistry(
      // Schema and version checked on reading: a newer build's list is never overwritten with an empty one.
      new JsonFilePersistence(join(dataDir, 'stores.json'), onCorrupt, {
        schema: RegistryDocumentSchema,
        knownVersion: REGISTRY_VERSION,
      }),
      vault,
    );
    this.profiles = new JsonFilePersistence(join(dataDir, 'profiles.json'), onCorrupt);
    this.state = new JsonFilePersistence(join(dataDir, 'workspace.json'), onCorrupt);
    const profiles = this.profiles.read();
    this.profileCache =
      profiles && typeof profiles === 'object' ? (profiles as Record<string, PlatformProfile>) : {};
    this.demoChosen = (this.state.read() as { demoActive?: unknown } | undefined)?.demoActive === true;
  }

  /** The demo's sandbox if it has been started. */
  private get sandbox() {
    return this.demo?.current() ?? null;
  }

  /** The demo store is what the merchant sees (first start, or chosen): the app starts its sandbox at once. */
  demoInUse(): boolean {
    return this.demoActive();
  }

  private chooseDemo(demoActive: boolean): void {
    this.state.write({ demoActive });
    this.demoChosen = demoActive;
  }

  private demoSummary(): StoreSummary | null {
    if (!this.demo) return null;
    // Listed before its sandbox runs (the merchant may open it); the URL is known once it starts.
    const s = this.sandbox?.store ?? { ...SANDBOX_MERCHANT, environment: 'sandbox' as const, storeUrl: '' };
    return {
      id: DEMO_STORE_ID,
      storeName: s.storeName,
      merchantNo: s.merchantNo,
      appId: s.appId,
      environment: s.environment,
      storeUrl: s.storeUrl,
      profileName: this.sandbox?.profile.name ?? 'sandbox',
      keyStatus: 'memory',
      demo: true,
    };
  }

  /** The demo store is active when chosen, or when no store has been imported yet (first start). */
  private demoActive(): boolean {
    if (!this.demo) return false;
    return this.demoChosen || this.registry.getActiveId() === null;
  }

  async list(): Promise<Stores> {
    const demo = this.demoSummary();
    const stores = [...(demo ? [demo] : []), ...(await this.registry.summaries())];
    const activeId = this.demoActive() ? DEMO_STORE_ID : this.registry.getActiveId();
    return { stores, activeId };
  }

  async setActive(id: string): Promise<Stores> {
    if (id === DEMO_STORE_ID) {
      if (!this.demo) throw new Error('Demo mode is not running');
      await this.demo.start();
      this.chooseDemo(true);
    } else {
      // A store that cannot sign is never the active one: the list offers to give it its key instead.
      if ((await this.registry.keyStatus(id)) === 'missing') {
        throw new Error('This store has no usable private key: give it its key first');
      }
      await this.registry.setActive(id);
      this.chooseDemo(false);
    }
    return this.list();
  }

  async remove(id: string): Promise<Stores> {
    if (id === DEMO_STORE_ID) throw new Error('The demo store cannot be removed');
    await this.registry.remove(id);
    return this.list();
  }

  private async summaryOf(id: string): Promise<StoreSummary> {
    return (await this.registry.summaries()).find((s) => s.id === id)!;
  }

  /**
   * Saves a store that passed the importer and reports what to show. Only a store whose private key
   * loaded becomes the active one; one without is kept aside, inactive, for its key to be given in place.
   */
  private async saveImported(
    store: StoreImportSuccess,
    profileName: string,
    fileName: string,
    moreWarnings: readonly ConfigIssue[] = [],
  ): Promise<StoreImportOutcome> {
    const usable = store.key.loaded;
    const saved = await this.registry.add(store, { activate: usable, profileName });
    if (usable) this.chooseDemo(false);
    this.importNotes.set(saved.record.id, importNotesFrom(fileName, store.warnings));
    const keyIssues: ConfigIssue[] = store.key.loaded ? store.key.warnings : store.key.errors;
    return {
      ok: true,
      store: await this.summaryOf(saved.record.id),
      warnings: [...store.warnings, ...moreWarnings, ...keyIssues],
      active: this.registry.getActiveId() === saved.record.id && !this.demoActive(),
    };
  }

  /** Gives a store its private key (pasted text or a file); once it loads, the store becomes the active one. */
  async setKey(id: string, ref: string | { file: string }): Promise<StoreImportOutcome> {
    if (!this.registry.get(id)) throw new Error(`No store with id ${id}`);
    const key = await loadMerchantKey(ref, null, { file: typeof ref === 'string' ? 'key' : ref.file });
    if (!key.ok) return { ok: false, errors: key.errors };
    await this.registry.setKey(id, { pem: key.pem, summary: key.summary, source: key.source });
    await this.registry.setActive(id);
    this.chooseDemo(false);
    return { ok: true, store: await this.summaryOf(id), warnings: key.warnings, active: true };
  }

  /** A saved store's fields for the edit form; the key stays in the vault. */
  async storeForEditing(id: string): Promise<{ config: Record<string, unknown>; profileName: string }> {
    const record = this.registry.get(id);
    if (!record) throw new Error(`No store with id ${id}`);
    const { merchantPrivateKey: _key, ...config } = record.config;
    return { config, profileName: record.profileName };
  }

  /** A store.json (and optionally its platform.json) from disk; nothing is saved unless both are valid. */
  async importFiles(
    storePath: string,
    platformPath?: string,
    profileName?: string,
  ): Promise<StoreImportOutcome> {
    const store = await loadStoreConfigFile(storePath);
    const platform = platformPath ? await loadPlatformProfileFile(platformPath) : null;
    const errors = [...(store.ok ? [] : store.errors), ...(platform && !platform.ok ? platform.errors : [])];
    if (!store.ok || (platform && !platform.ok)) return { ok: false, errors };
    let chosenProfile = profileName ?? (store.value.environment === 'sandbox' ? 'sandbox' : 'production');
    if (platform?.ok) {
      chosenProfile = platform.value.name;
      const profiles = { ...this.profileCache, [chosenProfile]: platform.value };
      this.profiles.write(profiles);
      this.profileCache = profiles;
    }
    const fileName = storePath.split(/[\\/]/).pop() ?? 'store.json';
    return this.saveImported(store, chosenProfile, fileName, platform?.ok ? platform.warnings : []);
  }

  /**
   * A store typed into the set-up form. It goes through the very importer a store.json goes through
   * (as JSON named store-form.json), so a mistake is named by the same field path and message.
   */
  async createFromForm(
    config: Record<string, unknown>,
    privateKeyPem: string,
    profileName: string,
    storeId?: string,
  ): Promise<StoreImportOutcome> {
    if (!this.profileNamed(profileName)) {
      return {
        ok: false,
        errors: [
          {
            file: 'platform',
            field: '$',
            code: 'FIELD_INVALID_VALUE',
            severity: 'error',
            message: text(
              `没有名为「${profileName}」的平台配置，请先导入它的 platform.json。`,
              `There is no platform profile named "${profileName}": import its platform.json first.`,
            ),
          },
        ],
      };
    }
    // Editing with the key field left empty keeps the key the store has.
    const editing = storeId ? this.registry.get(storeId) : null;
    if (storeId && !editing) throw new Error(`No store with id ${storeId}`);
    const keptKey = editing && !privateKeyPem.trim() ? await this.registry.getKey(editing.id) : null;
    const document = {
      ...config,
      configVersion: 1,
      signType: 'RSA2',
      merchantPrivateKey: keptKey ?? privateKeyPem,
    };
    const store = await parseStoreConfig(Buffer.from(JSON.stringify(document, null, 2)), 'store-form.json');
    if (!store.ok) return { ok: false, errors: store.errors };
    // The form has the key field right there: a key that does not load is a failed save, nothing kept.
    if (!store.key.loaded) return { ok: false, errors: store.key.errors };
    if (editing) {
      await this.registry.update(editing.id, store, { profileName });
      await this.registry.setActive(editing.id);
      this.chooseDemo(false);
      this.importNotes.set(editing.id, importNotesFrom('store-form.json', store.warnings));
      return {
        ok: true,
        store: await this.summaryOf(editing.id),
        warnings: [...store.warnings, ...store.key.warnings],
        active: true,
      };
    }
    return this.saveImported(store, profileName, 'store-form.json');
  }

  /** The profile a store is checked against: imported, the live sandbox's, or the shipped template. */
  private profileNamed(name: string): PlatformProfile | null {
    const saved = this.profileCache[name];
    if (saved) return saved;
    if (name === 'sandbox' && this.sandbox) return this.sandbox.profile;
    if (name === 'production') {
      const shipped = loadShippedProfile('production');
      return shipped.ok ? shipped.value : null;
    }
    return null;
  }

  /**
   * The support intake and signing key for a merchant number, from the stores held here: a queued report
   * is sent for the merchant that wrote it, even after the merchant switched to another store.
   */
  async intakeFor(merchantNo: string): Promise<IntakeTarget | null> {
    if (this.demo && merchantNo === SANDBOX_MERCHANT.merchantNo) {
      const sandbox = await this.demo.start();
      const { profile } = sandbox;
      return {
        supportApiUrl: profile.supportApiUrl,
        extraCaCertificates: profile.extraCaCertificates,
        merchantNo,
        privateKeyPem: this.demoKey ?? sandbox.merchantPrivateKeyPem,
        platformPublicKey: profile.platformPublicKey,
      };
    }
    for (const record of this.registry.list()) {
      if (record.config.merchantNo !== merchantNo) continue;
      const profile = this.profileNamed(record.profileName);
      const pem = await this.registry.getKey(record.id);
      if (profile && pem) {
        return {
          supportApiUrl: profile.supportApiUrl,
          extraCaCertificates: profile.extraCaCertificates,
          merchantNo,
          privateKeyPem: pem,
          platformPublicKey: profile.platformPublicKey,
        };
      }
    }
    return null;
  }

  async active(): Promise<ActiveStore | null> {
    if (this.demoActive() && this.demo) {
      const sandbox = await this.demo.start();
      const { merchantPrivateKey: _pem, ...store } = sandbox.store;
      return {
        summary: this.demoSummary()!,
        store,
        profile: sandbox.profile,
        key: { pem: this.demoKey ?? sandbox.merchantPrivateKeyPem, path: null, problem: null },
        importNotes: null,
      };
    }
    const record = this.registry.getActive();
    if (!record) return null;
    const profile = this.profileNamed(record.profileName);
    if (!profile) {
      throw new Error(`No platform profile named "${record.profileName}": import its platform.json`);
    }
    const summary = await this.summaryOf(record.id);
    const pem = await this.registry.getKey(record.id);
    const { merchantPrivateKey: ref, ...store } = record.config;
    return {
      summary,
      store,
      profile,
      key: {
        pem,
        path: ref.source === 'file' ? ref.resolvedPath : null,
        problem: pem
          ? null
          : text(
              '还没有导入商户私钥，或上次只保存到关闭应用为止。请重新导入。',
              'No merchant key has been imported, or it was kept only until the app closed. Import it again.',
            ),
      },
      importNotes: this.importNotes.get(record.id) ?? null,
    };
  }

  /**
   * Gives the active store a new private key (the key tool's 生成新的密钥): into the vault, and the store
   * now signs with it. Returns where the key is kept; the key itself never comes back out of here.
   */
  async replaceActiveKey(pem: string): Promise<StoreSummary['keyStatus']> {
    if (this.demoActive() && this.sandbox) {
      await this.vault.put(DEMO_STORE_ID, pem);
      this.demoKey = pem;
      return 'memory';
    }
    const record = this.registry.getActive();
    if (!record) throw new Error('No store is set up yet: import a store.json first');
    const key = await loadMerchantKey(pem, null, { file: 'key-tool' });
    if (!key.ok) throw new Error('The generated key did not load');
    await this.registry.setKey(record.id, {
      pem: key.pem,
      summary: key.summary,
      source: { source: 'inline' },
    });
    return (await this.summaryOf(record.id)).keyStatus;
  }
}
