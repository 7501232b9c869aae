import { join } from 'node:path';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { CheckedStoreConfig } from '../../shared/config/store-config';
import type { ConfigIssue } from '../../shared/config/import-result';
import type { StoreImportOutcome, StoreSummary, Stores } from '../../shared/ipc/contract';
import { text } from '../../shared/i18n/localized-text';
import {
  JsonFilePersistence,
  loadPlatformProfileFile,
  loadShippedProfile,
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
import type { ImportNotes, KeyFacts } from '../checklist/check-context';
import { SANDBOX_MERCHANT } from '../sandbox/merchant';
import type { DemoPlatform } from './demo-platform';
import type { IntakeTarget } from '../outbox';

export const DEMO_STORE_ID = 'demo';

/** Everything a diagnosis needs about the active store; the key PEM stays in main. */
export interface ActiveStore {
  summary: StoreSummary;
  store: CheckedStoreConfig;
  profile: PlatformProfile;
  key: KeyFacts;
  importNotes: ImportNotes | null;
}

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

  constructor(
    dataDir: string,
    private readonly demo: DemoPlatform | null,
    vault: KeyVault = new MemoryKeyVault(),
    onCorrupt?: (event: KeptFileEvent) => void,
  ) {
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

  /** Saves a store that passed the importer, makes it the active one, and reports what to show. */
  private async saveImported(
    store: StoreImportSuccess,
    profileName: string,
    fileName: string,
    moreWarnings: readonly ConfigIssue[] = [],
  ): Promise<StoreImportOutcome> {
    const saved = await this.registry.add(store, { activate: true, profileName });
    this.chooseDemo(false);
    this.importNotes.set(saved.record.id, importNotesFrom(fileName, store.warnings));
    const keyIssues: ConfigIssue[] = store.key.loaded ? store.key.warnings : store.key.errors;
    return {
      ok: true,
      store: await this.summaryOf(saved.record.id),
      warnings: [...store.warnings, ...moreWarnings, ...keyIssues],
    };
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
    const document = { ...config, configVersion: 1, signType: 'RSA2', merchantPrivateKey: privateKeyPem };
    const store = await parseStoreConfig(Buffer.from(JSON.stringify(document, null, 2)), 'store-form.json');
    if (!store.ok) return { ok: false, errors: store.errors };
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
        privateKeyPem: sandbox.merchantPrivateKeyPem,
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
        key: { pem: sandbox.merchantPrivateKeyPem, path: null, problem: null },
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
}
