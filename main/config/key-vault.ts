/**
 * Where merchant private keys live, apart from the store registry (which is a plain settings file and
 * must never hold one). The app backs it with Electron's safeStorage; tests and the CLI with memory.
 */
export interface KeyVault {
  /** `persisted: false` means the key is held for this session only (no OS encryption available). */
  put(storeId: string, pem: string): Promise<{ persisted: boolean }>;
  get(storeId: string): Promise<string | null>;
  delete(storeId: string): Promise<void>;
  /**
   * Whether the key is kept by the OS keychain right now, where that can change after it was put (a Linux
   * keychain gone, leaving only basic_text): the store list goes by this rather than by what put() said.
   */
  persisted?(storeId: string): Promise<boolean>;
}

/** Keys for this process only: tests, the CLI, and the app when the OS offers no encryption. */
export class MemoryKeyVault implements KeyVault {
  private readonly keys = new Map<string, string>();

  async put(storeId: string, pem: string): Promise<{ persisted: boolean }> {
    this.keys.set(storeId, pem);
    return { persisted: false };
  }

  async get(storeId: string): Promise<string | null> {
    return this.keys.get(storeId) ?? null;
  }

  async delete(storeId: string): Promise<void> {
    this.keys.delete(storeId);
  }

  /** For tests: which stores hold a key. */
  storeIds(): string[] {
    return [...this.keys.keys()];
  }
}
