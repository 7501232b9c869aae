import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreImportOutcome } from '../../../shared/ipc/contract';
import { createAppCore, type AppCore } from '../../../main/core/app-core';

let core: AppCore;
const dataDir = mkdtempSync(join(tmpdir(), 'bt-form-'));
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const form = {
  environment: 'production',
  merchantNo: '2088123456789012',
  appId: 'BT2021000123456789',
  storeName: '鼎经纬京东小店',
  storeUrl: 'https://shop.example.cn',
  notifyUrl: 'https://shop.example.cn/pay/notify',
  returnUrl: 'https://shop.example.cn/pay/return',
  charset: 'UTF-8',
  baitiao: { enabled: true, installments: [3, 6, 12], sellerPaysFee: false },
  testOrder: { amount: '199.00', subject: '诊断测试订单' },
};

async function create(input: unknown): Promise<StoreImportOutcome> {
  const answer = await core.dispatch('stores.create', input);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as StoreImportOutcome;
}

beforeAll(async () => {
  core = await createAppCore({ dataDir, demo: true }); // the sandbox's profile is one the form can name
});
afterAll(async () => {
  await core.close();
});

describe('the store set-up form', () => {
  it('a complete form becomes the active store; the key goes to the vault, never into stores.json', async () => {
    const outcome = await create({ config: form, privateKeyPem: pem, profileName: 'sandbox' });
    expect(outcome.ok ? [] : outcome.errors.map((e) => `${e.field} ${e.code}`)).toEqual([]);
    if (!outcome.ok) return;
    expect(outcome.store).toMatchObject({
      storeName: '鼎经纬京东小店',
      keyStatus: 'memory',
      profileName: 'sandbox',
    });
    const list = await core.dispatch('stores.list', undefined);
    expect(list.ok && (list.data as { activeId: string }).activeId).toBe(outcome.store.id);
    const saved = readFileSync(join(dataDir, 'stores.json'), 'utf8');
    expect(saved).toContain('2088123456789012');
    expect(saved).not.toContain('PRIVATE KEY');
    expect(saved).not.toContain(pem.split('\n')[1]!);
  });

  it('a wrong field is named by its path, as in store.json, and nothing is saved', async () => {
    const before = readFileSync(join(dataDir, 'stores.json'), 'utf8');
    const outcome = await create({
      config: { ...form, merchantNo: '12ab' },
      privateKeyPem: pem,
      profileName: 'sandbox',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.field)).toContain('$.merchantNo');
    expect(outcome.errors[0]!.message['zh-CN'].length).toBeGreaterThan(0);
    expect(readFileSync(join(dataDir, 'stores.json'), 'utf8')).toBe(before);
  });

  it('a profile that does not exist (or the unfilled production template) is refused with a plain reason', async () => {
    expect((await create({ config: form, privateKeyPem: pem, profileName: 'production' })).ok).toBe(false);
    const outcome = await create({ config: form, privateKeyPem: pem, profileName: 'nope' });
    expect(outcome.ok).toBe(false);
  });
});
