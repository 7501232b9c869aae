import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type { Scenario } from '../../shared/sandbox/scenarios';
import { chromiumMissingReason, type AppSession } from './harness';
import { expectAccessible, expectAccessibleInEnglish, switchLanguage } from './accessibility';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/**
 * A whole diagnosis against the sandbox takes seconds; one whose gateway never answers waits out every
 * timeout along the way (about a minute), so those tests get more time than the suite's default.
 */
const RUN_TIMEOUT = 120_000;
const SLOW_TEST = 180_000;

/** The step names the progress view may show while a diagnosis runs (not "getting ready" or "done"). */
const NAMED_STEPS = ['正在模拟买家付款…', '正在测网速…', '正在逐项检查…'];

/**
 * Records, in the page, every step the progress view names, however briefly: on loopback a step can
 * start and end between two polls of a locator.
 */
async function recordSteps(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      __stepsSeen: string[];
      document: {
        body: unknown;
        querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
      };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
    };
    scope.__stepsSeen = [];
    new scope.MutationObserver(() => {
      for (const element of Array.from(scope.document.querySelectorAll('[data-testid="diagnosis-step"]'))) {
        const text = element.textContent ?? '';
        if (!scope.__stepsSeen.includes(text)) scope.__stepsSeen.push(text);
      }
    }).observe(scope.document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (globalThis as unknown as { __stepsSeen: string[] }).__stepsSeen);
}

/** getComputedStyle in the page (tsconfig.node.json has no DOM types). */
type ComputedStyleOf = {
  getComputedStyle(element: unknown, pseudoElement?: string): { animationName: string };
};

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === element.ownerDocument.activeElement);

/** Presses Tab until `target` has focus (keyboard only), failing if it never gets there. */
async function tabTo(page: Page, target: Locator, presses = 25): Promise<void> {
  for (let n = 0; n < presses; n += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await isFocused(target)).toBe(true);
}

async function lastDiagnosis(session: AppSession): Promise<Diagnosis> {
  const diagnosis = await session.invoke('diagnosis.last', undefined);
  if (!diagnosis) throw new Error('diagnosis.last has nothing after Home ran a diagnosis');
  return diagnosis;
}

/** Home → 开始诊断 (in `scenario`), until the verdict shows; returns the verdict card. */
async function diagnoseOnHome(session: AppSession, scenario: Scenario): Promise<Locator> {
  if (scenario !== 'healthy') await session.invoke('demo.setScenario', { scenario });
  await session.open();
  const { page } = session;
  await visible(page.getByRole('heading', { name: '白条支付诊断', level: 2 }));
  await page.getByRole('button', { name: '开始诊断' }).click();
  const verdict = page.getByTestId('verdict-card');
  await visible(verdict, RUN_TIMEOUT);
  return verdict;
}

