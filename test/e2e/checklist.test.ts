import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectAccessible, switchLanguage } from './accessibility';
import { chromiumMissingReason } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/** A whole run against the sandbox takes seconds; the suite's default wait is for single steps. */
const RUN_TIMEOUT = 60_000;

/**
 * Records, in the page, every progress line the screen shows, however briefly: a fast run can start
 * and end between two polls of a locator.
 */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      __progressSeen: string[];
      document: {
        body: unknown;
        querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
      };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
    };
    scope.__progressSeen = [];
    new scope.MutationObserver(() => {
      for (const element of Array.from(
        scope.document.querySelectorAll('[data-testid="progress-current"], [data-testid="progress-count"]'),
      )) {
        const text = element.textContent ?? '';
        if (!scope.__progressSeen.includes(text)) scope.__progressSeen.push(text);
      }
    }).observe(scope.document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (globalThis as unknown as { __progressSeen: string[] }).__progressSeen);
}

/** Where the keyboard's focus is: in the checklist's sections (which), on a row's control, or in details. */
const focusedPlace = (page: Page) =>
  page.evaluate(() => {
    interface Node {
      closest(selector: string): Node | null;
      matches(selector: string): boolean;
      getAttribute(name: string): string | null;
      textContent: string | null;
      tagName: string;
    }
    const doc = (
      globalThis as unknown as {
        document: { activeElement: Node | null; querySelectorAll(selector: string): ArrayLike<Node> };
      }
    ).document;
    const active = doc.activeElement;
    const section = active?.closest('[data-testid="check-section"]') ?? null;
    return {
      body: active === null || active.tagName === 'BODY',
      inMain: active?.closest('#main-content') != null,
      section: section
        ? Array.from(doc.querySelectorAll('[data-testid="check-section"]')).indexOf(section)
        : -1,
      rowControl:
        active?.matches('.check-row-head button, .check-run-simulation, .check-passed-toggle') ?? false,
      inDetails: active?.closest('.check-details') != null,
      name: active?.getAttribute('aria-label') ?? active?.textContent ?? '',
    };
  });

/** Waits for the run to end: the verdict under the summary only shows when nothing is running. */
const runFinished = (page: Page) => visible(page.getByTestId('checklist-verdict'), RUN_TIMEOUT);

/** Unfolds every section's passing rows (folded by default once a run is over). */
async function showPassed(page: Page): Promise<void> {
  const folded = page.locator('[data-testid="check-passed-toggle"][aria-expanded="false"]');
  await visible(page.getByTestId('checklist-summary'));
  while ((await folded.count()) > 0) await folded.first().click();
}

