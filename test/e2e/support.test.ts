import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import yazl from 'yazl';
import { rawZip } from '../unit/bundle/raw-zip';
import { unzipAll } from '../unit/bundle/bundle-fixtures';
import { expectAccessible } from './accessibility';
import { chromiumMissingReason, SCREENSHOT_DIR, type AppSession } from './harness';
import { countOf, dropFiles, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const SLOW_TEST = 180_000;
const BUYER_PHONE = '13812345678';

/** A bundle as a merchant would send it: the blank-cashier diagnosis, previewed and exported (core only). */
async function exportBundle(session: AppSession): Promise<string> {
  await session.invoke('demo.setScenario', { scenario: 'blank-cashier' });
  await session.invoke('diagnosis.run', { taskId: 'e2e-support' });
  const preview = await session.invoke('report.preview', {
    symptom: {
      category: 'BLANK_OR_GARBLED_PAGE',
      description: `收银台一片空白，买家电话 ${BUYER_PHONE}`,
      firstSeen: '2026-11-20',
      frequency: 'EVERY_TIME',
    },
    contact: { name: '王老板' },
  });
  const { path } = await session.invoke('report.export', { reportId: preview.reportId });
  return path;
}

/** The same members written again by an ordinary zip tool, one of them changed after the manifest was made. */
async function tamperedCopy(bundlePath: string, to: string): Promise<void> {
  const members = await unzipAll(bundlePath);
  const report = members.get('report.json');
  if (!report) throw new Error('the exported bundle has no report.json');
  members.set(
    'report.json',
    Buffer.from(report.toString('utf8').replace('收银台一片空白', '收银台一切正常')),
  );
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  await writeFile(to, Buffer.concat(chunks));
}

/** Drops `name` (already written in `dir`) on the support screen's drop zone. */
const dropBundle = (page: Page, dir: string, name: string) =>
  dropFiles(page, page.getByTestId('bundle-drop-zone'), dir, [{ name, content: '' }]);

describe.skipIf(chromiumMissingReason !== null)('support: open a diagnostic bundle (Chromium)', () => {
  const suite = useAppSuite();

  test(
    'a dropped bundle shows its report, checks, waterfall and screenshots; tampered and hostile ones are refused',
    async () => {
      const session = await suite.open();
      const folder = await mkdtemp(join(tmpdir(), 'baitiao-doctor-e2e-bundles-'));
      suite.removeLater(folder);
      const exported = await exportBundle(session);
      await copyFile(exported, join(folder, 'from-merchant.zip'));
      const opened = await session.invoke('bundle.open', { file: session.grant(exported) });
      if (!opened.ok) throw new Error(`the exported bundle did not open: ${JSON.stringify(opened.problems)}`);
      const { bundle } = opened;

      await session.open('#/support');
      const { page } = session;
      await visible(page.getByRole('heading', { name: '打开诊断包', level: 1 }));
      // In the app the button opens the system's file chooser; here it has nothing to choose.
      await page.getByRole('button', { name: '选择诊断包' }).click();
      await expect.poll(() => session.calls.includes('stores.pickFile')).toBe(true);
      expect(session.calls).not.toContain('bundle.open');
      await session.screenshot('support-empty');

      // The merchant's bundle, dropped: verified, then shown.
      await dropBundle(page, folder, 'from-merchant.zip');
      const view = page.getByTestId('bundle-view');
      await visible(view, 30_000);
      expect(await view.getAttribute('data-report-id')).toBe(bundle.report.report_id);
      await visible(page.getByTestId('bundle-facts').getByText('每个文件都和清单上的校验值一致'));
      await visible(page.getByTestId('bundle-category').getByText('页面空白或乱码'));
      const description = (await page.getByTestId('bundle-description').textContent()) ?? '';
      expect(description).toMatch(/^收银台一片空白，买家电话 REDACTED-MOBILE-\d+$/);
      await visible(page.getByTestId('bundle-symptom').getByText('每次'));
      await visible(page.getByTestId('bundle-contact').getByText('称呼：王老板'));
      // The verdict, in words, as the merchant's Home showed it.
      const verdict = page.getByTestId('bundle-verdict');
      await visible(verdict.getByText('发现问题'));
      await visible(verdict.getByTestId('bundle-verdict-headline'));
      await visible(verdict.getByTestId('outcome-label').getByText('BLANK_PAGE'));
      // The rest sits in tabs: 检查 lists what failed first, every check still there (the rest folded).
      const tab = (name: string) => page.getByRole('tab', { name });
      await tab('检查').click();
      const checks = page.getByTestId('bundle-check');
      await countOf(checks).toBe(bundle.checks.length);
      const attention = ['fail', 'error', 'warn'];
      if (bundle.checks.some((check) => attention.includes(check.status))) {
        expect(attention).toContain(await checks.first().getAttribute('data-status'));
      }
      const failing = bundle.checks.find((check) => check.status === 'fail');
      if (failing) {
        const row = page.locator(`[data-testid="bundle-check"][data-check-id="${failing.id}"]`);
        await visible(row.getByText('未通过'));
        await visible(row.getByText(failing.summary['zh-CN']));
      }
      // 环境: keys in words, the raw key beside for support staff.
      await tab('环境').click();
      const environment = page.getByTestId('bundle-environment');
      await visible(environment.getByText('商户号', { exact: true }));
      await visible(environment.getByText('store.merchant_no'));
      // 网络: the waterfall of network.har; 模拟: the screenshots as pictures.
      await tab('网络').click();
      await countOf(page.getByTestId('bundle-waterfall-row')).toBe(bundle.waterfall.rows.length);
      expect(bundle.waterfall.rows.length).toBeGreaterThan(0);
      await session.screenshot('support-bundle-waterfall');
      await expectAccessible(page, 'support: a bundle open on its network tab');
      await tab('模拟').click();
      const shots = page.getByTestId('bundle-screenshot');
      await countOf(shots).toBe(bundle.screenshots.length);
      expect(bundle.screenshots.length).toBeGreaterThan(0);
      await visible(shots.first().getByRole('img'));
      await session.screenshot('support-bundle-simulation', { whole: true });
      await expectAccessible(page, 'support: a bundle open on its simulation tab');
      await tab('结论').click();
      await page
        .getByTestId('bundle-verdict')
        .screenshot({ path: join(SCREENSHOT_DIR, 'support-bundle-verdict.png') });

      // A copy changed after it was made: refused, and said so plainly.
      await tamperedCopy(exported, join(folder, 'edited.zip'));
      await dropBundle(page, folder, 'edited.zip');
      const refused = page.getByTestId('bundle-refused');
      await visible(refused, 30_000);
      await countOf(page.getByTestId('bundle-view')).toBe(0);
      await visible(refused.getByText('edited.zip 不能打开'));
      await visible(refused.getByText('诊断包被改动过或已损坏'));
      const codes = await refused
        .getByTestId('bundle-problem')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
      expect(codes).toContain('HASH_MISMATCH');
      await visible(refused.getByTestId('bundle-problem-message').first());
      await session.screenshot('support-refused-tampered', { whole: true });

      // Not a zip at all.
      await writeFile(join(folder, 'not-a-bundle.zip'), 'these are my notes, not a bundle\n');
      await dropBundle(page, folder, 'not-a-bundle.zip');
      await visible(page.getByTestId('bundle-refused').getByText('not-a-bundle.zip 不能打开'));
      await visible(page.getByTestId('bundle-refused').getByText('这不是助手生成的诊断包'));
      await countOf(page.locator('[data-testid="bundle-problem"][data-code="NOT_A_ZIP"]')).toBe(1);
      await session.screenshot('support-refused-not-zip');

      // A member that climbs out of the bundle, and a zip bomb: each named for what it is.
      await writeFile(
        join(folder, 'escape.zip'),
        rawZip([{ name: '../../outside.txt', data: Buffer.from('x') }]),
      );
      await dropBundle(page, folder, 'escape.zip');
      await visible(page.getByTestId('bundle-refused').getByText('escape.zip 不能打开'));
      await visible(page.getByTestId('bundle-refused').getByText('包里有不安全的文件路径'));
      await writeFile(
        join(folder, 'bomb.zip'),
        rawZip([{ name: 'report.json', data: Buffer.alloc(16 * 1024 * 1024) }]),
      );
      await dropBundle(page, folder, 'bomb.zip');
      await visible(page.getByTestId('bundle-refused').getByText('bomb.zip 不能打开'));
      await visible(page.getByTestId('bundle-refused').getByText('文件太大，或解压后会异常膨胀'));
      await session.screenshot('support-refused-zip-bomb');

      // The bundle opens again after all that; English names the same things in English.
      await dropBundle(page, folder, 'from-merchant.zip');
      await visible(page.getByTestId('bundle-view'), 30_000);
      await page.getByRole('combobox', { name: '界面语言' }).click();
      await page.locator('.ant-select-item-option[title="English"]').click();
      await visible(page.getByRole('heading', { name: 'Open a diagnostic bundle', level: 1 }));
      await visible(page.getByTestId('bundle-category').getByText('The page is blank or garbled'));
      await expectAccessible(page, 'support: a bundle open (en-US)');
    },
    SLOW_TEST,
  );
});
