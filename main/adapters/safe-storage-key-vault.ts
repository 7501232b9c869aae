import { safeStorage } from 'electron';
import Store from 'electron-store';
import { MemoryKeyVault, type KeyVault } from '../config';

/**
 * Merchant keys encrypted by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret on Linux)
 * through safeStorage; only ciphertext reaches the disk. Where the OS offers no encryption the key is
 * kept in memory for this session only, and the store list says so (keyStatus 'memory').
 */
export class SafeStorageKeyVault implements KeyVault {
  private readonly store = new Store<Record<string, string>>({ name: 'keys' });
  private readonly memory = new MemoryKeyVault();

  async put(storeId: string, pem: string): Promise<{ persisted: boolean }> {
    if (!safeStorage.isEncryptionAvailable()) {
      this.store.delete(storeId);
      return this.memory.put(storeId, pem);
    }
    this.store.set(storeId, safeStorage.encryptString(pem).toString('base64'));
    await this.memory.delete(storeId);
    return { persisted: true };
  }

  async get(storeId: string): Promise<string | null> {
    const sealed = this.store.get(storeId);
    if (sealed && safeStorage.isEncryptionAvailable()) {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null; // sealed under another OS account or a reset keychain: import the key again
      }
    }
    return this.memory.get(storeId);
  }

  async delete(storeId: string): Promise<void> {
    this.store.delete(storeId);
    await this.memory.delete(storeId);
  }
}