describe.skipIf(chromiumMissingReason !== null)('checklist screen (Chromium)', () => {
  const suite = useAppSuite();

  test('a store without a Baitiao contract: the failure comes first, with remediation and evidence', async () => {
    const session = await suite.open();
    await session.invoke('demo.setScenario', { scenario: 'baitiao-not-enabled' });
    await session.open('#/checklist');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '支付检查', level: 1 }));
    await visible(page.getByText('还没有检查过'));
    await visible(page.locator('.demo-banner').getByText('店铺没有开通白条'));

    const progressSeen = await recordProgress(page);
    await page.getByRole('button', { name: '开始检查' }).click();
    await runFinished(page);
    // The progress named the check in hand and counted while the run went on (on loopback that can
    // be well under a second, so the page recorded it rather than the test polling for it).
    const seen = await progressSeen();
    expect(seen.some((line) => /^正在检查：.+/.test(line))).toBe(true);
    expect(seen.some((line) => /^已完成 \d+ \/ \d+ 项$/.test(line))).toBe(true);
    await countOf(page.getByTestId('checklist-progress')).toBe(0);

    const row = page.locator('[data-testid="check-row"][data-check-id="platform.baitiao-contract"]');
    await visible(row);
    expect(await row.getAttribute('data-status')).toBe('fail');
    // Icon and word, never colour alone.
    await visible(row.locator('.status-tag').getByText('未通过'));
    await visible(row.getByRole('heading', { name: '白条签约状态' }));
    await visible(row.getByTestId('check-summary').getByText('店铺还没有签约白条服务。'));
    // Failures are open from the start: remediation visible without a click.
    const remediation = row.getByTestId('check-remediation');
    await visible(remediation.getByText('怎么处理'));
    await visible(remediation.getByText('请在商家后台查看白条签约状态', { exact: false }));
    await visible(row.getByRole('button', { name: '收起详情：白条签约状态' }));
    // The check's ID and its evidence: folded in the row's one 「给客服看」 disclosure, then readable JSON.
    await countOf(row.getByTestId('check-evidence')).toBe(0);
    await row.getByTestId('check-support-details').getByText('给客服看').click();
    await visible(row.getByTestId('check-support-details').getByText('platform.baitiao-contract'));
    const json = row.getByTestId('check-evidence').locator('pre');
    await visible(json);
    expect(JSON.parse((await json.textContent()) ?? '')).toMatchObject({ status: 'NOT_CONTRACTED' });

    // Failures first: the first row on the screen is a failure, and so is the first section's worst.
    const firstRow = page.getByTestId('check-row').first();
    expect(await firstRow.getAttribute('data-status')).toBe('fail');
    const run = await session.invoke('checklist.last', undefined);
    if (!run) throw new Error('checklist.last has no run after the screen ran one');
    // Passing rows are folded: what shows is what did not pass, and each section offers the rest.
    const notPassed = run.results.filter((r) => r.status !== 'pass').length;
    await countOf(page.getByTestId('check-row')).toBe(notPassed);
    await countOf(page.locator('[data-testid="check-row"][data-status="pass"]')).toBe(0);
    await showPassed(page);
    await countOf(page.getByTestId('check-row')).toBe(run.results.length);
    await visible(
      page.getByTestId('checklist-verdict').getByText(`有 ${run.counts.fail} 项未通过`, { exact: false }),
    );
    // Skipped checks say why.
    for (const skipped of run.results.filter((result) => result.status === 'skip').slice(0, 3)) {
      await visible(
        page
          .locator(`[data-testid="check-row"][data-check-id="${skipped.id}"]`)
          .getByTestId('check-summary')
          .getByText(skipped.summary['zh-CN'], { exact: true }),
      );
    }
    await session.screenshot('checklist-baitiao-not-enabled', { whole: true });
    await expectAccessible(page, 'checklist with a failure');

    // Keyboard: each section is one tab stop for all its rows' buttons (two or three a row made 90 stops
    // here); the only other stops are inside the details a row has open.
    const sectionCount = await page.getByTestId('check-section').count();
    await page.getByRole('button', { name: '全部重新检查' }).focus();
    const stops: Awaited<ReturnType<typeof focusedPlace>>[] = [];
    for (let presses = 0; presses < 100; presses += 1) {
      await page.keyboard.press('Tab');
      const place = await focusedPlace(page);
      if (!place.inMain) break;
      if (place.section >= 0) stops.push(place);
    }
    const rowStops = stops.filter((stop) => stop.rowControl);
    expect(rowStops.map((stop) => stop.section)).toEqual([...Array(sectionCount).keys()]);
    expect(stops.filter((stop) => !stop.rowControl && !stop.inDetails)).toEqual([]);
    console.info(`checklist with a failure, unfolded: ${stops.length} tab stops in ${sectionCount} sections`);
    // The arrows reach every row's buttons in the first section (the failure's), and come back.
    const firstSection = page.getByTestId('check-section').first();
    const expected = await firstSection
      .locator('.check-row-head button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
    expect(expected.length).toBeGreaterThan(2);
    await firstSection.locator('.check-row-head button').first().focus();
    const reached: string[] = [(await focusedPlace(page)).name];
    for (let presses = 0; presses < expected.length + 2; presses += 1) {
      await page.keyboard.press('ArrowDown');
      reached.push((await focusedPlace(page)).name);
    }
    for (const name of expected) expect(reached).toContain(name);
    await page.keyboard.press('Home');
    expect((await focusedPlace(page)).name).toBe(expected[0]);

    // Re-run just this one: the rest stay on screen, this one comes back (still failing).
    const rowsBefore = await page.getByTestId('check-row').count();
    const runsBefore = session.calls.filter((channel) => channel === 'checklist.run').length;
    // From the keyboard, so focus is seen to stay on the screen, never dropped to <body>.
    await row.getByRole('button', { name: '重新检查这一项：白条签约状态' }).focus();
    await page.keyboard.press('Enter');
    await runFinished(page);
    expect((await focusedPlace(page)).body).toBe(false);
    await visible(row.getByTestId('check-remediation'));
    expect(await row.getAttribute('data-status')).toBe('fail');
    expect(session.calls.filter((channel) => channel === 'checklist.run')).toHaveLength(runsBefore + 1);
    await countOf(page.getByTestId('check-row')).toBe(rowsBefore);
    await switchLanguage(page, 'en-US');
    await visible(row.getByRole('heading', { name: 'Baitiao contract status' }));
    await expectAccessible(page, 'checklist with a failure (en-US)');
  });

  test('the healthy sandbox: nothing fails, and the last run is shown again on opening', async () => {
    const session = await suite.open();
    await session.open('#/checklist');
    const { page } = session;
    await page.getByRole('button', { name: '开始检查' }).click();
    await runFinished(page);

    await visible(page.getByTestId('checklist-verdict').getByText('没有发现未通过的项目。'));
    await countOf(page.locator('[data-testid="check-row"][data-status="fail"]')).toBe(0);
    await countOf(page.locator('.status-tag[data-status="fail"]')).toBe(0);
    // Passing rows are folded until asked for; skipped page checks stay, offering the simulated payment.
    await countOf(page.locator('[data-testid="check-row"][data-status="pass"]')).toBe(0);
    const skippedPage = page.locator('[data-testid="check-row"][data-check-id="page.cashier-ready"]');
    await visible(skippedPage.getByTestId('check-run-simulation'));
    await showPassed(page);
    const contract = page.locator('[data-testid="check-row"][data-check-id="platform.baitiao-contract"]');
    expect(await contract.getAttribute('data-status')).toBe('pass');
    await visible(contract.locator('.status-tag').getByText('通过'));
    const rows = await page.getByTestId('check-row').count();
    expect(rows).toBeGreaterThan(10);
    await session.screenshot('checklist-healthy', { whole: true });

    // A reload is a new window: it shows checklist.last without running again.
    const runs = session.calls.filter((channel) => channel === 'checklist.run').length;
    await page.reload();
    await visible(page.getByTestId('checklist-verdict').getByText('没有发现未通过的项目。'));
    await showPassed(page);
    await countOf(page.getByTestId('check-row')).toBe(rows);
    expect(session.calls.filter((channel) => channel === 'checklist.run')).toHaveLength(runs);
    await visible(page.getByRole('button', { name: '全部重新检查' }));

    // Engine text follows the UI language, as do the statuses.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Payment checklist', level: 1 }));
    await visible(contract.locator('.status-tag').getByText('Passed'));
    await visible(contract.getByText('The store has an active Baitiao contract.'));
    await visible(page.getByTestId('checklist-verdict').getByText('Nothing failed.'));
    await session.screenshot('checklist-healthy-en-US', { whole: true });
    await expectAccessible(page, 'checklist after a run (en-US)');
  });

  test('a run can be cancelled; what finished before stays', async () => {
    const session = await suite.open();
    // A slow gateway keeps the signed checks waiting long enough to cancel.
    await session.invoke('demo.setScenario', { scenario: 'slow-gateway' });
    await session.open('#/checklist');
    const { page } = session;
    await page.getByRole('button', { name: '开始检查' }).click();
    const cancel = page.getByRole('button', { name: '取消检查' });
    await visible(cancel);
    const progress = page.getByTestId('checklist-progress');
    await visible(progress.getByText(/^正在检查：.+/));
    await visible(progress.getByText(/^已完成 \d+ \/ \d+ 项$/));
    await session.screenshot('checklist-running');
    await cancel.click();
    await visible(page.getByTestId('checklist-cancelled'), RUN_TIMEOUT);
    await visible(page.getByText('检查已取消。下面只有取消之前完成的项目。'));
    expect(session.calls).toContain('checklist.cancel');
    const last = await session.invoke('checklist.last', undefined);
    expect(last?.cancelled).toBe(true);
    await showPassed(page);
    await countOf(page.getByTestId('check-row')).toBe(last?.results.length);
    await session.screenshot('checklist-cancelled', { whole: true });
  });
});
