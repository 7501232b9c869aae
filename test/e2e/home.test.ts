import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './accessibility';
import { chromiumMissingReason, makeDataDir } from './harness';
import { countOf, useAppSuite, visible } from './suite';
import { MENU_SCREENS } from './menu-screens';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

describe.skipIf(chromiumMissingReason !== null)('home screen and demo banner (Chromium)', () => {
  // The shared set-up: one Chromium and renderer server, sessions closed and page errors checked per test.
  const { open, removeLater } = useAppSuite();

  test('shows the demo store and platform profile that the real handlers report', async () => {
    const session = await open();
    const { activeStore, profile, demo } = await session.invoke('workspace.get', undefined);
    if (!activeStore || !profile || !demo) throw new Error('demo core reported no store, profile or demo');

    await session.open();
    const { page } = session;
    await visible(page.getByRole('heading', { name: '我的店铺' }));

    const store = page.getByTestId('store-card');
    await visible(store.getByText(activeStore.storeName, { exact: true }));
    await visible(store.getByText(activeStore.merchantNo, { exact: true }));
    await visible(store.getByText(activeStore.appId, { exact: true }));
    await visible(
      store.getByText(
        activeStore.environment === 'sandbox' ? '测试环境（不会真实收款）' : '正式环境（真实收款）',
      ),
    );

    // The profile the store is checked against and where its key is kept, in plain words.
    expect(activeStore.profileName).toBe('sandbox');
    await visible(store.getByText('沙箱演示平台', { exact: true }));
    await visible(
      store.getByTestId('store-key-status').getByText('演示店铺的私钥由助手自动生成', { exact: false }),
    );

    const platform = page.getByTestId('profile-card');
    await visible(platform.getByText(profile.gatewayUrl, { exact: true }));
    await visible(platform.getByText(profile.cashierOrigin, { exact: true }));
    await visible(platform.getByText(profile.supportApiUrl, { exact: true }));
    await visible(
      platform.getByText(
        profile.extraCaCount > 0 ? `${profile.extraCaCount} 个` : '没有（只信任电脑自带的证书）',
      ),
    );

    // The banner says, in plain words, that this is the practice platform.
    await visible(page.getByText('演示模式：正在使用内置的沙箱演示平台'));
    await visible(page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '首页' }));
    // Read once each at start-up: a re-render loop that keeps calling main shows up here.
    expect(session.calls.filter((channel) => channel === 'settings.get')).toHaveLength(1);
    expect(session.calls.filter((channel) => channel === 'workspace.get')).toHaveLength(1);
    await session.screenshot('home-zh-CN', { whole: true });
  });

  test('switching the demo scenario with the keyboard reaches the core', async () => {
    const session = await open();
    const before = await session.invoke('workspace.get', undefined);
    expect(before.demo?.scenario).toBe('healthy');

    await session.open();
    const { page } = session;
    const scenario = page.getByRole('combobox', { name: '演示场景' });
    await visible(scenario);

    // Keyboard only: Tab until the switcher has focus, then filter and pick.
    for (let presses = 0; presses < 30; presses += 1) {
      if (await scenario.evaluate((element) => element === element.ownerDocument.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await scenario.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    // Every scenario has a human label in the list, not its code name.
    await visible(page.locator('.ant-select-item-option[title="一切正常"]'));
    await page.keyboard.type('网关无响应');
    await page.keyboard.press('Enter');

    await visible(page.getByText('已切换到演示场景：网关无响应'));
    // Busy while it switched, never disabled: focus stayed on the select instead of dropping to <body>.
    expect(await scenario.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await session.screenshot('home-scenario-switched');

    const after = await session.invoke('workspace.get', undefined);
    expect(after.demo?.scenario).toBe('gateway-timeout');
    expect(session.calls).toContain('demo.setScenario');
  });

  test('English and back: texts and antd locale follow, and the choice survives a reload and a restart', async () => {
    const dataDir = await makeDataDir();
    removeLater(dataDir);
    const first = await open({ dataDir });
    await first.open();
    const { page } = first;
    await visible(page.getByRole('heading', { name: '我的店铺' }));
    // antd's own texts are Chinese too: the copy buttons.
    await visible(page.getByRole('button', { name: '复制' }).first());
    expect(await htmlLang(page)).toBe('zh-CN');

    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();

    await visible(page.getByRole('heading', { name: 'My shop' }));
    await visible(page.getByText('Demo mode: using the built-in practice platform'));
    await visible(
      page.getByRole('navigation', { name: 'Main menu' }).getByRole('menuitem', { name: 'Home' }),
    );
    await visible(page.getByRole('combobox', { name: 'Demo scenario' }));
    await visible(page.getByRole('button', { name: 'Copy' }).first());
    await countOf(page.getByRole('button', { name: '复制' })).toBe(0);
    expect(await htmlLang(page)).toBe('en-US');
    expect(await page.title()).toBe('Home – Baitiao Doctor');
    await expectAccessible(page, 'home (en-US)');
    expect((await first.invoke('settings.get', undefined)).language).toBe('en-US');
    await first.screenshot('home-en-US', { whole: true });

    await page.reload();
    await visible(page.getByRole('heading', { name: 'My shop' }));
    await visible(page.getByRole('button', { name: 'Copy' }).first());
    await first.screenshot('home-en-US-after-reload');

    // A new core over the same data folder is a restart of the app: still English.
    await first.close();
    const second = await open({ dataDir });
    await second.open();
    await visible(second.page.getByRole('heading', { name: 'My shop' }));

    await second.page.getByRole('combobox', { name: 'Language' }).click();
    await second.page.locator('.ant-select-item-option[title="简体中文"]').click();
    await visible(second.page.getByRole('heading', { name: '我的店铺' }));
    await visible(second.page.getByRole('button', { name: '复制' }).first());
    await countOf(second.page.getByRole('button', { name: 'Copy' })).toBe(0);
    expect(await htmlLang(second.page)).toBe('zh-CN');
    expect(await second.page.title()).toBe('首页 - 白条支付诊断助手');
    expect((await second.invoke('settings.get', undefined)).language).toBe('zh-CN');
    await second.screenshot('home-back-to-zh-CN');
  });

  test('a failing call is explained in plain words and the screen can read again', async () => {
    const session = await open();
    session.failures.set('workspace.get', { code: 'HANDLER_FAILED', message: 'sandbox is not answering' });
    await session.open();
    const { page } = session;

    await visible(
      page.locator('.ant-message').getByText('没能读取店铺信息，请点“重新读取”再试一次。', { exact: false }),
    );
    // The raw text of the failure is for the log, never a toast in front of the shop owner.
    await countOf(page.locator('.ant-message').getByText('sandbox is not answering', { exact: false })).toBe(
      0,
    );
    const retry = page.getByRole('button', { name: '重新读取' });
    await visible(retry);
    await session.screenshot('home-load-failed');

    session.failures.delete('workspace.get');
    await retry.click();
    const { activeStore } = await session.invoke('workspace.get', undefined);
    await visible(
      page.getByTestId('store-card').getByText(activeStore?.storeName ?? '(none)', { exact: true }),
    );
  });

  test('the side menu: the shop owner’s way first, then help and set-up, then support; it fits and the keyboard reaches every entry', async () => {
    const session = await open();
    await session.open();
    const { page } = session;
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await visible(menu.getByRole('menuitem', { name: '首页' }));

    expect(await menu.locator('.ant-menu-item-group-title').allTextContents()).toEqual([
      '排查付款问题',
      '说明与设置',
      '技术支持',
    ]);
    const entries = MENU_SCREENS;
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(entries);
    // All of it in the 1024×700 window, without scrolling the menu.
    const last = await menu.getByRole('menuitem', { name: '打开诊断包' }).boundingBox();
    expect(last).not.toBeNull();
    expect((last?.y ?? 0) + (last?.height ?? 0)).toBeLessThanOrEqual(700);

    // Keyboard only: Tab into the menu, then the arrow keys go through every entry of every group.
    const inMenu = async () => (await menu.locator(':focus').count()) > 0;
    for (let presses = 0; presses < 10 && !(await inMenu()); presses += 1) await page.keyboard.press('Tab');
    expect(await inMenu()).toBe(true);
    const focused = menu.locator('[role="menuitem"]:focus');
    const focusedEntry = async () => ((await focused.count()) > 0 ? await focused.textContent() : null);
    const pressDown = async () => {
      await page.keyboard.press('ArrowDown');
      // The menu moves focus on the next frame: wait two frames, not a guessed time. (A string: the tests
      // are typed for Node, and requestAnimationFrame exists only in the page.)
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      return focusedEntry();
    };
    const reached = new Set<string>();
    for (let presses = 0; presses < 40 && reached.size < entries.length; presses += 1) {
      const entry = await pressDown();
      if (entry) reached.add(entry);
    }
    expect([...reached].sort()).toEqual([...entries].sort());
    for (let presses = 0; presses < 40 && (await focusedEntry()) !== '打开诊断包'; presses += 1)
      await pressDown();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: '打开诊断包', level: 1 }));
    expect(new URL(page.url()).hash).toBe('#/support');
    await session.screenshot('menu-groups');
  });

  test('the verdict leads to the problem report for the platform’s support', async () => {
    const session = await open();
    // A diagnosis main remembers: Home shows its verdict.
    await session.invoke('diagnosis.run', { taskId: 'e2e-home-report-link' });
    await session.open();
    const { page } = session;
    const verdict = page.getByTestId('verdict-card');
    await visible(verdict);
    await verdict.getByRole('button', { name: '写问题报告发给平台客服' }).click();
    await visible(page.getByRole('heading', { name: '问题报告', level: 1 }));
    expect(new URL(page.url()).hash).toBe('#/report');
  });

  test('start-up: the first screen’s reads leave at once, side by side; one left unused is asked again later', async () => {
    const session = await open();
    await session.open();
    const { page } = session;
    await visible(page.getByRole('button', { name: /开始诊断/ }).first());
    // All four before anything else, rather than each after the screen that needs it has loaded.
    expect(session.calls.slice(0, 4).sort()).toEqual(
      ['app.notices', 'diagnosis.last', 'settings.get', 'workspace.get'].sort(),
    );
    // Served from that first read: none of them asked twice.
    for (const channel of ['app.notices', 'diagnosis.last', 'settings.get', 'workspace.get'] as const)
      expect(session.calls.filter((c) => c === channel)).toHaveLength(1);

    // Started on another screen, home's read is not made early; a diagnosis then runs (here from the test
    // side). Home, opened later, asks main then and shows that diagnosis, not an answer from start-up.
    await page.goto('about:blank');
    await session.open('#/settings');
    await visible(page.getByRole('heading', { name: '设置', level: 1 }));
    const lastReads = session.calls.filter((c) => c === 'diagnosis.last').length;
    await session.invoke('diagnosis.run', { taskId: 'e2e-home-startup-reads' });
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '首页' }).click();
    await visible(page.getByTestId('verdict-card'));
    expect(session.calls.filter((c) => c === 'diagnosis.last')).toHaveLength(lastReads + 1);
  });
});