describe.skipIf(chromiumMissingReason !== null)(
  'diagnosis: Home, verdict and explanations (Chromium)',
  () => {
    const suite = useAppSuite();

    test('first start in demo mode: 开始诊断 → a named step → the verdict and the first thing to do', async () => {
      const session = await suite.open();
      await session.open();
      const { page } = session;
      // Home: the shop in use and one large button, before anything ran.
      const card = page.getByTestId('diagnosis-card');
      const { activeStore } = await session.invoke('workspace.get', undefined);
      await visible(
        card.getByTestId('diagnosis-store').getByText(activeStore?.storeName ?? '(none)', { exact: true }),
      );
      const start = card.getByRole('button', { name: '开始诊断' });
      await visible(start);
      await countOf(page.getByTestId('verdict-card')).toBe(0);
      await session.screenshot('diagnosis-home-before');
      await expectAccessible(page, 'home before a diagnosis');

      const stepsSeen = await recordSteps(page);
      // Keyboard only: Enter on 开始诊断; the verdict takes focus when it comes.
      await start.focus();
      await page.keyboard.press('Enter');
      const verdict = page.getByTestId('verdict-card');
      await visible(verdict, RUN_TIMEOUT);
      // The progress named a step in plain words while it ran, and is gone now.
      const steps = await stepsSeen();
      expect(steps.some((step) => NAMED_STEPS.includes(step))).toBe(true);
      await countOf(page.getByTestId('diagnosis-progress')).toBe(0);

      // The healthy sandbox pays fine and is green: in sandbox, loopback addresses pass with a note.
      // Only net.latency may warn, when this loaded machine truly measured slow.
      const diagnosis = await lastDiagnosis(session);
      expect(diagnosis.outcome).toBe('REDIRECT_OK');
      expect(['ok', 'warning']).toContain(diagnosis.verdict.status);
      if (diagnosis.verdict.status === 'warning') {
        expect(diagnosis.verdict.cause).toEqual({ kind: 'check', id: 'net.latency' });
      }
      expect(await verdict.getAttribute('data-outcome')).toBe('REDIRECT_OK');
      expect(await verdict.getAttribute('data-status')).toBe(diagnosis.verdict.status);
      await visible(
        verdict
          .locator('.verdict-status')
          .getByText(diagnosis.verdict.status === 'ok' ? '白条支付正常' : '能用，但有需要注意的地方'),
      );
      await visible(verdict.getByTestId('verdict-headline').getByText(diagnosis.verdict.headline['zh-CN']));
      const firstAction = verdict.getByTestId('verdict-first-action');
      await visible(firstAction.getByText('先做这一步'));
      await visible(firstAction.getByText(diagnosis.verdict.firstAction['zh-CN']));
      const outcome = verdict.getByTestId('verdict-outcome');
      await visible(outcome.getByText('付款流程正常'));
      // The code is for support staff, in the card's one disclosure; the side note is the table's.
      await countOf(outcome.getByText('REDIRECT_OK')).toBe(0);
      await visible(verdict.getByTestId('verdict-side').getByTestId('side-badge'));
      await visible(verdict.getByTestId('side-note').getByText(diagnosis.verdict.sideNote['zh-CN']));
      // Focus went to the verdict, so a screen reader reads it next: the verdict itself, not only 「诊断结论」.
      expect(await isFocused(page.locator('#verdict-heading'))).toBe(true);
      expect(await page.locator('#verdict-heading').textContent()).toContain(
        diagnosis.verdict.headline['zh-CN'],
      );
      await expectAccessible(page, 'home after a healthy diagnosis');
      await visible(verdict.getByTestId('verdict-time').getByText(/^诊断时间：.+，用时 .+$/));
      await session.screenshot('diagnosis-healthy', { whole: true });

      // Shown again on return: a reload asks main for diagnosis.last and runs nothing.
      const runs = session.calls.filter((channel) => channel === 'diagnosis.run').length;
      await page.reload();
      await visible(page.getByTestId('verdict-card').getByText(diagnosis.verdict.firstAction['zh-CN']));
      await visible(page.getByRole('button', { name: '重新诊断' }));
      expect(session.calls).toContain('diagnosis.last');

      // The details: the Checklist screen shows this diagnosis' checks without running its own.
      await page.getByTestId('verdict-card').getByRole('button', { name: '逐项检查结果' }).click();
      await visible(page.getByRole('heading', { name: '支付检查', level: 1 }));
      await visible(page.getByTestId('checklist-verdict'));
      // Passing rows are folded per section: what shows is what did not pass; unfolded, every check.
      const notPassed = diagnosis.checklist.results.filter((r) => r.status !== 'pass').length;
      await countOf(page.getByTestId('check-row')).toBe(notPassed);
      const folded = page.locator('[data-testid="check-passed-toggle"][aria-expanded="false"]');
      while ((await folded.count()) > 0) await folded.first().click();
      await countOf(page.getByTestId('check-row')).toBe(diagnosis.checklist.results.length);
      expect(session.calls).not.toContain('checklist.run');
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '首页' }).click();
      await visible(page.getByTestId('verdict-card'));
      expect(session.calls.filter((channel) => channel === 'diagnosis.run')).toHaveLength(runs);

      // Everything follows the UI language, the engine's sentences too.
      await page.getByRole('combobox', { name: '界面语言' }).click();
      await page.locator('.ant-select-item-option[title="English"]').click();
      const english = page.getByTestId('verdict-card');
      await visible(english.getByRole('heading', { name: 'Verdict' }));
      await visible(english.getByText(diagnosis.verdict.firstAction['en-US']));
      await visible(english.getByText('The payment flow works'));
      await visible(page.getByRole('button', { name: 'Diagnose again' }));
      await visible(english.getByTestId('verdict-time').getByText(/^Diagnosed .+, took .+$/));
      await session.screenshot('diagnosis-healthy-en-US', { whole: true });
      await expectAccessible(page, 'home after a healthy diagnosis (en-US)');
    });

    test(
      'the page never loads (gateway timeout): progress, the verdict names it and whose side, and its page opens',
      async () => {
        const session = await suite.open();
        await session.invoke('demo.setScenario', { scenario: 'gateway-timeout' });
        await session.open();
        const { page } = session;
        await page.getByRole('button', { name: '开始诊断' }).click();
        // One progress view: the step in plain words, the three steps with words, a cancel button.
        const progress = page.getByTestId('diagnosis-progress');
        await visible(
          progress.getByTestId('diagnosis-step').getByText(/^正在(模拟买家付款|测网速|逐项检查)…$/),
        );
        await visible(progress.getByRole('list', { name: '诊断的三个步骤' }));
        await visible(progress.getByText(/^模拟买家付款：(等待中|进行中|已完成)$/));
        await visible(page.getByRole('button', { name: '取消诊断' }));
        await session.screenshot('diagnosis-running');
        // Animations: the progress bar shimmers and the button's icon spins, unless the system asks for
        // less motion (the journeys run so); then both stand still and the bar still shows how far it is.
        const animationOf = (locator: Locator, pseudo?: string) =>
          locator.evaluate(
            (element, pseudoElement) =>
              (globalThis as unknown as ComputedStyleOf).getComputedStyle(element, pseudoElement)
                .animationName,
            pseudo,
          );
        const shimmer = () => animationOf(progress.locator('.ant-progress-track').first(), '::after');
        const spinner = () => animationOf(page.locator('.anticon-spin').first());
        expect(await shimmer()).toBe('none');
        expect(await spinner()).toBe('none');
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        expect(await shimmer()).not.toBe('none');
        expect(await spinner()).not.toBe('none');
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await expectAccessible(page, 'home while a diagnosis runs');
        // The gateway keeps the run going for about a minute: time to look at it in English too.
        await expectAccessibleInEnglish(page, 'home while a diagnosis runs');

        const verdict = page.getByTestId('verdict-card');
        await visible(verdict, RUN_TIMEOUT);
        const diagnosis = await lastDiagnosis(session);
        expect(diagnosis.outcome).toBe('GATEWAY_TIMEOUT');
        expect(await verdict.getAttribute('data-outcome')).toBe('GATEWAY_TIMEOUT');
        await visible(verdict.locator('.verdict-status').getByText('发现问题'));
        await visible(verdict.getByTestId('verdict-outcome').getByText('平台接口没有回应'));
        await visible(verdict.getByTestId('verdict-outcome').locator('[data-outcome="GATEWAY_TIMEOUT"]'));
        await visible(verdict.getByTestId('verdict-outcome').getByText('买家会看到：支付页面一直打不开'));
        await visible(
          verdict.getByTestId('verdict-headline').getByText('平台的支付接口没有在规定时间内回答。'),
        );
        const side = verdict.getByTestId('verdict-side');
        expect(await side.getByTestId('side-badge').getAttribute('data-side')).toBe('platform');
        await visible(side.getByText('平台那边'));
        await visible(
          verdict.getByTestId('verdict-first-action').getByText(diagnosis.verdict.firstAction['zh-CN']),
        );
        await session.screenshot('diagnosis-gateway-timeout', { whole: true });
        await expectAccessible(page, 'home after a failed diagnosis');

        // Keyboard only: from the verdict (which has focus) to "这是什么意思？" and Enter.
        const explain = verdict.getByRole('button', { name: '这是什么意思？' });
        await tabTo(page, explain);
        await page.keyboard.press('Enter');
        const explainHeading = page.getByRole('heading', { name: '平台接口没有回应', level: 1 });
        await visible(explainHeading);
        // The new page announces itself: its heading has focus, the window title names the screen.
        await expect.poll(() => isFocused(explainHeading)).toBe(true);
        expect(await page.title()).toBe('问题说明 - 白条支付诊断助手');
        const explanation = page.getByTestId('explain-page');
        expect(await explanation.getAttribute('data-outcome')).toBe('GATEWAY_TIMEOUT');
        await visible(page.getByTestId('explain-code').getByText('GATEWAY_TIMEOUT'));
        await visible(explanation.getByRole('heading', { name: '买家看到了什么' }));
        await visible(explanation.getByTestId('explain-buyer-saw').getByText('支付页面一直打不开'));
        await visible(explanation.getByRole('heading', { name: '这是什么意思' }));
        await visible(explanation.getByRole('heading', { name: '现在该怎么做' }));
        await visible(explanation.getByTestId('explain-side').getByText('平台那边'));
        await visible(
          explanation.getByTestId('explain-contact').getByText('隔几分钟再试仍然超时', { exact: false }),
        );
        // What this diagnosis found behind it: the platform health check.
        await visible(explanation.getByTestId('explain-this-run').getByText('平台运行状态'));
        await session.screenshot('explain-gateway-timeout', { whole: true });
        await expectAccessible(page, 'an outcome explained');

        // Back returns to the verdict.
        await page.goBack();
        await visible(page.getByTestId('verdict-card').getByText('平台接口没有回应'));
        await switchLanguage(page, 'en-US');
        await expectAccessible(page, 'home after a failed diagnosis (en-US)');
      },
      SLOW_TEST,
    );

    test(
      'a diagnosis can be cancelled: no verdict from half a run, and nothing kept in history',
      async () => {
        const session = await suite.open();
        await session.invoke('demo.setScenario', { scenario: 'gateway-timeout' });
        await session.open();
        const { page } = session;
        // Keyboard only: 开始诊断 keeps focus while it works (busy, not disabled), Tab reaches 取消诊断,
        // and when the run ends focus comes back to 开始诊断, never to <body>.
        // Named 开始诊断, then 正在诊断… while it runs: the same button.
        const start = page.locator('.diagnosis-run-button');
        await visible(start.getByText('开始诊断'));
        await start.focus();
        await page.keyboard.press('Enter');
        await visible(page.getByTestId('diagnosis-step'));
        expect(await isFocused(start)).toBe(true);
        const cancel = page.getByRole('button', { name: '取消诊断' });
        await page.keyboard.press('Tab');
        expect(await isFocused(cancel)).toBe(true);
        await page.keyboard.press('Enter');
        await visible(page.getByTestId('diagnosis-cancelled'), RUN_TIMEOUT);
        await expect.poll(() => isFocused(start)).toBe(true);
        await visible(page.getByText('诊断已取消。结果不完整，所以这里不下结论；需要时请重新诊断。'));
        expect(session.calls).toContain('diagnosis.cancel');
        await countOf(page.getByTestId('verdict-card')).toBe(0);
        await visible(page.getByRole('button', { name: '开始诊断' }));
        const { activeStore } = await session.invoke('workspace.get', undefined);
        expect(await session.invoke('history.list', { storeId: activeStore?.id ?? '' })).toHaveLength(0);
        await session.screenshot('diagnosis-cancelled');
      },
      SLOW_TEST,
    );

    test('支付失败，请稍后再试 (risk control): RISK_REJECTED, the platform’s side, and when the cooldown ends', async () => {
      const session = await suite.open();
      const verdict = await diagnoseOnHome(session, 'risk-rejected');
      const { page } = session;
      const diagnosis = await lastDiagnosis(session);
      expect(diagnosis.outcome).toBe('RISK_REJECTED');
      expect(await verdict.getAttribute('data-outcome')).toBe('RISK_REJECTED');
      await visible(verdict.getByTestId('verdict-outcome').getByText('被平台风控拦截'));
      await visible(verdict.getByTestId('verdict-outcome').locator('[data-outcome="RISK_REJECTED"]'));
      await visible(verdict.getByTestId('verdict-outcome').getByText('买家会看到：「支付失败，请稍后再试」'));
      expect(await verdict.getByTestId('side-badge').getAttribute('data-side')).toBe('platform');
      await visible(verdict.getByTestId('verdict-side').getByText('平台那边'));
      // Not a configuration fault: wait for the cooldown (its end shown in local time), other payment meanwhile.
      const firstAction = verdict.getByTestId('verdict-first-action');
      // The side note says it is not a configuration fault; the first action says what to do instead.
      await visible(verdict.getByTestId('verdict-side').getByText('这不是配置问题', { exact: false }));
      await visible(firstAction.getByText('其间请让买家使用其他支付方式', { exact: false }));
      const cooldown = firstAction.getByTestId('risk-cooldown');
      await visible(cooldown.getByText(/^平台风控的限制预计在 .+（.+后）结束。$/));
      await session.screenshot('diagnosis-risk-rejected', { whole: true });

      await verdict.getByRole('button', { name: '这是什么意思？' }).click();
      await visible(page.getByRole('heading', { name: '被平台风控拦截', level: 1 }));
      const explanation = page.getByTestId('explain-page');
      await visible(explanation.getByTestId('explain-buyer-saw').getByText('「支付失败，请稍后再试」'));
      const whatToDo = explanation.getByTestId('explain-what-to-do');
      await visible(whatToDo.getByText('这不是配置问题，改配置没有用。', { exact: false }));
      await visible(whatToDo.getByTestId('risk-cooldown'));
      await visible(explanation.getByTestId('explain-side').getByText('平台那边'));
      await visible(
        explanation.getByTestId('explain-contact').getByText('联系平台客服申诉', { exact: false }),
      );
      await session.screenshot('explain-risk-rejected', { whole: true });

      // In English the cooldown reads as English dates and words.
      await page.getByRole('combobox', { name: '界面语言' }).click();
      await page.locator('.ant-select-item-option[title="English"]').click();
      await visible(page.getByRole('heading', { name: 'Stopped by the platform’s risk control', level: 1 }));
      await visible(
        page
          .getByTestId('risk-cooldown')
          .getByText(/^The platform’s risk-control restriction should end at .+ \(in .+\)\.$/),
      );
      await session.screenshot('explain-risk-rejected-en-US', { whole: true });
      await expectAccessible(page, 'an outcome explained (en-US)');
    });

    test('a blank or garbled page (blank cashier): BLANK_PAGE, and the failing checks have pages too', async () => {
      const session = await suite.open();
      const verdict = await diagnoseOnHome(session, 'blank-cashier');
      const { page } = session;
      const diagnosis = await lastDiagnosis(session);
      expect(diagnosis.outcome).toBe('BLANK_PAGE');
      expect(await verdict.getAttribute('data-outcome')).toBe('BLANK_PAGE');
      await visible(verdict.getByTestId('verdict-outcome').getByText('收银台白屏'));
      await visible(verdict.getByTestId('verdict-outcome').getByText('买家会看到：一片空白的页面'));
      await visible(verdict.getByTestId('verdict-side').getByText('平台那边'));
      await visible(
        verdict.getByTestId('verdict-first-action').getByText(diagnosis.verdict.firstAction['zh-CN']),
      );
      await session.screenshot('diagnosis-blank-cashier', { whole: true });

      // A failing check's own page, from its row on the Checklist screen.
      await verdict.getByRole('button', { name: '逐项检查结果' }).click();
      const row = page.locator('[data-testid="check-row"][data-check-id="page.visible-content"]');
      await visible(row);
      expect(await row.getAttribute('data-status')).toBe('fail');
      await row.getByRole('button', { name: '这是什么意思？页面有内容' }).click();
      await visible(page.getByRole('heading', { name: '页面有内容', level: 1 }));
      const explanation = page.getByTestId('explain-page');
      expect(await explanation.getAttribute('data-check-id')).toBe('page.visible-content');
      const result = diagnosis.checklist.results.find((r) => r.id === 'page.visible-content');
      await visible(explanation.getByTestId('explain-found').getByText(result?.summary['zh-CN'] ?? '(none)'));
      await visible(
        explanation.getByTestId('explain-buyer-impact').getByText('收银台可能白屏', { exact: false }),
      );
      await visible(explanation.getByRole('heading', { name: '现在该怎么做' }));
      await visible(
        explanation.getByTestId('explain-contact').getByText('收银台是平台的页面', { exact: false }),
      );
      await session.screenshot('explain-check-visible-content', { whole: true });

      // All explanations: every outcome code, and the checks this diagnosis found wanting.
      await page.getByRole('button', { name: '全部问题说明' }).click();
      await visible(page.getByRole('heading', { name: '问题说明', level: 1 }));
      const outcomes = page.getByTestId('explain-index-outcomes');
      await countOf(outcomes.locator('li[data-outcome]')).toBe(20);
      await visible(page.getByTestId('explain-index-checks').getByRole('button', { name: '页面有内容' }));
      await session.screenshot('explain-index', { whole: true });
      await outcomes.getByRole('button', { name: '收银台显示乱码' }).click();
      await visible(page.getByRole('heading', { name: '收银台显示乱码', level: 1 }));
      await visible(page.getByTestId('explain-buyer-saw').getByText('满屏乱码的页面'));
      await session.screenshot('explain-garbled-page', { whole: true });
    });
  },
);
