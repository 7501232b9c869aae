import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumMissingReason, type AppSession } from './harness';
import { expectAccessible } from './accessibility';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const STORE_NAME = '手动填写的测试小店';

const newKeyPem = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;

/** The store the form is filled with: the demo sandbox's own store address, its paths beside it. */
async function formValues(session: AppSession, merchantNo = '2088000000000088') {
  const { activeStore } = await session.invoke('workspace.get', undefined);
  if (!activeStore?.demo) throw new Error('the demo core reported no demo store');
  const storeUrl = activeStore.storeUrl;
  return {
    storeName: STORE_NAME,
    merchantNo,
    appId: 'BTSB2026000000000088',
    storeUrl,
    notifyUrl: `${storeUrl}/pay/notify`,
    returnUrl: `${storeUrl}/pay/return`,
    amount: '99.00',
    pem: newKeyPem(),
  };
}
type Values = Awaited<ReturnType<typeof formValues>>;

const field = (page: Page, key: string) =>
  page.locator(`[data-testid="store-form-field"][data-field="${key}"]`);

/** Stores screen → 手动填写, every field typed in as a shop owner would; the defaults left as they are. */
async function fillForm(session: AppSession, values: Values): Promise<void> {
  await session.open('#/stores');
  const { page } = session;
  await page.getByRole('tab', { name: '手动填写' }).click();
  await visible(page.getByTestId('store-form'));
  // Demo mode: a test store on the sandbox platform, UTF-8, until the owner says otherwise.
  expect(await page.getByRole('radio', { name: '测试环境（不会真实收款）' }).isChecked()).toBe(true);
  expect(await page.getByLabel('字符集', { exact: true }).inputValue()).toBe('UTF-8');
  await visible(field(page, 'profileName').getByText('沙箱演示平台', { exact: true }));
  await visible(
    field(page, 'profileName').getByText('正式环境需要平台客户经理给的 platform.json', { exact: false }),
  );

  await page.getByLabel('店铺名称', { exact: true }).fill(values.storeName);
  await page.getByLabel('商户号', { exact: true }).fill(values.merchantNo);
  await page.getByLabel('应用 ID', { exact: true }).fill(values.appId);
  await page.getByLabel('店铺网址', { exact: true }).fill(values.storeUrl);
  await page.getByLabel('付款结果通知地址', { exact: true }).fill(values.notifyUrl);
  await page.getByLabel('付款后返回的地址', { exact: true }).fill(values.returnUrl);
  await page.getByRole('checkbox', { name: '24 期' }).check();
  await page.getByLabel('测试金额（元）', { exact: true }).fill(values.amount);
  await visible(
    page.getByTestId('store-form-key-note').getByText('私钥只保存在这台电脑的系统钥匙串里，不会上传。'),
  );
  await page.getByLabel('商户私钥（粘贴 PEM 文本）', { exact: true }).fill(values.pem);
}

