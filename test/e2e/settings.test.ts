import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chromiumMissingReason, makeDataDir } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/**
 * Page-side script (a string: the tests are typed without the DOM): a box that grows in its own size
 * observer, three times; resolves with the messages of the error events the page saw meanwhile.
 */
const GROWING_BOX = `(async () => {
  const seen = [];
  const onError = (event) => seen.push(event.message);
  addEventListener('error', onError);
  const box = document.createElement('div');
  box.style.width = '10px';
  document.body.append(box);
  let grown = 0;
  const observer = new ResizeObserver(() => {
    if (grown < 3) box.style.width = (20 + 10 * grown++) + 'px';
  });
  observer.observe(box);
  await new Promise((done) => setTimeout(done, 300));
  observer.disconnect();
  box.remove();
  removeEventListener('error', onError);
  return seen;
})()`;

describe.skipIf(chromiumMissingReason !== null)('settings screen and start-up notices (Chromium)', () => {
  const suite = useAppSuite();

  test('paths, proxy and version come from the real core; the language can be switched there', async () => {
    const session = await suite.open();
    const paths = await session.invoke('app.paths', undefined);
    const info = await session.invoke('app.info', undefined);
    const { activeStore } = await session.invoke('workspace.get', undefined);
    if (!activeStore) throw new Error('the demo core reported no store');

    await session.open('#/settings');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '设置', level: 1 }));

    // Every folder as main reports it, read-only, with a copy button.
    const folders = page.getByTestId('settings-paths');
    for (const key of ['dataDir', 'bundlesDir', 'outboxDir'] as const) {
      const value = folders.getByTestId(`path-${key}`);
      await visible(value);
      expect(await value.getAttribute('data-path')).toBe(paths[key]);
      await visible(value.getByText(paths[key], { exact: true }));
      await visible(value.getByRole('button', { name: '复制' }));
    }
    // The test core has no electron-log folder: said in words, not an empty cell.
    expect(paths.logsDir).toBeNull();
    await visible(folders.getByTestId('path-logsDir').getByText('这种运行方式没有单独的日志文件夹'));
    await countOf(folders.locator('input, textarea')).toBe(0);

    // The proxy in plain words, and the raw rule for support.
    expect(paths.gatewayProxy).toBe('DIRECT');
    const proxy = page.getByTestId('settings-proxy');
    await visible(proxy.getByTestId('settings-proxy-words').getByText('直接连接，没有使用代理'));
    await visible(proxy.getByTestId('settings-proxy-rule').getByText('DIRECT', { exact: true }));

    // The stores with their profile and key, and the way to the Stores screen.
    const store = page.locator(`[data-testid="settings-store"][data-store-id="${activeStore.id}"]`);
    await visible(store.getByText(activeStore.storeName, { exact: true }));
    await visible(store.getByText('沙箱演示平台', { exact: true }));
    await visible(store.getByText('当前使用'));
    await visible(store.getByTestId('store-key-status'));

    await visible(page.getByTestId('app-version').getByText(info.version, { exact: true }));
    await visible(page.getByTestId('settings-about').getByText(info.runtime, { exact: true }));
    await session.screenshot('settings-zh-CN', { whole: true });

    // The language switch of the screen (the header has one too).
    const languageCard = page.getByTestId('settings-language');
    await languageCard.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    await visible(proxy.getByText('Direct connection, no proxy'));
    await visible(folders.getByTestId('path-dataDir').getByRole('button', { name: 'Copy' }));
    await visible(page.locator('.app-header').getByText('English'));
    expect((await session.invoke('settings.get', undefined)).language).toBe('en-US');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await session.screenshot('settings-en-US', { whole: true });

    await page.getByRole('button', { name: 'Manage stores' }).click();
    await visible(page.getByRole('heading', { name: 'Stores', level: 1 }));
    expect(new URL(page.url()).hash).toBe('#/stores');
  });

  test('a damaged settings file is reset, and the user is told once, in their language', async () => {
    const dataDir = await makeDataDir();
    suite.removeLater(dataDir);
    // Half a file, as a power cut mid-write would leave it (before the core ever reads it).
    await writeFile(join(dataDir, 'settings.json'), '{ "language": "en-U');

    const session = await suite.open({ dataDir });
    await session.open();
    const { page } = session;
    const kept = (await readdir(dataDir)).find((name) => name.startsWith('settings.json.damaged-'));
    if (!kept) throw new Error('the damaged settings file was not kept aside');

    const notice = page.getByTestId('startup-notice');
    await visible(notice.getByText('请留意'));
    await visible(
      notice.getByText(
        `设置文件（${join(dataDir, 'settings.json')}）损坏了，读不出来。原文件没有删除，已原样另存为：${join(dataDir, kept)}。设置已恢复为默认值（例如界面语言），其他数据不受影响。`,
        { exact: true },
      ),
    );
    // Defaults after the reset: Chinese.
    await visible(page.getByRole('heading', { name: '我的店铺' }));
    await session.screenshot('notice-settings-reset');

    // The notice follows a language switch.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(notice.getByText('Please note'));
    await visible(
      notice.getByText('Settings (such as the language) are back to their defaults', { exact: false }),
    );
    await session.screenshot('notice-settings-reset-en-US');

    // It stays until closed.
    await notice.getByRole('button', { name: 'Close this notice' }).click();
    await notice.waitFor({ state: 'detached' });

    // Handed out once: a new window does not show it again.
    await page.reload();
    await visible(page.getByRole('heading', { name: 'My shop' }));
    expect(session.calls.filter((channel) => channel === 'app.notices')).toHaveLength(2);
    await countOf(page.getByTestId('startup-notice')).toBe(0);
  });
  test('an uncaught error of the page reaches the app log; the browser’s ResizeObserver notice does not', async () => {
    const logged: string[] = [];
    const session = await suite.open({ core: { log: (line) => logged.push(line) } });
    await session.open();
    const { page } = session;
    await visible(page.getByRole('heading', { name: '我的店铺' }));

    // An element that grows in its own size observer: Chromium delivers the rest next frame and says so
    // with an error event that has no error object (what antd's observers meet when a window is resized).
    const notices = (await page.evaluate(GROWING_BOX)) as string[];
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]).toMatch(/^ResizeObserver loop/);

    // Then an error of the page's own code: that one is logged, as an error, by main.
    await page.evaluate("setTimeout(() => { throw new Error('a bug in a screen'); })");
    await expect.poll(() => logged.filter((line) => line.includes('a bug in a screen'))).toHaveLength(1);
    expect(logged.find((line) => line.includes('a bug in a screen'))).toMatch(/^error: \[renderer-error\]/);
    expect(logged.filter((line) => line.includes('ResizeObserver'))).toEqual([]);
    // The thrown error is this test's own doing, not a fault the suite should report.
    expect(session.pageErrors).toEqual(['pageerror: a bug in a screen']);
    session.pageErrors.length = 0;
  });
});
