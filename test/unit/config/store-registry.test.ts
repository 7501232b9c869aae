import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreSummarySchema } from '../../../shared/ipc/contract';
import {
  JsonFilePersistence,
  loadMerchantKey,
  MemoryKeyVault,
  parseStoreConfig,
  StoreNotFoundError,
  StoreRegistry,
  toStoreSummary,
  type KeyVault,
  type RegistryPersistence,
  type StoreImportSuccess,
} from '../../../main/config';
import { jsonBytes, keyChunks, tempDir, testKeys, validStore } from './fixtures';

let dir: { path: string; cleanup: () => void };
let file: string;

beforeEach(() => {
  dir = tempDir('baitiao-registry-');
  file = join(dir.path, 'settings', 'stores.json');
});
afterEach(() => dir.cleanup());

async function imported(overrides: Record<string, unknown> = {}, key = testKeys().rsa2048Pkcs8) {
  const result = await parseStoreConfig(
    jsonBytes(validStore({ merchantPrivateKey: key, ...overrides })),
    'store.json',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

let ids = 0;
function registry(
  vault: KeyVault = new MemoryKeyVault(),
  persistence: RegistryPersistence = new JsonFilePersistence(file),
) {
  return new StoreRegistry(persistence, vault, { newId: () => `store-${++ids}` });
}

describe('StoreRegistry', () => {
  it('starts empty with no file', () => {
    const r = registry();
    expect(r.list()).toEqual([]);
    expect(r.getActive()).toBeNull();
  });

  it('adds a store: the first one becomes active, the key goes to the vault, not the file', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    const { record, created, keyPersisted } = await r.add(await imported());
    expect(created).toBe(true);
    expect(keyPersisted).toBe(false);
    expect(r.getActiveId()).toBe(record.id);
    expect(record.key).toMatchObject({ format: 'pkcs8', modulusBits: 2048 });
    expect(record.config.merchantPrivateKey).toEqual({ source: 'inline' });
    expect(await r.getKey(record.id)).toContain('-----BEGIN PRIVATE KEY-----');
    expect(vault.storeIds()).toEqual([record.id]);

    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('PRIVATE KEY');
    for (const chunk of keyChunks(testKeys().rsa2048Pkcs8)) expect(onDisk).not.toContain(chunk);
  });

  it('survives a restart (a new instance over the same file)', async () => {
    const r1 = registry();
    const a = await r1.add(await imported());
    const b = await r1.add(await imported({ merchantNo: '2088000000000001', storeName: '第二家店' }), {
      activate: true,
    });
    const r2 = registry();
    expect(r2.list().map((s) => s.id)).toEqual([a.record.id, b.record.id]);
    expect(r2.getActive()?.config.storeName).toBe('第二家店');
  });

  it('only one store is active at a time', async () => {
    const r = registry();
    const a = await r.add(await imported());
    const b = await r.add(await imported({ merchantNo: '2088000000000001' }));
    expect(r.getActiveId()).toBe(a.record.id);
    await r.setActive(b.record.id);
    expect(r.getActiveId()).toBe(b.record.id);
    await r.setActive(null);
    expect(r.getActive()).toBeNull();
    await expect(r.setActive('nope')).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('importing the same store again updates it instead of adding a twin', async () => {
    const r = registry();
    const first = await r.add(await imported());
    const again = await r.add(await imported({ storeName: '改名后的店' }));
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    expect(r.list()).toHaveLength(1);
    expect(r.list()[0]?.config.storeName).toBe('改名后的店');
  });

  it('update replaces the config and the key', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    const { record } = await r.add(await imported());
    await r.update(record.id, await imported({ storeName: '新名字' }, testKeys().rsa2048Pkcs1));
    expect(r.get(record.id)?.config.storeName).toBe('新名字');
    expect(r.get(record.id)?.key?.format).toBe('pkcs1');
    expect(await vault.get(record.id)).toContain('RSA PRIVATE KEY');
    await expect(r.update('nope', await imported())).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('a re-import whose key file cannot be reached keeps the key it had; a broken new key drops it', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    mkdirKeys();
    const fromFolder = await parseStoreConfig(jsonBytes(validStore()), 'store.json', { baseDir: dir.path });
    if (!fromFolder.ok || !fromFolder.key.loaded) throw new Error('fixture should load');
    const { record } = await r.add(fromFolder);
    const pasted = await parseStoreConfig(jsonBytes(validStore({ storeName: '粘贴的' })), 'store.json');
    if (!pasted.ok) throw new Error('should parse');
    expect(pasted.key.loaded).toBe(false);
    await r.update(record.id, pasted);
    expect(r.get(record.id)?.key).not.toBeNull();
    expect(await vault.get(record.id)).not.toBeNull();

    await r.update(record.id, await imported({}, 'not a key'));
    expect(r.get(record.id)?.key).toBeNull();
    expect(await vault.get(record.id)).toBeNull();
  });

  it('setKey gives a store without a key the one picked on its own', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    const { record } = await r.add(await imported({}, 'not a key'));
    expect(await r.keyStatus(record.id)).toBe('missing');
    writeFileSync(join(dir.path, 'picked.pem'), testKeys().rsa2048Pkcs1);
    const key = await loadMerchantKey({ file: join(dir.path, 'picked.pem') }, null);
    if (!key.ok) throw new Error('fixture key should load');
    await r.setKey(record.id, key);
    expect(await r.keyStatus(record.id)).toBe('memory');
    expect(r.get(record.id)?.key?.format).toBe('pkcs1');
    expect(r.get(record.id)?.config.merchantPrivateKey).toMatchObject({
      source: 'file',
      file: join(dir.path, 'picked.pem'),
    });
    expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE KEY');
    await expect(r.setKey('nope', key)).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('remove deletes the key and moves the active mark to another store', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    const a = await r.add(await imported());
    const b = await r.add(await imported({ merchantNo: '2088000000000001' }));
    expect(await r.remove(a.record.id)).toBe(true);
    expect(r.getActiveId()).toBe(b.record.id);
    expect(vault.storeIds()).toEqual([b.record.id]);
    expect(await r.remove(a.record.id)).toBe(false);
    await r.remove(b.record.id);
    expect(r.getActive()).toBeNull();
  });

  it('summaries match the IPC contract, with the key status and profile', async () => {
    const vault = new MemoryKeyVault();
    const r = registry(vault);
    const a = await r.add(await imported());
    const b = await r.add(
      await imported({ merchantNo: '2088000000000001', environment: 'sandbox' }, 'not a key'),
      {
        demo: true,
      },
    );
    const summaries = await r.summaries();
    expect(summaries.map((s) => StoreSummarySchema.parse(s))).toEqual(summaries);
    expect(summaries.map((s) => [s.id, s.keyStatus, s.profileName, s.demo])).toEqual([
      [a.record.id, 'memory', 'production', false],
      [b.record.id, 'missing', 'sandbox', true],
    ]);
    expect(toStoreSummary(a.record, 'keychain').keyStatus).toBe('keychain');
  });

  it('a session-only key from an earlier run shows as missing; a persisting vault as keychain', async () => {
    await registry().add(await imported());
    const restarted = registry(new MemoryKeyVault());
    expect((await restarted.summaries())[0]?.keyStatus).toBe('missing');

    const keychain: KeyVault = {
      keys: new Map<string, string>(),
      async put(id: string, pem: string) {
        this.keys.set(id, pem);
        return { persisted: true };
      },
      async get(id: string) {
        return this.keys.get(id) ?? null;
      },
      async delete(id: string) {
        this.keys.delete(id);
      },
    } as KeyVault & { keys: Map<string, string> };
    const r = registry(keychain, new JsonFilePersistence(join(dir.path, 'other.json')));
    const { record, keyPersisted } = await r.add(await imported());
    expect(keyPersisted).toBe(true);
    expect(await r.keyStatus(record.id)).toBe('keychain');
  });

  it('keeps the profile on update unless told otherwise', async () => {
    const r = registry();
    const { record } = await r.add(await imported(), { profileName: 'my-platform' });
    await r.update(record.id, await imported({ storeName: 'x' }));
    expect(r.get(record.id)?.profileName).toBe('my-platform');
    await r.update(record.id, await imported(), { profileName: 'production' });
    expect(r.get(record.id)?.profileName).toBe('production');
  });

  it('returns copies: callers cannot change the registry behind its back', async () => {
    const r = registry();
    const { record } = await r.add(await imported());
    record.config.storeName = 'changed';
    r.list()[0]!.config.storeName = 'changed too';
    expect(r.get(record.id)?.config.storeName).toBe('鼎经纬京东小店');
  });

  it('a failed write changes nothing, and the vault is rolled back', async () => {
    const vault = new MemoryKeyVault();
    let fail = false;
    const inner = new JsonFilePersistence(file);
    const flaky: RegistryPersistence = {
      read: () => inner.read(),
      write: (value) => {
        if (fail) throw new Error('disk full');
        inner.write(value);
      },
    };
    const r = registry(vault, flaky);
    const kept = await r.add(await imported());
    const before = readFileSync(file, 'utf8');
    fail = true;
    await expect(r.add(await imported({ merchantNo: '2088000000000001' }))).rejects.toThrow('disk full');
    await expect(r.update(kept.record.id, await imported({}, testKeys().rsa2048Pkcs1))).rejects.toThrow(
      'disk full',
    );
    expect(r.list().map((s) => s.id)).toEqual([kept.record.id]);
    expect(vault.storeIds()).toEqual([kept.record.id]);
    expect(await vault.get(kept.record.id)).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('concurrent changes are applied one after the other', async () => {
    const r = registry();
    const stores = await Promise.all(
      Array.from({ length: 8 }, async (_, i) =>
        r.add(await imported({ merchantNo: `20880000000000${10 + i}` })),
      ),
    );
    expect(new Set(stores.map((s) => s.record.id)).size).toBe(8);
    expect(registry().list()).toHaveLength(8);
  });

  it('skips damaged records and a dangling active id', () => {
    const p: RegistryPersistence = {
      read: () => ({ version: 1, activeStoreId: 'ghost', stores: [{ id: 'x' }, 'junk'] }),
      write: () => undefined,
    };
    const r = new StoreRegistry(p, new MemoryKeyVault());
    expect(r.list()).toEqual([]);
    expect(r.skippedRecords).toBe(2);
    expect(r.getActiveId()).toBeNull();
  });

  it('refuses to write a private key into the list, whatever slips through', async () => {
    const r = registry();
    const sneaky = (await imported()) as StoreImportSuccess;
    (sneaky.value as Record<string, unknown>).note = testKeys().rsa2048Pkcs8;
    await expect(r.add(sneaky)).rejects.toThrow('Refusing');
    expect(existsSync(file)).toBe(false);
  });
});

describe('JsonFilePersistence', () => {
  it('writes atomically: no temporary files left, owner-only permissions', () => {
    const p = new JsonFilePersistence(file);
    p.write({ a: 1 });
    p.write({ a: 2 });
    expect(p.read()).toEqual({ a: 2 });
    expect(readdirSync(join(dir.path, 'settings'))).toEqual(['stores.json']);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('a value that cannot be serialized leaves the old file intact', () => {
    const p = new JsonFilePersistence(file);
    p.write({ a: 1 });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => p.write(circular)).toThrow();
    expect(p.read()).toEqual({ a: 1 });
    expect(readdirSync(join(dir.path, 'settings'))).toEqual(['stores.json']);
  });

  it('a damaged file is set aside, not overwritten silently', () => {
    const p = new JsonFilePersistence(file);
    p.write({ a: 1 });
    writeFileSync(file, '{"a": 1');
    expect(p.read()).toBeUndefined();
    expect(readdirSync(join(dir.path, 'settings')).some((n) => n.startsWith('stores.json.damaged-'))).toBe(
      true,
    );
  });
});

function mkdirKeys(): void {
  mkdirSync(join(dir.path, 'keys'), { recursive: true });
  writeFileSync(join(dir.path, 'keys', 'merchant_private.pem'), testKeys().rsa2048Pkcs8);
}
