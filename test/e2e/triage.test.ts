import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { unzipAll } from '../unit/bundle/bundle-fixtures';
import { writeSyntheticBundle } from '../unit/triage/synthetic-bundles';
import { chromiumMissingReason, SCREENSHOT_DIR } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

const T0 = Date.parse('2026-12-04T08:00:00Z');
const MIN = 60_000;
const merchant = (i: number) => `2088${String(i).padStart(12, '0')}`;

/** A support inbox with several outcomes: six shops time out within 25 minutes, two blank, one fine, one broken. */
async function inbox(folder: string): Promise<void> {
  for (let i = 1; i <= 6; i++) {
    await writeSyntheticBundle(join(folder, `shop-${i}.zip`), {
      merchantNo: merchant(i),
      outcome: 'GATEWAY_TIMEOUT',
      at: T0 + i * 5 * MIN,
      failing: ['platform.health'],
    });
  }
  await writeSyntheticBundle(join(folder, 'blank/a.zip'), {
    merchantNo: merchant(7),
    outcome: 'BLANK_PAGE',
    at: T0,
  });
  await writeSyntheticBundle(join(folder, 'blank/b.zip'), {
    merchantNo: merchant(8),
    outcome: 'BLANK_PAGE',
    at: T0 + MIN,
  });
  await writeSyntheticBundle(join(folder, 'ok.zip'), {
    merchantNo: merchant(9),
    outcome: 'REDIRECT_OK',
    at: T0,
  });
  await writeFile(join(folder, 'broken.zip'), 'not a bundle at all');
}

