import { safeStorage } from 'electron';
import type Store from 'electron-store';
import { MemoryKeyVault, type KeyVault } from '../config/key-vault';

/**
 * Linux backends that are no keychain at all: `basic_text` encrypts with a key built into Chromium (as good
 * as plain text to anyone who can read the file), and `unknown` means none was chosen (asked before ready).
 * Electron still reports encryption as available with either.
 */
const NO_KEYCHAIN_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/**
 * Merchant keys encrypted by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret or KWallet on
 * Linux) through safeStorage; only ciphertext reaches the disk. Where the OS offers no real keychain (no
 * encryption, or Linux's basic_text fallback) the key is kept in memory for this session only, and the
 * store list says so (keyStatus 'memory').
 */
export class SafeStorageKeyVault implements KeyVault {
  private sealed: Promise<Store<Record<string, string>>> | null = null;
  private readonly memory = new MemoryKeyVault();

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  /**
   * The ciphertexts' file (electron-store, which loads conf and ajv): opened on the first key asked for,
   * after the window is open, not while the app starts.
   */
  private store(): Promise<Store<Record<string, string>>> {
    this.sealed ??= import('electron-store').then(
      ({ default: ElectronStore }) => new ElectronStore({ name: 'keys' }),
    );
    return this.sealed;
  }

  /** Whether a key sealed now is protected by the OS account's keychain. */
  private keychain(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return this.platform !== 'linux' || !NO_KEYCHAIN_BACKENDS.has(safeStorage.getSelectedStorageBackend());
  }

  async put(storeId: string, pem: string): Promise<{ persisted: boolean }> {
    const store = await this.store();
    if (!this.keychain()) {
      store.delete(storeId);
      return this.memory.put(storeId, pem);
    }
    store.set(storeId, safeStorage.encryptString(pem).toString('base64'));
    await this.memory.delete(storeId);
    return { persisted: true };
  }

  async get(storeId: string): Promise<string | null> {
    const store = await this.store();
    const sealed = store.get(storeId);
    if (sealed && safeStorage.isEncryptionAvailable()) {
      let pem: string;
      try {
        pem = safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null; // sealed under another OS account or a reset keychain: import the key again
      }
      // Sealed by an earlier version under basic_text: as readable as plain text on disk. It moves to
      // memory for this session and leaves the disk, so the store list says "this session only".
      if (!this.keychain()) {
        store.delete(storeId);
        await this.memory.put(storeId, pem);
      }
      return pem;
    }
    return this.memory.get(storeId);
  }

  async persisted(storeId: string): Promise<boolean> {
    return (await this.store()).has(storeId) && this.keychain();
  }

  async delete(storeId: string): Promise<void> {
    (await this.store()).delete(storeId);
    await this.memory.delete(storeId);
  }
}
