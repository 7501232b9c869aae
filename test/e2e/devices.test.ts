import { describe, expect, test } from 'vitest';
import { chromiumMissingReason } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/** A diagnosis runs a phone and a computer side by side against the sandbox: seconds, not minutes. */
const RUN_TIMEOUT = 120_000;

describe.skipIf(chromiumMissingReason !== null)('the buyer’s device: phones and computers (Chromium)', () => {
  const suite = useAppSuite();

  test(
    'demo → h5-broken in the banner → 开始诊断 → the verdict names phones, with the phone’s screenshot',
    async () => {
      const session = await suite.open();
      await session.open();
      const { page } = session;
      await visible(page.getByRole('heading', { name: '白条支付诊断', level: 2 }));

      // The demo banner's switcher, as a shop owner uses it: open, type, pick.
      const switcher = page.locator('#demo-scenario');
      await switcher.click();
      await switcher.fill('手机版收银台');
      await page.locator('.ant-select-item-option[title="手机版收银台打不开（电脑正常）"]').click();
      await expect
        .poll(async () => (await session.invoke('workspace.get', undefined)).demo?.scenario)
        .toBe('h5-broken');

      await page.getByRole('button', { name: '开始诊断' }).click();
      const verdict = page.getByTestId('verdict-card');
      await visible(verdict, RUN_TIMEOUT);
      await visible(
        verdict.getByTestId('verdict-headline').getByText('手机上的买家打不开收银台，电脑上正常'),
      );
      expect(await verdict.getAttribute('data-outcome')).toBe('CASHIER_UNREACHABLE');
      expect(await verdict.getAttribute('data-side')).toBe('platform');
      await visible(verdict.getByTestId('verdict-first-action').getByText(/手机版收银台/));

      // Each device's result, phone first, the phone's picture in a phone-shaped frame.
      const devices = page.getByTestId('device-results');
      await visible(devices);
      await countOf(devices.getByTestId('device-result')).toBe(2);
      const phone = devices.getByTestId('device-result').first();
      expect(await phone.getAttribute('data-device')).toBe('iphone-wechat');
      expect(await phone.getAttribute('data-outcome')).toBe('CASHIER_UNREACHABLE');
      await visible(phone.getByText('iPhone 微信内置浏览器'));
      const phoneShot = phone.getByTestId('device-result-shot');
      await visible(phoneShot);
      expect(await phoneShot.getAttribute('data-shape')).toBe('phone');
      const image = phoneShot.getByRole('img', { name: '截图：iPhone 微信内置浏览器上买家看到的页面' });
      await visible(image);
      // Phone-shaped: taller than wide, as the phone's own viewport is (390 × 664).
      const box = await image.boundingBox();
      expect(box && box.height > box.width * 1.4).toBe(true);
      const computer = devices.getByTestId('device-result').nth(1);
      expect(await computer.getAttribute('data-device')).toBe('pc');
      expect(await computer.getAttribute('data-outcome')).toBe('REDIRECT_OK');
      expect(await computer.getByTestId('device-result-shot').getAttribute('data-shape')).toBe('computer');

      await devices.scrollIntoViewIfNeeded();
      await session.screenshot('devices-h5-broken', { whole: true });
      await session.invoke('demo.setScenario', { scenario: 'healthy' });
    },
    RUN_TIMEOUT + 60_000,
  );

  test('the simulation screen runs as the chosen phone and network, and says the times are emulated', async () => {
    const session = await suite.open();
    await session.invoke('demo.setScenario', { scenario: 'healthy' });
    await session.open('#/simulation');
    const { page } = session;
    await visible(page.getByTestId('simulation-buyer-picker'));
    await page.locator('#simulation-buyer-device').click();
    await page.locator('.ant-select-item-option[title="Android 平台 App 内页"]').click();
    await page.locator('#simulation-buyer-network').click();
    await page.locator('.ant-select-item-option[title="4G"]').click();
    await page.getByTestId('simulation-controls').getByRole('button', { name: '开始模拟' }).click();
    const line = page.getByTestId('simulation-buyer');
    await visible(line, RUN_TIMEOUT);
    // What the line says comes with the run's result: it may take as long as the run on a busy machine.
    await visible(line.getByText('Android 平台 App 内页（4G） · 网络是模拟的，时间仅供参考'), RUN_TIMEOUT);
    const last = await session.invoke('simulation.last', undefined);
    expect(last?.kind === 'simulation-series' && last.runs[0]?.buyer).toMatchObject({
      device: 'android-app',
      network: '4g',
      emulatedNetwork: true,
    });
    await visible(page.getByTestId('simulation-screenshot').locator('[data-shape="phone"]').first());
    await session.screenshot('simulation-android-4g', { whole: true });
  });
});
