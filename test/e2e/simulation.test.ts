import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { BROWSER_ENV_VAR } from '../../main/simulation/browser-discovery';
import { lazyBrowserEngine } from '../../main/core/browser-engine';
import { OUTCOME_EXPLANATIONS } from '../../shared/simulation/outcome-explanations';
import type { SimulationSeries } from '../../shared/simulation/simulation-result';
import { expectAccessible } from './accessibility';
import { chromiumMissingReason } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/**
 * A run against the loopback sandbox takes one to three seconds (the first one starts the browser);
 * this is for slow CI machines.
 */
const RUN_TIMEOUT = 60_000;

const outcomeCard = (page: Page, code: OutcomeCode) =>
  page.locator(`[data-testid="simulation-outcome"][data-outcome="${code}"]`);

/** The card says, in the shop owner's words, what the buyer saw, what it means and what to do. */
async function expectExplained(card: Locator, code: OutcomeCode, language: 'zh-CN' | 'en-US') {
  const explanation = OUTCOME_EXPLANATIONS[code];
  expect(await card.getByTestId('simulation-buyer-saw').innerText()).toBe(explanation.buyerSaw[language]);
  expect(await card.getByTestId('simulation-meaning').innerText()).toBe(explanation.meaning[language]);
  expect(await card.getByTestId('simulation-what-to-do').innerText()).toBe(explanation.whatToDo[language]);
  expect(await card.getByTestId('simulation-side').getAttribute('data-side')).toBe(explanation.side);
}

/** Every hop the journey card lists: leg, URL and the verdict in words. */
async function hopsShown(page: Page) {
  return page
    .getByTestId('simulation-journey')
    .getByTestId('simulation-hop')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        leg: row.getAttribute('data-leg'),
        url: row.querySelector('[data-testid="simulation-hop-url"]')?.textContent ?? '',
        verdict: row.querySelector('[data-testid="simulation-hop-verdict"]')?.textContent ?? '',
        location: row.querySelector('[data-testid="simulation-hop-location"]')?.textContent ?? null,
      })),
    );
}

/** A screenshot figure's picture really decoded (a broken data: URL has no natural size). */
async function expectPicture(figure: Locator, alt: string) {
  const image = figure.getByRole('img', { name: alt, exact: true });
  await visible(image);
  expect(
    await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
  ).toBeGreaterThan(100);
}

async function lastSeries(invoke: () => Promise<unknown>): Promise<SimulationSeries> {
  const last = (await invoke()) as SimulationSeries | { kind: string } | null;
  if (!last || last.kind !== 'simulation-series') throw new Error('simulation.last has no series');
  return last as SimulationSeries;
}

async function switchScenario(page: Page, label: string) {
  await page.getByRole('combobox', { name: '演示场景' }).click();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await visible(page.getByText(`已切换到演示场景：${label}`));
}

