import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createOutbox } from '../../main/outbox';
import { KEY_PEM } from '../unit/bundle/bundle-fixtures';
import { expectAccessible, expectAccessibleInEnglish, focusOnBody } from './accessibility';
import { chromiumMissingReason, makeDataDir, type AppSession } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/** A diagnosis of the sandbox takes seconds; the report's delivery over loopback well under that. */
const SLOW_TEST = 180_000;
const DELIVERY_TIMEOUT = 60_000;

const BUYER_PHONE = '13812345678';
const CONTACT_PHONE = '13900001111';
/** A 1×1 PNG, as a buyer's screenshot. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** 开始诊断 from the test side (what Home's button calls), in the blank-cashier scenario. */
async function diagnoseBlankCashier(session: AppSession): Promise<void> {
  await session.invoke('demo.setScenario', { scenario: 'blank-cashier' });
  const diagnosis = await session.invoke('diagnosis.run', { taskId: 'e2e-report' });
  expect(diagnosis.outcome).toBe('BLANK_PAGE');
}

const section = (page: Page, name: string) =>
  page.locator(`[data-testid="preview-section"][data-section="${name}"]`);

describe.skipIf(chromiumMissingReason !== null)('report: form, preview, submit and export (Chromium)', () => {
  const suite = useAppSuite();

  test('without a diagnosis the report screen asks for one and leads to 开始诊断', async () => {
    const session = await suite.open();
    await session.open('#/report');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '问题报告', level: 1 }));
    const needs = page.getByTestId('report-needs-diagnosis');
    await visible(needs.getByText('请先做一次诊断'));
    await countOf(page.getByTestId('symptom-form')).toBe(0);
    await session.screenshot('report-needs-diagnosis');

    await needs.getByRole('button', { name: '去首页开始诊断' }).click();
    await visible(page.getByRole('button', { name: '开始诊断' }));
    expect(page.url()).toMatch(/#\/home$/);
  });

  test(
    'blank cashier: describe it, preview it redacted, leave logs out, submit it and follow the ticket; export it',
    async () => {
      const shownInFolder: string[] = [];
      const session = await suite.open({ core: { showItemInFolder: (path) => shownInFolder.push(path) } });
      await diagnoseBlankCashier(session);
      await session.open('#/report');
      const { page } = session;
      await visible(page.getByTestId('report-based-on'));

      // 复制诊断摘要: a few plain lines for a chat window, no codes.
      await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByTestId('copy-summary').click();
      await visible(page.getByText('诊断摘要已复制', { exact: false }));
      const summary = await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );
      expect(summary).toContain('【白条支付诊断摘要】');
      expect(summary).toContain('买家看到的：一片空白的页面');
      expect(summary).not.toMatch(/BLANK_PAGE|[a-z]+\.[a-z-]+-[a-z]+/);

      // 买家看到了什么 is chosen from the diagnosis (the blank cashier), and says so.
      expect(await page.getByRole('radio', { name: '页面空白或乱码' }).isChecked()).toBe(true);
      await visible(page.getByTestId('symptom-category-preset'));

      // Not all filled in yet: the preview says what is missing instead of calling main.
      await page.getByRole('button', { name: '预览将发送的内容' }).click();
      await visible(page.getByText('请简单写几句发生了什么。'));
      await countOf(page.getByText('请选一项买家看到的情况。')).toBe(0);
      expect(session.calls).not.toContain('report.preview');
      await expectAccessible(page, 'the report form with errors');
      await expectAccessibleInEnglish(page, 'the report form with errors');

      // The symptom form, in the merchant's words.
      await page
        .getByTestId('symptom-description')
        .fill(`今天下午起买家选白条后页面一片空白，有个买家留了电话 ${BUYER_PHONE} 让我回电。`);
      await page.getByRole('checkbox', { name: '不确定' }).check();
      await page.getByTestId('symptom-frequency').getByText('经常', { exact: true }).click();
      await page
        .getByTestId('screenshot-input')
        .setInputFiles({ name: 'buyer-phone.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await visible(page.getByTestId('merchant-screenshots').getByRole('img', { name: 'buyer-phone.png' }));
      // Contact details only once the merchant says so.
      await countOf(page.getByTestId('contact-fields')).toBe(0);
      await page.getByRole('checkbox', { name: '愿意留下联系方式' }).check();
      await page.getByTestId('contact-name').fill('王老板');
      await page.getByTestId('contact-phone').fill(CONTACT_PHONE);
      await session.screenshot('report-form', { whole: true });

      // 预览: exactly what would be sent, redacted. From the keyboard: focus stays on the screen.
      await page.getByRole('button', { name: '预览将发送的内容' }).focus();
      await page.keyboard.press('Enter');
      const preview = page.getByTestId('report-preview');
      await visible(preview);
      expect(await focusOnBody(page)).toBe(false);
      const fragment = section(page, 'report').getByTestId('report-fragment');
      await visible(fragment);
      const shown = (await fragment.textContent()) ?? '';
      expect(shown).not.toContain(BUYER_PHONE);
      expect(shown).toMatch(/今天下午起买家选白条后页面一片空白，有个买家留了电话 \[手机号 \d+\] 让我回电。/);
      expect(shown).toContain('"category": "BLANK_OR_GARBLED_PAGE"');
      await visible(
        section(page, 'report')
          .getByTestId('section-redactions')
          .getByText(/手机号 1 处已替换/),
      );
      // What the merchant typed as contact goes as typed: they gave it on purpose.
      expect(await section(page, 'contact').getByTestId('report-fragment').textContent()).toContain(
        CONTACT_PHONE,
      );
      // The report section is always sent; the others can be left out.
      expect(await section(page, 'report').getByRole('checkbox').isDisabled()).toBe(true);
      const files = page.getByTestId('manifest-files');
      await visible(files.locator('[data-path="network.har"]'));
      await visible(files.locator('[data-path="screenshots/merchant-1.png"]'));
      await visible(page.getByTestId('manifest-withheld').getByText('所有部分都会发送。'));
      await visible(page.getByTestId('preview-total'));
      await session.screenshot('report-preview', { whole: true });
      await expectAccessible(page, 'the report preview');
      await expectAccessibleInEnglish(page, 'the report preview');
      // Each section's content is named for its section, not one of many 「报告中的这一部分」.
      await visible(section(page, 'report').getByText('「问题报告」在报告里写的内容'));

      // Untick logs: previewed again at once, and the manifest lists logs as withheld.
      const previews = () => session.calls.filter((channel) => channel === 'report.preview').length;
      const before = previews();
      // Keyboard only: Space on the checkbox; it stays enabled while the preview is made again, so focus
      // stays on it instead of dropping to <body>.
      const logs = section(page, 'logs').getByRole('checkbox');
      await logs.focus();
      await page.keyboard.press('Space');
      await visible(page.getByTestId('manifest-withheld').getByText('你选择不发送：助手运行日志'));
      expect(await logs.evaluate((box) => box === box.ownerDocument.activeElement)).toBe(true);
      await visible(section(page, 'logs').getByTestId('section-withheld'));
      expect(await section(page, 'logs').getAttribute('data-included')).toBe('false');
      expect(previews()).toBe(before + 1);
      // The same for the network requests: their file leaves the manifest, and comes back when ticked.
      await section(page, 'har').getByRole('checkbox').uncheck();
      await visible(
        page.getByTestId('manifest-withheld').getByText('你选择不发送：网络请求记录、助手运行日志'),
      );
      await countOf(files.locator('[data-path="network.har"]')).toBe(0);
      await section(page, 'har').getByRole('checkbox').check();
      await visible(files.locator('[data-path="network.har"]'));
      await visible(page.getByTestId('manifest-withheld').getByText('你选择不发送：助手运行日志'));
      await session.screenshot('report-preview-logs-withheld', { whole: true });

      // A change to the form makes the preview stale: nothing can be sent until it is previewed again.
      await page.getByTestId('symptom-frequency').getByText('偶尔', { exact: true }).click();
      await visible(page.getByTestId('preview-stale'));
      expect(await page.getByRole('button', { name: '提交给平台客服' }).isDisabled()).toBe(true);
      await page.getByTestId('preview-stale').getByRole('button', { name: '重新预览' }).click();
      await page.getByTestId('preview-stale').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByRole('button', { name: '提交给平台客服' }).isEnabled()).toBe(true);
      const reportId = await preview.getAttribute('data-report-id');
      expect(reportId).toMatch(/^[0-9a-f-]{36}$/);

      // 导出诊断包: the path it was saved at, with a copy button.
      await page.getByRole('button', { name: '导出诊断包' }).click();
      const path = page.getByTestId('exported-path');
      await visible(path);
      const exportedPath = (await path.textContent()) ?? '';
      expect(exportedPath).toMatch(/baitiao-report-[0-9a-f-]{36}\.zip$/);
      expect(existsSync(exportedPath)).toBe(true);
      await visible(page.getByTestId('report-exported').getByRole('button', { name: /复制|Copy/ }));
      // 打开所在文件夹: main shows that very zip in the file manager (named by report, never by path).
      await page.getByTestId('show-exported').click();
      await expect.poll(() => shownInFolder).toEqual([exportedPath]);
      const opened = await session.invoke('bundle.open', { file: session.grant(exportedPath) });
      expect(opened.ok).toBe(true);
      if (opened.ok) {
        expect(opened.bundle.manifest.withheld).toEqual(['logs']);
        expect(opened.bundle.report.symptom.frequency).toBe('SOMETIMES');
        expect(JSON.stringify(opened.bundle.report)).not.toContain(BUYER_PHONE);
      }
      await session.screenshot('report-exported', { whole: true });

      // 提交给平台客服, from the keyboard: queued durably, then the outbox, its heading focused, shows it
      // delivered with its ticket.
      await page.getByRole('button', { name: '提交给平台客服' }).focus();
      await page.keyboard.press('Enter');
      const outboxHeading = page.getByRole('heading', { name: '发送记录', level: 1 });
      await visible(outboxHeading);
      await expect
        .poll(() => outboxHeading.evaluate((heading) => heading === heading.ownerDocument.activeElement))
        .toBe(true);
      expect(await page.title()).toBe('发送记录 - 白条支付诊断助手');
      expect(page.url()).toMatch(/#\/outbox$/);
      await visible(page.getByTestId('outbox-never-lost').getByText('报告不会丢失'));
      const item = page.locator(`[data-testid="outbox-item"][data-report-id="${reportId}"]`);
      await visible(item);
      await visible(item.getByTestId('outbox-state').getByText('已送达'), DELIVERY_TIMEOUT);
      const ticketId = page.getByTestId('outbox-ticket-id');
      await visible(ticketId);
      const ticket = (await ticketId.textContent()) ?? '';
      expect(ticket).toMatch(/^TK\d+/);
      await visible(item.getByTestId('outbox-ticket-status').getByText('客服已收到'));
      await visible(item.getByTestId('outbox-messages').getByText(/已收到您的问题报告/));
      await countOf(item.getByRole('button', { name: '立即重试' })).toBe(0);
      const [listed] = await session.invoke('outbox.list', undefined);
      expect(listed?.state).toBe('delivered');
      expect(listed?.ticketId).toBe(ticket);
      await session.screenshot('outbox-delivered', { whole: true });
      await expectAccessible(page, 'the outbox with a delivered report');
      await expectAccessibleInEnglish(page, 'the outbox with a delivered report');

      // 刷新工单状态 asks the intake again.
      await item.getByRole('button', { name: '刷新工单状态' }).click();
      await expect.poll(() => session.calls.includes('outbox.pollTicket')).toBe(true);
      await visible(item.getByRole('button', { name: '刷新工单状态' }));
      await countOf(item.getByTestId('outbox-action-error')).toBe(0);
      await visible(item.getByTestId('outbox-ticket-status').getByText('客服已收到'));

      // Back on the report screen: it says the report went, and offers a new one.
      await page
        .getByRole('navigation', { name: '主菜单' })
        .getByRole('menuitem', { name: '问题报告' })
        .click();
      await visible(page.getByTestId('report-submitted'));
      expect(await page.getByRole('button', { name: '提交给平台客服' }).isDisabled()).toBe(true);
    },
    SLOW_TEST,
  );

  test(
    'offline: a submitted report stays queued, says when it tries again, and is delivered once the intake answers',
    async () => {
      // A report submitted while the intake could not be reached (a closed port stands in for no network),
      // in the outbox of the data folder the app then opens.
      const merchant = await suite.open();
      await diagnoseBlankCashier(merchant);
      const preview = await merchant.invoke('report.preview', {
        symptom: {
          category: 'PAGE_NOT_LOADING',
          description: '断网时提交的报告',
          firstSeen: null,
          frequency: 'ONCE',
        },
      });
      const { path } = await merchant.invoke('report.export', { reportId: preview.reportId });
      const merchantNo = (await merchant.invoke('workspace.get', undefined)).activeStore?.merchantNo ?? '';
      const dataDir = await makeDataDir();
      suite.removeLater(dataDir);
      const offline = createOutbox({
        dir: join(dataDir, 'outbox'),
        intake: {
          supportApiUrl: 'https://127.0.0.1:9/api/v1',
          extraCaCertificates: [],
          merchantNo,
          privateKeyPem: KEY_PEM,
          // Never asked: nothing answers on port 9.
          platformPublicKey: createPublicKey(KEY_PEM).export({ type: 'spki', format: 'pem' }).toString(),
        },
        // The next try is far off, so the screen shows the wait and 立即重试 is what sends it.
        backoff: { baseMs: 30 * 60_000, capMs: 30 * 60_000 },
        random: () => 0.99,
      });
      await offline.enqueue({ bundlePath: path });
      await offline.processOnce();
      const [waiting] = await offline.list();
      offline.close();
      expect(waiting?.state).toBe('sending-report');
      expect(waiting?.lastError).not.toBeNull();

      // The app on that data folder: the report is still there, waiting, and says when it tries again.
      const session = await suite.open({ dataDir });
      await session.open('#/outbox');
      const { page } = session;
      const item = page.locator(`[data-testid="outbox-item"][data-report-id="${preview.reportId}"]`);
      await visible(item.getByTestId('outbox-state').getByText(/^等待重试，下次尝试于 .+/));
      await visible(
        item.getByText('上次没有发送成功（可能是没有网络，或平台暂时连不上）。报告还在，助手会自动再试。'),
      );
      // Why, in a plain sentence; the transport's own words only in 给客服看.
      await visible(item.getByTestId('outbox-last-error').getByTestId('error-plain-reason'));
      await visible(item.getByText('送达后会有工单号'));
      await visible(page.getByTestId('outbox-never-lost'));
      await session.screenshot('outbox-waiting', { whole: true });

      // The network is back (this app's intake answers): 立即重试 sends it now.
      await item.getByRole('button', { name: '立即重试' }).click();
      await visible(item.getByTestId('outbox-state').getByText('已送达'), 60_000);
      await visible(item.getByTestId('outbox-ticket-id').getByText(/^TK\d+/));
      expect(session.calls).toContain('outbox.retryNow');
      await session.screenshot('outbox-retried');
    },
    SLOW_TEST,
  );
});
