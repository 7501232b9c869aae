import { describe, expect, test } from 'vitest';
import { expectAccessible, switchLanguage } from './accessibility';
import { chromiumMissingReason } from './harness';
import { useAppSuite, visible } from './suite';
import { MENU_SCREENS } from './menu-screens';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const SCREENS = MENU_SCREENS;

describe.skipIf(chromiumMissingReason !== null)(
  'every screen announces itself and passes axe (Chromium)',
  () => {
    const suite = useAppSuite();

    test('each screen change focuses its heading, names the window and the current menu item; axe finds nothing serious', async () => {
      const session = await suite.open();
      await session.open('#/settings');
      const { page } = session;
      const menu = page.getByRole('navigation', { name: '主菜单' });
      for (const name of SCREENS) {
        const entry = menu.getByRole('menuitem', { name, exact: true });
        // Keyboard: Enter on the menu entry.
        await entry.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.title()).toBe(`${name} - 白条支付诊断助手`);
        const heading = page.locator('#main-content h1');
        await visible(heading);
        // Focus on the new screen's heading, not left on the menu or dropped to <body>.
        await expect
          .poll(() => heading.evaluate((h1) => h1 === h1.ownerDocument.activeElement), { timeout: 15_000 })
          .toBe(true);
        expect(await entry.getAttribute('aria-current')).toBe('page');
        expect(await menu.locator('[aria-current="page"]').count()).toBe(1);
        await expectAccessible(page, `${name} (zh-CN)`);
      }

      // The same screens in English: names and labels come from the other locale file.
      await switchLanguage(page, 'en-US');
      const entries = page.getByRole('navigation', { name: 'Main menu' }).getByRole('menuitem');
      expect(await entries.count()).toBe(SCREENS.length);
      for (let index = 0; index < SCREENS.length; index += 1) {
        const entry = entries.nth(index);
        const name = (await entry.textContent()) ?? '';
        await entry.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.title()).toBe(`${name} – Baitiao Doctor`);
        const heading = page.locator('#main-content h1');
        await expect
          .poll(() => heading.evaluate((h1) => h1 === h1.ownerDocument.activeElement), { timeout: 15_000 })
          .toBe(true);
        await expectAccessible(page, `${SCREENS[index]} (en-US)`);
      }
    });

    test('a screen still loading names what it waits for, and axe finds nothing serious there either', async () => {
      const session = await suite.open();
      let release = () => {};
      session.holds.set('diagnosis.last', new Promise<void>((done) => (release = done)));
      await session.open('#/home');
      const { page } = session;
      const placeholder = page.getByRole('status', { name: '正在读取上次的诊断结果…' });
      await visible(placeholder);
      expect(await placeholder.getAttribute('aria-busy')).toBe('true');
      await expectAccessible(page, '首页, still loading (zh-CN)');
      await session.screenshot('home-loading-last');
      release();
      await expect.poll(() => placeholder.count()).toBe(0);
    });
  },
);
