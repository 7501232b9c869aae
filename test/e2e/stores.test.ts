import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectAccessible, switchLanguage } from './accessibility';
import { chromiumMissingReason } from './harness';
import { countOf, dropFiles, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const IMPORTED_NAME = '拖进来的测试小店';

/** A store.json the importer accepts, for the sandbox platform, with its key file beside it. */
function storeJson(storeUrl: string): string {
  return `${JSON.stringify(
    {
      configVersion: 1,
      environment: 'sandbox',
      merchantNo: '2088000000000077',
      appId: 'BTSB2026000000000077',
      storeName: IMPORTED_NAME,
      storeUrl,
      signType: 'RSA2',
      merchantPrivateKey: { file: 'merchant-key.pem' },
      notifyUrl: `${storeUrl}/pay/notify`,
      returnUrl: `${storeUrl}/pay/return`,
      charset: 'UTF-8',
      baitiao: { enabled: true, installments: [3, 6, 12], sellerPaysFee: false },
      testOrder: { amount: '99.00', subject: '诊断测试订单' },
    },
    null,
    2,
  )}\n`;
}

async function writeStoreFolder(storeUrl: string) {
  const dir = await mkdtemp(join(tmpdir(), 'baitiao-doctor-store-'));
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  await writeFile(join(dir, 'merchant-key.pem'), privateKey, { mode: 0o600 });
  const content = storeJson(storeUrl);
  await writeFile(join(dir, 'store.json'), content);
  return { dir, content };
}

describe.skipIf(chromiumMissingReason !== null)('stores screen (Chromium)', () => {
  const suite = useAppSuite();

  test('a store.json dropped on the window is imported, listed, made active and removed', async () => {
    const session = await suite.open();
    const { activeStore } = await session.invoke('workspace.get', undefined);
    if (!activeStore) throw new Error('the demo core reported no store');
    const before = await session.invoke('stores.list', undefined);
    const folder = await writeStoreFolder(activeStore.storeUrl);
    suite.removeLater(folder.dir);

    // First a checklist run for the demo store, to see the checklist tell its results apart later.
    await session.open('#/checklist');
    const { page } = session;
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await page.getByRole('button', { name: '开始检查' }).click();
    await visible(page.getByTestId('checklist-verdict'), 60_000);

    await menu.getByRole('menuitem', { name: '店铺设置' }).click();
    await visible(page.getByRole('heading', { name: '店铺设置', level: 1 }));
    const list = page.getByTestId('store-list');
    // The demo store is there, marked as the one in use, with its key status in words.
    const demoItem = list.getByTestId('store-item').filter({ hasText: activeStore.storeName });
    await visible(demoItem.getByTestId('store-active'));
    await visible(demoItem.getByText('当前使用'));
    // It comes with the app: its key is not the owner's to import, and it cannot be removed.
    await visible(demoItem.getByText('演示店铺的私钥由助手自动生成', { exact: false }));
    await countOf(demoItem.getByRole('button', { name: /删除/ })).toBe(0);
    await session.screenshot('stores-list', { whole: true });

    await dropFiles(page, page.getByTestId('drop-zone'), folder.dir, [
      { name: 'store.json', content: folder.content },
    ]);
    await visible(page.getByTestId('chosen-store').getByText('已选择：store.json'));
    // In demo mode the built-in sandbox profile is preselected.
    await visible(page.getByRole('radio', { name: '使用内置的平台配置' }));
    expect(await page.getByRole('radio', { name: '使用内置的平台配置' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '导入店铺' }).click();

    const success = page.getByTestId('import-success');
    await visible(success.getByText(`已导入店铺：${IMPORTED_NAME}`));
    const after = await session.invoke('stores.list', undefined);
    expect(after.stores).toHaveLength(before.stores.length + 1);
    const imported = after.stores.find((store) => store.storeName === IMPORTED_NAME);
    if (!imported) throw new Error('stores.list does not have the imported store');
    expect(imported.profileName).toBe('sandbox');

    const item = list.getByTestId('store-item').filter({ hasText: IMPORTED_NAME });
    await visible(item.getByRole('heading', { name: IMPORTED_NAME }));
    await visible(item.getByText(imported.merchantNo, { exact: true }));
    await visible(item.getByText('测试环境（不会真实收款）'));
    await visible(item.getByText('沙箱演示平台', { exact: true }));
    const keyWords = {
      keychain: '已加密保存在这台电脑的系统钥匙串里',
      memory: '这台电脑没有可用的系统钥匙串，私钥只保存到关闭应用为止',
      missing: '还没有导入商户私钥',
    } as const;
    // The key file beside store.json was read: the key is kept, not missing.
    expect(imported.keyStatus).not.toBe('missing');
    await visible(item.getByText(keyWords[imported.keyStatus]));
    await session.screenshot('stores-imported', { whole: true });

    // A fresh import is the store in use; the demo store can be taken back and handed over again.
    expect(after.activeId).toBe(imported.id);
    await visible(success.getByText('现在助手检查的就是这个店铺。'));
    await visible(item.getByTestId('store-active'));

    // The checklist follows: it names the new store and says the results on screen are the demo store's.
    await menu.getByRole('menuitem', { name: '支付检查' }).click();
    await visible(page.getByTestId('checklist-store').getByText(IMPORTED_NAME, { exact: true }));
    await visible(
      page
        .getByTestId('checklist-other-store')
        .getByText(`下面是店铺「${activeStore.storeName}」的检查结果`, {
          exact: false,
        }),
    );
    expect(
      await page
        .getByRole('button', { name: /^重新检查这一项/ })
        .first()
        .isDisabled(),
    ).toBe(true);
    await session.screenshot('checklist-other-store');
    await menu.getByRole('menuitem', { name: '店铺设置' }).click();

    await demoItem.getByRole('button', { name: `把「${activeStore.storeName}」设为当前店铺` }).click();
    await visible(demoItem.getByTestId('store-active'));
    await visible(page.getByText(`现在使用的店铺：${activeStore.storeName}`));
    expect((await session.invoke('stores.list', undefined)).activeId).toBe(activeStore.id);

    await item.getByRole('button', { name: `把「${IMPORTED_NAME}」设为当前店铺` }).click();
    await visible(item.getByTestId('store-active'));
    await visible(page.getByText(`现在使用的店铺：${IMPORTED_NAME}`));
    await countOf(demoItem.getByTestId('store-active')).toBe(0);
    expect((await session.invoke('stores.list', undefined)).activeId).toBe(imported.id);
    // Every screen follows: Home shows the store now in use.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '首页' }).click();
    await visible(page.getByTestId('store-card').getByText(IMPORTED_NAME, { exact: true }));

    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('menuitem', { name: '店铺设置' })
      .click();
    // Keyboard only: 删除 opens a modal dialog that takes focus; Escape gives it back to 删除.
    const remove = page.getByRole('button', { name: `删除店铺「${IMPORTED_NAME}」` });
    await remove.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: `删除店铺「${IMPORTED_NAME}」？` });
    await visible(confirm);
    await expect
      .poll(() => confirm.evaluate((dialog) => dialog.contains(dialog.ownerDocument.activeElement)))
      .toBe(true);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await expect
      .poll(() => remove.evaluate((button) => button === button.ownerDocument.activeElement))
      .toBe(true);
    await page.keyboard.press('Enter');
    await visible(confirm);
    await session.screenshot('stores-remove-confirm');
    await expectAccessible(page, 'the delete-store dialog');
    // The same dialog in English, then back.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await switchLanguage(page, 'en-US');
    await page.getByRole('button', { name: `Remove the store “${IMPORTED_NAME}”` }).click();
    await visible(page.getByRole('dialog'));
    await expectAccessible(page, 'the delete-store dialog (en-US)');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await switchLanguage(page, 'zh-CN');
    await remove.focus();
    await page.keyboard.press('Enter');
    await visible(confirm);
    await confirm.getByRole('button', { name: '确认删除', exact: true }).focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText(`已删除店铺：${IMPORTED_NAME}`));
    // Its 删除 button is gone with it: focus goes to the list's heading, never to <body>.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { textContent: string } | null } })
              .document.activeElement?.textContent,
        ),
      )
      .toBe('已添加的店铺');
    await list.getByRole('heading', { name: IMPORTED_NAME }).waitFor({ state: 'detached' });
    const final = await session.invoke('stores.list', undefined);
    expect(final.stores.map((store) => store.id)).not.toContain(imported.id);
  });

  test('a store.json with a missing comma is refused, naming the file, line and column; nothing is saved', async () => {
    const session = await suite.open();
    const { activeStore } = await session.invoke('workspace.get', undefined);
    if (!activeStore) throw new Error('the demo core reported no store');
    const before = await session.invoke('stores.list', undefined);
    const folder = await writeStoreFolder(activeStore.storeUrl);
    suite.removeLater(folder.dir);
    // Line 3 loses its comma: `"environment": "sandbox"` runs straight into `"merchantNo"` on line 4.
    const lines = folder.content.split('\n');
    expect(lines[2]).toBe('  "environment": "sandbox",');
    lines[2] = '  "environment": "sandbox"';
    const broken = lines.join('\n');
    await writeFile(join(folder.dir, 'store.json'), broken);

    await session.open('#/stores');
    const { page } = session;
    await dropFiles(page, page.getByTestId('drop-zone'), folder.dir, [
      { name: 'store.json', content: broken },
    ]);
    await page.getByRole('button', { name: '导入店铺' }).click();

    const errors = page.getByTestId('import-errors');
    await visible(errors.getByText('什么都没有保存。请按下面的提示改好文件，再重新导入。'));
    const issue = errors.getByTestId('issue').first();
    await visible(issue);
    expect(await issue.getByTestId('issue-file').textContent()).toBe('store.json');
    // Where the next entry starts without the comma before it: `"merchantNo"` at line 4, column 3.
    expect(await issue.getByTestId('issue-position').textContent()).toBe('第 4 行第 3 列');
    await visible(issue.getByTestId('issue-message').getByText('这里少了一个逗号', { exact: false }));
    // The problem code is for support staff: folded under the list.
    await errors.getByTestId('issue-codes').getByText('给客服看').click();
    await visible(errors.getByTestId('issue-codes').getByText('JSON_MISSING_COMMA'));
    await session.screenshot('stores-import-error', { whole: true });

    const after = await session.invoke('stores.list', undefined);
    expect(after).toEqual(before);
  });

  test('a dropped file that is not on disk, or not JSON, is explained and not added', async () => {
    const session = await suite.open();
    await session.open('#/stores');
    const { page } = session;
    const zone = page.getByTestId('drop-zone');
    // No drop folder: the harness answers like Electron for a file without a path.
    await zone.dispatchEvent('drop', {
      dataTransfer: await page.evaluateHandle(() => {
        const scope = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: string[], name: string) => unknown;
        };
        const transfer = new scope.DataTransfer();
        transfer.items.add(new scope.File(['{}'], 'store.json'));
        transfer.items.add(new scope.File(['x'], 'key.pem'));
        return transfer;
      }),
    });
    await visible(page.getByText('没能读取拖入的文件「store.json」', { exact: false }));
    await visible(page.getByText('「key.pem」不是 .json 文件，没有添加。', { exact: false }));
    await visible(page.getByText('还没有选择文件').first());

    await page.getByRole('button', { name: '导入店铺' }).click();
    await visible(page.getByText('请先选择 store.json。'));
    expect(session.calls).not.toContain('stores.import');
  });
});