describe.skipIf(chromiumMissingReason !== null)('stores screen: the set-up form (Chromium)', () => {
  const suite = useAppSuite();

  test('a filled-in form is saved by main: listed, the store in use, its key not in stores.json', async () => {
    const session = await suite.open();
    const before = await session.invoke('stores.list', undefined);
    const values = await formValues(session);
    await fillForm(session, values);
    const { page } = session;
    await session.screenshot('store-form-filled', { whole: true });

    await page.getByRole('button', { name: '保存店铺' }).click();
    const success = page.getByTestId('store-form-success');
    await visible(success.getByText(`已保存店铺：${STORE_NAME}`));
    await visible(success.getByText('现在助手检查的就是这个店铺。'));
    expect(session.calls).toContain('stores.create');

    const after = await session.invoke('stores.list', undefined);
    expect(after.stores).toHaveLength(before.stores.length + 1);
    const saved = after.stores.find((store) => store.storeName === STORE_NAME);
    if (!saved) throw new Error('stores.list does not have the store the form saved');
    expect(saved).toMatchObject({
      merchantNo: values.merchantNo,
      appId: values.appId,
      environment: 'sandbox',
      storeUrl: values.storeUrl,
      profileName: 'sandbox',
      demo: false,
    });
    expect(saved.keyStatus).not.toBe('missing');
    expect(after.activeId).toBe(saved.id);

    // Listed, marked as the one in use; the demo store no longer is.
    const item = page.getByTestId('store-list').getByTestId('store-item').filter({ hasText: STORE_NAME });
    await visible(item.getByTestId('store-active'));
    await visible(item.getByText(values.merchantNo, { exact: true }));
    await countOf(page.getByTestId('store-active')).toBe(1);
    // The key went to the vault: not in the saved list, and not left in the form.
    const storesJson = await readFile(join(session.dataDir, 'stores.json'), 'utf8');
    expect(storesJson).toContain(values.merchantNo);
    expect(storesJson).not.toContain('PRIVATE KEY');
    expect(storesJson).not.toContain(values.pem.split('\n')[1]!);
    expect(await page.getByLabel('商户私钥（粘贴 PEM 文本）', { exact: true }).inputValue()).toBe('');
    await session.screenshot('store-form-saved', { whole: true });

    // 修改: the form, filled with the store as saved (never its key); an empty key keeps the saved one.
    await item.getByRole('button', { name: `修改店铺「${STORE_NAME}」` }).click();
    const form = page.getByTestId('store-form');
    await visible(form.getByText(`修改店铺「${STORE_NAME}」`));
    expect(await form.getAttribute('data-editing')).toBe(saved.id);
    expect(await page.getByLabel('商户号', { exact: true }).inputValue()).toBe(values.merchantNo);
    expect(await page.getByLabel('商户私钥（粘贴 PEM 文本）', { exact: true }).inputValue()).toBe('');
    await session.screenshot('store-form-editing');
    await page.getByLabel('店铺名称', { exact: true }).fill('改过名字的小店');
    await page.getByRole('button', { name: '保存店铺' }).click();
    await visible(page.getByText('已保存店铺：改过名字的小店'));
    const edited = await session.invoke('stores.list', undefined);
    expect(edited.stores).toHaveLength(after.stores.length);
    expect(edited.stores.find((store) => store.id === saved.id)).toMatchObject({
      storeName: '改过名字的小店',
      merchantNo: values.merchantNo,
    });
    expect(edited.stores.find((store) => store.id === saved.id)?.keyStatus).not.toBe('missing');

    // 更换私钥: a dialog; a key that does not load is refused and kept, a new private key is taken.
    const renamed = page.getByTestId('store-item').filter({ hasText: '改过名字的小店' });
    await renamed.getByRole('button', { name: '更换私钥：改过名字的小店' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('更换「改过名字的小店」的私钥'));
    await dialog.getByTestId('key-fixer-text').fill('not a key');
    await dialog.getByTestId('key-fixer-save').click();
    await visible(dialog.getByTestId('key-fixer-errors'));
    expect(await dialog.getByTestId('key-fixer-text').inputValue()).toBe('not a key');
    await dialog.getByTestId('key-fixer-text').fill(newKeyPem());
    await dialog.getByTestId('key-fixer-save').click();
    await visible(page.getByText('已换上私钥，现在使用的店铺：改过名字的小店'));
    await countOf(page.getByRole('dialog')).toBe(0);
    const rekeyed = await session.invoke('stores.list', undefined);
    expect(rekeyed.activeId).toBe(saved.id);
    expect(rekeyed.stores.find((store) => store.id === saved.id)?.keyStatus).not.toBe('missing');
  });

  test('checked as typed; a failed save keeps every field and puts focus on the first in error', async () => {
    const session = await suite.open();
    const before = await session.invoke('stores.list', undefined);
    const values = await formValues(session, '12ab');
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await fillForm(session, values);
    const { page } = session;
    const focusedField = () =>
      page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document;
        const active = doc.activeElement as {
          closest(s: string): { getAttribute(n: string): string } | null;
        };
        return active?.closest('[data-testid="store-form-field"]')?.getAttribute('data-field') ?? null;
      });

    // As typed, before any save: the merchant number's rule, in the form's words, at its field.
    const merchantNo = field(page, 'merchantNo');
    const shown = merchantNo.locator('.ant-form-item-explain-error');
    await visible(shown.filter({ hasText: '商户号应为 8 到 20 位数字。' }));
    expect(await page.getByLabel('商户号', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // 保存店铺 does not send what the importer would refuse; focus goes to that field.
    await page.getByRole('button', { name: '保存店铺' }).click();
    await expect.poll(focusedField).toBe('merchantNo');
    expect(session.calls).not.toContain('stores.create');
    await session.screenshot('store-form-typing-error', { whole: true });

    // Fixed; but the key pasted is the public one, which only main can tell: its message at the key,
    // in the form's words, focus there once the form is enabled again, everything typed kept.
    await page.getByLabel('商户号', { exact: true }).fill('2088000000000099');
    await shown.waitFor({ state: 'detached' });
    await page.getByLabel('商户私钥（粘贴 PEM 文本）', { exact: true }).fill(publicKey);
    // Keyboard only: Enter on 保存店铺; the form is busy while main checks, then focus goes to the error.
    await page.getByRole('button', { name: '保存店铺' }).focus();
    await page.keyboard.press('Enter');
    const errors = page.getByTestId('store-form-errors');
    await visible(errors.getByText('没有保存：发现 1 个问题'));
    await visible(errors.getByText('什么都没有保存。', { exact: false }));
    expect(session.calls).toContain('stores.create');
    const keyError = field(page, 'privateKeyPem').locator('.ant-form-item-explain-error');
    await visible(keyError.getByText('是一把公钥', { exact: false }));
    expect(await keyError.textContent()).not.toMatch(/merchantPrivateKey|store-form\.json|文件 /);
    await expect.poll(focusedField).toBe('privateKeyPem');
    expect(await page.getByLabel('商户号', { exact: true }).inputValue()).toBe('2088000000000099');
    expect(await page.getByLabel('店铺名称', { exact: true }).inputValue()).toBe(values.storeName);
    expect(await page.getByLabel('商户私钥（粘贴 PEM 文本）', { exact: true }).inputValue()).toBe(publicKey);
    // Only that field is marked.
    await countOf(page.locator('.ant-form-item-explain-error')).toBe(1);
    await session.screenshot('store-form-error', { whole: true });
    await expectAccessible(page, 'the store form with errors (zh-CN)');
    expect(await session.invoke('stores.list', undefined)).toEqual(before);

    // The same messages in English when the UI changes language: main's, and the rules' own.
    await page.getByLabel('店铺名称', { exact: true }).fill('');
    await visible(field(page, 'storeName').getByText('请填写这一项。'));
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(merchantNo.getByText('Merchant number', { exact: true }));
    await visible(keyError.filter({ hasText: 'public key' }));
    await visible(field(page, 'storeName').getByText('Please fill this in.'));
    await countOf(page.locator('.ant-form-item-explain-error')).toBe(2);
    await expectAccessible(page, 'the store form with errors (en-US)');

    // Corrected, the messages go, and the form saves.
    await page.getByLabel('Store name', { exact: true }).fill(values.storeName);
    await page.getByLabel('Merchant private key (paste the PEM text)', { exact: true }).fill(values.pem);
    await keyError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save store' }).click();
    await visible(page.getByTestId('store-form-success').getByText(`Store saved: ${STORE_NAME}`));
    const after = await session.invoke('stores.list', undefined);
    expect(after.stores.find((store) => store.id === after.activeId)?.merchantNo).toBe('2088000000000099');
  });
});
