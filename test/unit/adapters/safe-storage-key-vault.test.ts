import { beforeEach, describe, expect, it, vi } from 'vitest';

// No Electron here: safeStorage and electron-store are stand-ins whose answers each test sets, so the
// vault's decision is what is checked. "Encryption" is a reversible marker, never the real thing.
const fake = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as string,
  disk: new Map<string, string>(),
}));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
    decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
  },
}));
vi.mock('electron-store', () => ({
  default: class {
    get = (key: string) => fake.disk.get(key);
    set = (key: string, value: string) => fake.disk.set(key, value);
    has = (key: string) => fake.disk.has(key);
    delete = (key: string) => fake.disk.delete(key);
  },
}));

const { SafeStorageKeyVault } = await import('../../../main/adapters/safe-storage-key-vault');
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----\n';

describe('the key vault on top of safeStorage', () => {
  beforeEach(() => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    fake.disk.clear();
  });

  it('seals the key on disk when a real keychain is there (libsecret on Linux, any on Windows)', async () => {
    const vault = new SafeStorageKeyVault('linux');
    expect(await vault.put('s1', PEM)).toEqual({ persisted: true });
    expect(fake.disk.get('s1')).not.toContain('BEGIN');
    expect(await vault.get('s1')).toBe(PEM);
    expect(await vault.persisted('s1')).toBe(true);
    fake.backend = 'basic_text'; // only Linux has backends; elsewhere it is not asked
    expect(await new SafeStorageKeyVault('win32').put('s2', PEM)).toEqual({ persisted: true });
  });

  it.each(['basic_text', 'unknown'])(
    'Linux with the %s backend is no keychain: memory only, as when encryption is unavailable',
    async (backend) => {
      fake.backend = backend;
      const vault = new SafeStorageKeyVault('linux');
      expect(await vault.put('s1', PEM)).toEqual({ persisted: false });
      expect(fake.disk.size).toBe(0);
      expect(await vault.get('s1')).toBe(PEM);
      expect(await vault.persisted('s1')).toBe(false);
    },
  );

  it('a key sealed under basic_text by an earlier version leaves the disk and is kept for this session', async () => {
    fake.backend = 'basic_text';
    fake.disk.set('old', Buffer.from(`sealed:${PEM}`).toString('base64'));
    const vault = new SafeStorageKeyVault('linux');
    expect(await vault.get('old')).toBe(PEM);
    expect(fake.disk.has('old')).toBe(false);
    expect(await vault.get('old')).toBe(PEM);
    expect(await vault.persisted('old')).toBe(false);
  });

  it('no encryption at all: memory only (unchanged)', async () => {
    fake.available = false;
    const vault = new SafeStorageKeyVault('darwin');
    expect(await vault.put('s1', PEM)).toEqual({ persisted: false });
    expect(fake.disk.size).toBe(0);
  });
});
