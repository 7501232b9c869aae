import { describe, expect, it, vi } from 'vitest';

// Root (as in CI containers) can read any file whatever its mode, so the permission error is injected.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const denied = (path: unknown) => String(path).includes('locked');
  return {
    ...actual,
    open: (async (path: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
      if (denied(path)) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (actual.open as (...args: unknown[]) => unknown)(path, ...rest);
    }) as typeof actual.open,
    stat: (async (path: Parameters<typeof actual.stat>[0]) => {
      if (denied(path)) return { isDirectory: () => false, isFile: () => true, size: 10 };
      return actual.stat(path);
    }) as typeof actual.stat,
  };
});

const { loadMerchantKey, loadStoreConfigFile } = await import('../../../main/config');

describe('a file the user may not read', () => {
  it('store.json: FILE_UNREADABLE, naming the path and the system code', async () => {
    const result = await loadStoreConfigFile('/shop/locked/store.json');
    expect(result.ok ? null : result.errors[0]).toMatchObject({
      code: 'FILE_UNREADABLE',
      file: 'store.json',
    });
    expect(result.ok ? '' : result.errors[0]?.message['zh-CN']).toContain(
      '"/shop/locked/store.json"（EACCES）',
    );
  });

  it('the key file: KEY_FILE_UNREADABLE', async () => {
    const result = await loadMerchantKey({ file: 'locked.pem' }, '/shop');
    expect(result.ok ? null : result.errors[0]?.code).toBe('KEY_FILE_UNREADABLE');
  });
});