describe.skipIf(chromiumMissingReason !== null)('support: triage a folder of bundles (Chromium)', () => {
  const suite = useAppSuite();

  test('open a folder → incident shown → open one bundle → its tabs → save its HAR', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'baitiao-doctor-e2e-inbox-'));
    const saves = await mkdtemp(join(tmpdir(), 'baitiao-doctor-e2e-har-'));
    suite.removeLater(folder);
    suite.removeLater(saves);
    await inbox(folder);
    const asked: string[] = [];
    let picked = folder;
    const session = await suite.open({
      dialogs: {
        // The test answers the system dialogs for the user: this folder, then this file name.
        pickFolder: async () => picked,
        pickHarSavePath: async (suggested) => {
          asked.push(suggested);
          return join(saves, suggested);
        },
      },
    });
    await session.open('#/support');
    const { page } = session;
    await page.getByTestId('triage-open-folder').click();

    // Incidents on top: six shops, one outcome, in words and with the code.
    const incident = page.getByTestId('triage-incident');
    await visible(incident, 60_000);
    await countOf(incident).toBe(1);
    expect(await incident.getAttribute('data-outcome')).toBe('GATEWAY_TIMEOUT');
    await visible(incident.getByText('6 家商户都遇到「平台接口没有回应」'));
    await visible(incident.getByText('平台那边'));
    await visible(page.getByTestId('triage-counts').getByText('9 个有效诊断包，1 个被拒绝'));
    // One row per bundle, newest first; the broken file listed apart with its reader code.
    const rows = page.getByTestId('triage-row');
    await countOf(rows).toBe(9);
    await visible(page.locator('[data-testid="triage-refused"]').getByText('1 个文件被拒绝（没有打开）'));
    await session.screenshot('triage-folder');
    await session.screenshot('triage-folder-whole', { whole: true });

    // 只看这些: the table narrows to the incident's bundles.
    await incident.getByRole('button', { name: '只看这些' }).click();
    await countOf(rows).toBe(6);
    await page.getByTestId('triage-clear-focus').click();
    await countOf(rows).toBe(9);

    // Open one: the first shop of the incident.
    await page.getByRole('row', { name: /shop-1\.zip/ }).click();
    const view = page.getByTestId('bundle-view');
    await visible(view, 30_000);
    await visible(view.getByText(`商户号 ${merchant(1)}`));
    const tabs = ['结论', '检查', '模拟', '网络', '环境', '日志'];
    // 检查 carries the number of failed checks as a badge.
    const tabNames = await page.getByRole('tab').allTextContents();
    expect(tabNames.map((name) => name.replace(/\d+$/, ''))).toEqual(tabs);
    expect(tabNames[1]).toBe('检查1');
    await visible(page.getByTestId('bundle-verdict').getByText('GATEWAY_TIMEOUT'));

    // 检查: the failed check first.
    await page.getByRole('tab', { name: '检查' }).click();
    expect(await page.getByTestId('bundle-check').first().getAttribute('data-check-id')).toBe(
      'platform.health',
    );
    await session.screenshot('triage-bundle-checks');

    // 网络: the payment chain apart from the probes, a filter, and one request's headers and timings.
    await page.getByRole('tab', { name: '网络' }).click();
    await countOf(page.getByTestId('network-payment').getByTestId('bundle-waterfall-row')).toBe(3);
    await countOf(page.getByTestId('network-probe').getByTestId('bundle-waterfall-row')).toBe(1);
    await page.getByTestId('network-chain-filter').getByText('网络探测（1）').click();
    await countOf(page.getByTestId('network-payment')).toBe(0);
    await page.getByTestId('network-chain-filter').getByText('全部（4）').click();
    await page.getByTestId('network-payment').getByTestId('bundle-request-details').first().click();
    const drawer = page.getByRole('dialog');
    await visible(drawer.getByText('Content-Type'));
    await visible(drawer.getByTestId('request-timings').getByText('等待服务器'));
    await session.screenshot('triage-bundle-request');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 环境: keys in words.
    await page.getByRole('tab', { name: '环境' }).click();
    await visible(page.getByTestId('bundle-environment').getByText('商户号', { exact: true }));
    await page.getByRole('tab', { name: '日志' }).click();
    await visible(page.getByTestId('bundle-logs'));

    // 保存 HAR: main's save dialog (answered above), the HAR byte for byte as the bundle holds it.
    await page.getByTestId('save-har').click();
    await visible(page.getByTestId('har-note').getByText(/已保存：.*shop-1\.har/));
    expect(asked).toEqual(['shop-1.har']);
    const saved = await readFile(join(saves, 'shop-1.har'));
    const member = (await unzipAll(join(folder, 'shop-1.zip'))).get('network.har');
    expect(saved.equals(member!)).toBe(true);
    const har = JSON.parse(saved.toString('utf8')) as { log: { version: string; entries: unknown[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(4);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'triage-har-saved.png') });

    // Back to the list, which is still there.
    await page.getByTestId('triage-back').click();
    await countOf(rows).toBe(9);
    // The same folder again: shown at once from the index, then looked through; nothing new to verify.
    await page.getByTestId('triage-open-folder').click();
    await expect.poll(() => session.calls.filter((c) => c === 'triage.refresh').length).toBe(1);
    await page.getByTestId('triage-working').waitFor({ state: 'hidden' });
    await visible(page.getByTestId('triage-counts').getByText('本次新核对 0 个'));
    await countOf(incident).toBe(1);
    // No path ever came from the page: the folder and the file were main's own answers.
    expect(session.calls).toContain('triage.openFolder');
    expect(session.calls).not.toContain('bundle.open');

    // A bad month: six incidents, an hour apart. The newest five show, the earlier one behind a button.
    const month = await mkdtemp(join(tmpdir(), 'baitiao-doctor-e2e-month-'));
    suite.removeLater(month);
    for (let hour = 0; hour < 6; hour++) {
      for (let shop = 0; shop < 5; shop++) {
        await writeSyntheticBundle(join(month, `h${hour}-s${shop}.zip`), {
          merchantNo: merchant(100 + hour * 10 + shop),
          outcome: 'CASHIER_TIMEOUT',
          at: T0 + hour * 60 * MIN + shop * MIN,
        });
      }
    }
    picked = month;
    await page.getByTestId('triage-open-folder').click();
    await visible(page.getByTestId('triage-counts').getByText('30 个有效诊断包'));
    await countOf(incident).toBe(5);
    const more = page.getByTestId('triage-more-incidents');
    await visible(more.getByText('还有 1 个更早的疑似故障，全部显示'));
    await more.click();
    await countOf(incident).toBe(6);
    await countOf(more).toBe(0);
    // Newest first: the one that was hidden is the first hour's, now at the end; narrowing to it shows its shops.
    await incident.last().getByRole('button', { name: '只看这些' }).click();
    await countOf(rows).toBe(5);
    const hidden = await rows.allTextContents();
    expect(hidden.every((row) => row.includes('h0-'))).toBe(true);
  });
});
