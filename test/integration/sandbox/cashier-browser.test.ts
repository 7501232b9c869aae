import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { SIMULATION_BROWSER_ARGS } from '../../../main/simulation/playwright-launcher';
import { prepay, request } from './https-helpers';

/**
 * The cashier page's script, run for real in Chromium: the static checks in cashier.test.ts read the page,
 * these make sure it actually reaches (or never reaches) its states. Chromium's requests are answered
 * through the tests' own verifying HTTPS client (sandbox CA trusted, checks on), so the browser never
 * needs a certificate exception. Chromium re-fetches a fulfilled redirect over the network (and would then
 * meet the untrusted sandbox CA), so these open the final cashier page directly; the redirect hops are
 * checked hop by hop in cashier.test.ts.
 */
const CHROMIUM_PATH = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM_PATH)
  ? null
  : `no Chromium at ${CHROMIUM_PATH}; cashier browser checks skipped`;
if (missing) console.warn(missing);

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  if (missing) return;
  [sandbox, browser] = await Promise.all([
    startSandbox(),
    // The simulation's flags: no spare renderers or address-bar popups for each test's context.
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', ...SIMULATION_BROWSER_ARGS],
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(() => sandbox?.setScenario('healthy'));

/** A diagnostic session's final cashier page URL (the end of the §4 chain). */
async function cashierPage(outTradeNo: string): Promise<string> {
  const url = new URL(await prepay(sandbox, outTradeNo));
  return `${url.origin}/baitiao/cashier${url.search}`;
}

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.route(/^https:\/\/127\.0\.0\.1:\d+\//, async (route) => {
    const answer = await request(sandbox, route.request().url(), { method: route.request().method() });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    await route.fulfill({ status: answer.status, headers, body: answer.body });
  });
  return page;
}

// Page-side expressions as strings: this file is type-checked without the DOM library.
const STATE = 'document.documentElement.dataset.cashierState ?? null';
const IS_READY = "document.documentElement.dataset.cashierState === 'ready'";
const IS_ERROR = "document.documentElement.dataset.cashierState === 'error'";
const state = (page: Page) => page.evaluate(STATE);

describe.skipIf(missing !== null)('cashier page in Chromium', () => {
  it('healthy: ready within the budget, plans listed, the return link leads back to the store', async () => {
    const page = await openPage();
    const cashierUrl = await cashierPage('BROWSER-1');
    await page.goto(cashierUrl);
    await page.waitForFunction(IS_READY, undefined, {
      timeout: sandbox.profile.cashierReadyBudgetMs,
    });
    expect(await page.locator('[data-cashier="baitiao"]').isVisible()).toBe(true);
    expect(await page.locator('[data-plan]').count()).toBe(4);
    expect(await page.locator('[data-cashier="baitiao"]').innerText()).toContain('京东白条');
    await page.click('[data-cashier-return]');
    await page.waitForURL(/\/pay\/return\?/);
    const back = new URL(page.url());
    expect(Object.fromEntries(back.searchParams)).toEqual({ out_trade_no: 'BROWSER-1', diagnostic: '1' });
    expect(await page.locator('[data-out-trade-no]').innerText()).toBe('BROWSER-1');
    await page.close();
  });

  it('cashier-busy: error state with SYSTEM_BUSY and the failure message', async () => {
    const page = await openPage();
    const cashierUrl = await cashierPage('BROWSER-2');
    sandbox.setScenario('cashier-busy');
    await page.goto(cashierUrl);
    await page.waitForFunction(IS_ERROR);
    expect(await page.evaluate('document.documentElement.dataset.errorCode')).toBe('SYSTEM_BUSY');
    expect(await page.locator('body').innerText()).toContain('支付失败，请稍后再试');
    await page.close();
  });

  it('blank-cashier: loaded, nothing visible, never ready', async () => {
    const page = await openPage();
    const cashierUrl = await cashierPage('BROWSER-3');
    sandbox.setScenario('blank-cashier');
    await page.goto(cashierUrl, { waitUntil: 'load' });
    await page.waitForFunction("document.getElementById('app').childElementCount === 0");
    expect((await page.locator('body').innerText()).trim()).toBe('');
    expect(await state(page)).toBe('loading');
    await page.close();
  });

  it('garbled-cashier: ready, but the buyer reads replacement characters', async () => {
    const page = await openPage();
    const cashierUrl = await cashierPage('BROWSER-4');
    sandbox.setScenario('garbled-cashier');
    await page.goto(cashierUrl);
    await page.waitForFunction(IS_READY);
    const text = await page.locator('body').innerText();
    expect(text).toContain('\uFFFD');
    expect(text).not.toContain('京东白条');
    await page.close();
  });

  it('cashier-slow: still showing its loading line when the budget ends', async () => {
    const page = await openPage();
    const cashierUrl = await cashierPage('BROWSER-5');
    sandbox.setScenario('cashier-slow');
    await page.goto(cashierUrl);
    // Read in the page by its own timer, due when the budget ends (counted from the page's start): the
    // page's render timer is due later on the same event loop, so it cannot overtake the reading however
    // slowly a loaded machine runs either timer (a reading from the test side once came too late).
    const budget = sandbox.profile.cashierReadyBudgetMs;
    const atBudget = await page.evaluate(`new Promise((resolve) => setTimeout(() => resolve({
      state: document.documentElement.dataset.cashierState,
      loading: document.querySelector('.loading') !== null,
    }), Math.max(0, ${budget} - performance.now())))`);
    expect(atBudget).toEqual({ state: 'loading', loading: true });
    await page.close();
  });
});
