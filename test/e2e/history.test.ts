import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './accessibility';
import { chromiumMissingReason } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/** A whole diagnosis against the sandbox takes seconds; this is for slow CI machines. */
const RUN_TIMEOUT = 60_000;

/** How the page itself writes a moment in `language` (the same Intl, time zone and ICU as the screen). */
const pageDateTime = (page: Page, at: string, language: string) =>
  page.evaluate(
    ([when, locale]) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(when)),
    [at, language] as const,
  );

describe.skipIf(chromiumMissingReason !== null)('diagnosis history (Chromium)', () => {
  const suite = useAppSuite();

  test('a healthy run, then a failing one: both listed, and what changed since it was fine', async () => {
    const session = await suite.open();
    const { activeStore } = await session.invoke('workspace.get', undefined);
    if (!activeStore) throw new Error('the demo core has no active store');
    await session.open('#/history');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '诊断历史', level: 1 }));
    await visible(page.getByTestId('history-empty').getByText('这家店铺还没有诊断记录'));
    await session.screenshot('history-empty');

    // From the empty history to Home, and a healthy diagnosis there.
    await page.getByRole('button', { name: '去首页诊断' }).click();
    await page.getByRole('button', { name: '开始诊断' }).click();
    await visible(page.getByTestId('verdict-card').getByText('付款流程正常'), RUN_TIMEOUT);

    // Then the platform's risk control stops payments, and a second diagnosis finds it.
    await session.invoke('demo.setScenario', { scenario: 'risk-rejected' });
    await page.getByRole('button', { name: '重新诊断' }).click();
    await visible(page.getByTestId('verdict-card').getByText('被平台风控拦截'), RUN_TIMEOUT);

    // The verdict leads to the history.
    await page.getByTestId('verdict-card').getByRole('button', { name: '和以前比较' }).click();
    await visible(page.getByRole('heading', { name: '诊断历史', level: 1 }));
    const runs = await session.invoke('history.list', { storeId: activeStore.id });
    expect(runs.map((run) => run.outcome)).toEqual(['REDIRECT_OK', 'RISK_REJECTED']);

    // Two runs, newest first, each with its date in the UI language, verdict and outcome in words.
    const list = page.getByTestId('history-list');
    const rows = list.getByTestId('history-run');
    await visible(rows.nth(1));
    await countOf(rows).toBe(2);
    expect(await rows.nth(0).getAttribute('data-outcome')).toBe('RISK_REJECTED');
    expect(await rows.nth(1).getAttribute('data-outcome')).toBe('REDIRECT_OK');
    await visible(list.getByText('共 2 次，最新的在最上面。'));
    const [healthy, failing] = runs;
    if (!healthy || !failing) throw new Error('history.list has not both runs');
    await visible(rows.nth(0).getByText(await pageDateTime(page, failing.at, 'zh-CN'), { exact: true }));
    await visible(rows.nth(1).getByText(await pageDateTime(page, healthy.at, 'zh-CN'), { exact: true }));
    await visible(rows.nth(0).locator('.verdict-status').getByText('发现问题'));
    await visible(rows.nth(0).getByText('被平台风控拦截'));
    await visible(rows.nth(0).getByText('平台那边'));
    await visible(rows.nth(1).getByText('付款流程正常'));
    await visible(rows.nth(0).getByText('最新'));

    // 与上次正常时相比: the outcome and the risk check changed, as icons and words.
    const compare = page.getByTestId('history-compare');
    await visible(compare.getByRole('heading', { name: '与上次正常时相比' }));
    const comparison = await session.invoke('history.compare', { storeId: activeStore.id });
    expect(comparison?.lastPassing?.id).toBe(healthy.id);
    const outcome = compare.locator('[data-testid="history-change"][data-change-id="outcome"]');
    await visible(outcome.getByText('模拟买家付款的结果'));
    await visible(outcome.locator('[data-outcome="REDIRECT_OK"]').getByText('付款流程正常'));
    await visible(outcome.locator('[data-outcome="RISK_REJECTED"]').getByText('被平台风控拦截'));
    const risk = compare.locator('[data-testid="history-change"][data-change-id="risk.status"]');
    await visible(risk.getByText('风控状态'));
    await visible(risk.locator('.status-tag[data-status="pass"]').getByText('通过'));
    await visible(risk.locator('.status-tag[data-status="fail"]').getByText('未通过'));
    await countOf(compare.getByTestId('history-change')).toBe(comparison?.changes.length);
    await visible(compare.getByText(await pageDateTime(page, healthy.at, 'zh-CN'), { exact: false }));
    await session.screenshot('history-two-runs', { whole: true });
    await expectAccessible(page, 'history with two runs');

    // A run's outcome opens its explanation.
    await rows.nth(0).getByRole('button', { name: '被平台风控拦截' }).click();
    await visible(page.getByRole('heading', { name: '被平台风控拦截', level: 1 }));
    await page.goBack();
    await visible(page.getByRole('heading', { name: '诊断历史', level: 1 }));

    // English: words, statuses and dates follow; then back to Chinese.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Diagnosis history', level: 1 }));
    await visible(compare.getByRole('heading', { name: 'Compared with the last time it was fine' }));
    await visible(risk.getByText('Risk control status'));
    await visible(risk.locator('.status-tag[data-status="pass"]').getByText('Passed'));
    await visible(risk.locator('.status-tag[data-status="fail"]').getByText('Failed'));
    await visible(outcome.getByText('Stopped by the platform’s risk control'));
    await visible(list.getByText('2 diagnoses, newest first.'));
    await visible(rows.nth(0).getByText(await pageDateTime(page, failing.at, 'en-US'), { exact: true }));
    await visible(rows.nth(0).getByText('The platform’s side'));
    await session.screenshot('history-two-runs-en-US', { whole: true });
    await expectAccessible(page, 'history with two runs (en-US)');

    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.locator('.ant-select-item-option[title="简体中文"]').click();
    await visible(page.getByRole('heading', { name: '诊断历史', level: 1 }));
    await visible(risk.locator('.status-tag[data-status="fail"]').getByText('未通过'));
    await visible(rows.nth(1).getByText(await pageDateTime(page, healthy.at, 'zh-CN'), { exact: true }));
    expect((await session.invoke('settings.get', undefined)).language).toBe('zh-CN');
    await session.screenshot('history-back-to-zh-CN');
  });
});