describe.skipIf(chromiumMissingReason !== null)('simulation screen (Chromium)', () => {
  const suite = useAppSuite();

  test('healthy, then a garbled cashier retried: hops, the outcome in plain words, screenshots, the charset finding', async () => {
    const session = await suite.open();
    await session.open('#/simulation');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '模拟支付', level: 1 }));
    await visible(page.getByRole('menuitem', { name: '模拟支付' }));
    await visible(page.getByText('还没有模拟过'));

    await page.getByRole('button', { name: '开始模拟' }).click();
    await visible(page.getByTestId('simulation-progress'));
    const ok = outcomeCard(page, 'REDIRECT_OK');
    await visible(ok, RUN_TIMEOUT);
    await countOf(page.getByTestId('simulation-progress')).toBe(0);
    const healthy = await lastSeries(() => session.invoke('simulation.last', undefined));
    expect(healthy.runs).toHaveLength(1);
    const run = healthy.runs[0];
    if (!run) throw new Error('no run');

    // The verdict: success in words (not only green), its plain name and code, and the explanation.
    await visible(ok.getByText('成功', { exact: true }));
    await visible(ok.getByTestId('simulation-outcome-title').getByText('支付跳转正常'));
    // The code is for support staff: folded in the card's one 「给客服看」 disclosure until opened.
    await countOf(ok.getByTestId('simulation-outcome-code')).toBe(0);
    await ok.getByTestId('simulation-support-details').getByText('给客服看').click();
    expect(await ok.getByTestId('simulation-outcome-code').innerText()).toBe('REDIRECT_OK');
    await expectExplained(ok, 'REDIRECT_OK', 'zh-CN');
    await visible(ok.getByTestId('simulation-side').getByText('没有问题'));
    // One run: no series summary.
    await countOf(page.getByTestId('simulation-series')).toBe(0);

    // The hops: the cashier chain /pay → /baitiao/auth → /baitiao/cashier, then the way back.
    const hops = await hopsShown(page);
    expect(hops).toHaveLength(run.hops.length);
    const cashierLeg = hops.filter((hop) => hop.leg === 'cashier').map((hop) => new URL(hop.url).pathname);
    expect(cashierLeg).toEqual(['/pay', '/baitiao/auth', '/baitiao/cashier']);
    expect(hops.filter((hop) => hop.leg === 'return').map((hop) => new URL(hop.url).pathname)).toEqual([
      '/pay/return',
    ]);
    expect(hops[0]).toMatchObject({ verdict: '跳转（302）', location: '/baitiao/auth?token=[已隐去]' });
    expect(hops[2]?.verdict).toBe('打开了（200）');
    // Sanitized where it was captured: no token value reaches the screen.
    for (const hop of hops) expect(hop.url).not.toMatch(/token=(?!\[已隐去\])/);
    // Every stage went through, each with its state in words.
    const stages = page.getByTestId('simulation-journey').getByTestId('simulation-stage');
    expect(await stages.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')))).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    await visible(stages.first().getByText('完成'));

    // What the buyer's browser showed: the cashier and the page the buyer came back to.
    const screenshots = page.getByTestId('simulation-screenshots');
    await expectPicture(
      screenshots.locator('[data-moment="cashier"]'),
      '截图：收银台页面（买家在收银台看到的样子）',
    );
    await expectPicture(
      screenshots.locator('[data-moment="return"]'),
      '截图：最后的页面（付款后回到的店铺页面）',
    );
    await visible(screenshots.getByText('最后的页面', { exact: true }));
    await session.screenshot('simulation-healthy', { whole: true });
    await expectAccessible(page, 'simulation after a run');

    // The sandbox now sends its cashier saved as GBK but labelled UTF-8; after a success: 再模拟一次.
    await switchScenario(page, '收银台显示乱码');
    await page.getByRole('button', { name: '再模拟一次' }).click();
    const garbled = outcomeCard(page, 'GARBLED_PAGE');
    await visible(garbled, RUN_TIMEOUT);
    expect(session.calls.filter((channel) => channel === 'simulation.run')).toHaveLength(2);
    await visible(garbled.getByText('失败', { exact: true }));
    await visible(garbled.getByTestId('simulation-outcome-title').getByText('收银台显示乱码'));
    await expectExplained(garbled, 'GARBLED_PAGE', 'zh-CN');
    await visible(garbled.getByTestId('simulation-side').getByText('平台那边'));

    // The charset finding is open (it is the problem): declared vs detected, the signs, what it should say.
    const charset = page.getByTestId('simulation-charset');
    await visible(charset);
    expect(await charset.getByTestId('simulation-charset-verdict').innerText()).toBe(
      '页面声明的编码和实际的不一致，中文会变成乱码。',
    );
    expect(await charset.getByTestId('simulation-charset-declared').innerText()).toBe(
      'UTF-8（写在服务器回答的头信息里）',
    );
    expect(await charset.getByTestId('simulation-charset-detected').innerText()).toBe('GB18030');
    await visible(
      charset
        .locator('[data-signal="gbk-declared-utf8"]')
        .getByText('声明是 UTF-8，实际却是按 GBK（GB18030）保存的中文'),
    );
    await visible(
      charset.getByTestId('simulation-charset-should-be').getByText('京东白条收银台', { exact: false }),
    );
    await visible(page.getByTestId('simulation-details').getByText('有乱码'));
    // The page it failed on, as the buyer saw it.
    await expectPicture(
      page.getByTestId('simulation-screenshots').locator('[data-moment="failure"]'),
      '截图：出错的页面（出问题时买家看到的样子）',
    );
    // The way back was never tried.
    const garbledStages = page.getByTestId('simulation-journey').getByTestId('simulation-stage');
    expect(
      await garbledStages.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status'))),
    ).toEqual(['ok', 'failed', 'skipped', 'ok']);
    await session.screenshot('simulation-garbled', { whole: true });
  });

  test('intermittency mode on a busy cashier: hops live, 0 % success, CASHIER_ERROR_PAGE counted, then in English', async () => {
    const session = await suite.open();
    await session.invoke('demo.setScenario', { scenario: 'cashier-busy' });
    await session.open('#/simulation');
    const { page } = session;
    await visible(page.getByText('还没有模拟过'));

    // 1, 5, 10 or 20 runs; 5 is the smallest series offered.
    await page.getByTestId('simulation-runs').getByText('5 次', { exact: true }).click();
    await page.getByRole('button', { name: '开始模拟' }).click();
    const progress = page.getByTestId('simulation-progress');
    await visible(progress.getByText(/^第 \d \/ 5 次：/), RUN_TIMEOUT);
    // Hops appear while the series runs.
    await visible(page.getByTestId('simulation-live').getByTestId('simulation-hop').first(), RUN_TIMEOUT);
    await visible(progress.getByText(/^已完成 [1-4] \/ 5 次，成功 0 次$/), RUN_TIMEOUT);
    await session.screenshot('simulation-running', { whole: true });

    const summary = page.getByTestId('simulation-series');
    await visible(summary, RUN_TIMEOUT);
    const series = await lastSeries(() => session.invoke('simulation.last', undefined));
    expect(series.runs).toHaveLength(5);
    expect(series.outcomes).toEqual({ CASHIER_ERROR_PAGE: 5 });

    expect(await summary.getByTestId('simulation-success-rate').innerText()).toBe('0%');
    await visible(summary.getByTestId('simulation-success-count').getByText('5 次中成功 0 次'));
    const counted = summary.locator('[data-testid="simulation-outcome-counts"] li');
    await countOf(counted).toBe(1);
    expect(await counted.first().getAttribute('data-outcome')).toBe('CASHIER_ERROR_PAGE');
    await visible(counted.first().getByText('收银台显示错误页'));
    expect(await counted.first().getByTestId('simulation-outcome-count').innerText()).toBe('× 5');
    // The cashier never got ready: no time to show, and it says why.
    expect(await summary.getByTestId('simulation-p50').innerText()).toBe('—');
    expect(await summary.getByTestId('simulation-p95').innerText()).toBe('—');
    await visible(summary.getByText('一次都没有等到收银台可以付款，所以算不出用时。'));

    // The last run in full by default; the first one on a click, with its own screenshot.
    const busy = outcomeCard(page, 'CASHIER_ERROR_PAGE');
    await visible(busy.getByText('第 5 次的结果'));
    await expectExplained(busy, 'CASHIER_ERROR_PAGE', 'zh-CN');
    // Later runs of the same outcome keep no picture of their own: the first run's is shown, and said so.
    const failureShot = page.getByTestId('simulation-screenshots').locator('[data-moment="failure"]');
    await visible(failureShot.getByText('这张截图来自第 1 次，结果相同。'));
    await summary.getByRole('button', { name: '第 1 次：收银台显示错误页' }).click();
    await visible(busy.getByText('第 1 次的结果'));
    await countOf(failureShot.getByText('这张截图来自第 1 次，结果相同。')).toBe(0);
    await expectPicture(failureShot, '截图：出错的页面（出问题时买家看到的样子）');
    // The cashier's own error code, for support: in the result card's 给客服看, folded.
    await countOf(page.getByTestId('simulation-cashier-error-code')).toBe(0);
    await busy.getByTestId('simulation-support-details').getByText('给客服看').click();
    await visible(page.getByTestId('simulation-cashier-error-code').getByText('SYSTEM_BUSY'));
    await session.screenshot('simulation-series', { whole: true });

    // The engine's explanation and the screen's words follow the language.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Simulated payment', level: 1 }));
    await visible(busy.getByTestId('simulation-outcome-title').getByText('The cashier shows an error page'));
    await expectExplained(busy, 'CASHIER_ERROR_PAGE', 'en-US');
    await visible(busy.getByTestId('simulation-side').getByText("The platform's side"));
    await visible(summary.getByText('Success rate'));
    await visible(summary.getByTestId('simulation-success-count').getByText('0 of 5 runs succeeded'));
    await visible(page.getByRole('button', { name: 'Retry' }));
    await session.screenshot('simulation-series-en-US', { whole: true });
    await expectAccessible(page, 'simulation series (en-US)');
  });

  test('no browser to run it: the reason in plain words instead of a result', async () => {
    // The core looks for its browser on the first run; a broken explicit path is where that search stops.
    const saved = process.env[BROWSER_ENV_VAR];
    process.env[BROWSER_ENV_VAR] = '/nonexistent/chrome';
    try {
      // The core's own engine (not the file's shared browser), which looks for its browser on the first run.
      const session = await suite.open({ core: { browserEngine: lazyBrowserEngine() } });
      await session.open('#/simulation');
      const { page } = session;
      await page.getByRole('button', { name: '开始模拟' }).click();
      const unavailable = page.getByTestId('simulation-unavailable');
      await visible(unavailable, RUN_TIMEOUT);
      const last = await session.invoke('simulation.last', undefined);
      if (last?.kind !== 'simulation-unavailable') throw new Error('expected an unavailable simulation');
      await visible(unavailable.getByText('这台电脑上没法模拟支付'));
      expect(await unavailable.getByTestId('simulation-unavailable-reason').innerText()).toBe(
        last.reason['zh-CN'],
      );
      await visible(unavailable.getByText('“支付检查”和“网络测速”不受影响', { exact: false }));
      await countOf(page.getByTestId('simulation-outcome')).toBe(0);
      await session.screenshot('simulation-unavailable', { whole: true });
    } finally {
      if (saved === undefined) delete process.env[BROWSER_ENV_VAR];
      else process.env[BROWSER_ENV_VAR] = saved;
    }
  });

  test('a series can be stopped; the last one comes back after a reload', async () => {
    const session = await suite.open();
    await session.open('#/simulation');
    const { page } = session;
    await page.getByTestId('simulation-runs').getByText('20 次', { exact: true }).click();
    await page.getByRole('button', { name: '开始模拟' }).click();
    await visible(
      page.getByTestId('simulation-progress').getByText(/^已完成 [1-9]\d* \/ 20 次/),
      RUN_TIMEOUT,
    );
    await page.getByRole('button', { name: '停止模拟' }).click();
    await visible(page.getByTestId('simulation-cancelled'), RUN_TIMEOUT);
    expect(session.calls).toContain('simulation.cancel');
    const stopped = await lastSeries(() => session.invoke('simulation.last', undefined));
    expect(stopped.cancelled).toBe(true);
    expect(stopped.runs.length).toBeGreaterThan(0);
    expect(stopped.runs.length).toBeLessThan(20);
    await visible(
      page
        .getByTestId('simulation-series')
        .getByText(`中途停止：计划 20 次，完成了 ${stopped.runs.length} 次。`),
    );

    await page.reload();
    await visible(page.getByTestId('simulation-cancelled'));
    await visible(outcomeCard(page, 'REDIRECT_OK'));
    await visible(page.getByRole('button', { name: '再模拟一次' }));
    expect(session.calls.filter((channel) => channel === 'simulation.run')).toHaveLength(1);
  });
});
