import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now, for the browser journeys: each journey calls
 * expectAccessible at the screen states it already reaches, so the check adds no journey of its own.
 */

/*
 * Where each of issue 20's 22 screen states is checked, in each language (file: the label passed to
 * expectAccessible; "screens" is screens-a11y.test.ts, which walks every menu entry in both languages).
 *
 * | #  | state                                  | zh-CN                                   | en-US                                          |
 * |----|----------------------------------------|-----------------------------------------|------------------------------------------------|
 * | 1  | 首页 before a diagnosis                 | diagnosis: home before a diagnosis      | home: home (en-US); screens                    |
 * | 2  | 首页 while a diagnosis runs             | diagnosis: home while a diagnosis runs  | diagnosis: the same, expectAccessibleInEnglish |
 * | 3  | 首页 after a healthy diagnosis          | diagnosis: home after a healthy …       | diagnosis: … (en-US)                           |
 * | 4  | 首页 after a failed diagnosis           | diagnosis: home after a failed …        | diagnosis: … (en-US), after Back               |
 * | 5  | 问题说明, an outcome explained           | diagnosis: an outcome explained         | diagnosis (risk control): … (en-US)            |
 * | 6  | 支付检查 before a run                   | screens                                 | screens                                        |
 * | 7  | 支付检查 after a run with a failure     | checklist: checklist with a failure     | checklist: … (en-US); healthy run (en-US)      |
 * | 8  | 模拟支付 before a run                   | screens                                 | screens                                        |
 * | 9  | 模拟支付 after a run                    | simulation: simulation after a run      | simulation: simulation series (en-US)          |
 * | 10 | 网络测速 before a run                   | screens                                 | screens                                        |
 * | 11 | 网络测速 after a run                    | timings: timings after a run            | timings: timings with a failure (en-US)        |
 * | 12 | 问题报告 before a diagnosis             | screens                                 | screens                                        |
 * | 13 | 问题报告, the form with errors           | report: the report form with errors     | report: the same, expectAccessibleInEnglish    |
 * | 14 | 问题报告, the preview                    | report: the report preview              | report: the same, expectAccessibleInEnglish    |
 * | 15 | 发送记录 with a delivered report        | report: the outbox with a delivered …   | report: the same, expectAccessibleInEnglish    |
 * | 16 | 诊断历史 with two runs                  | history: history with two runs          | history: … (en-US)                             |
 * | 17 | 持续监测                                | screens                                 | screens                                        |
 * | 18 | 店铺设置, the store form with errors     | store-form: … (zh-CN)                   | store-form: … (en-US)                          |
 * | 19 | 店铺设置, the delete-store dialog        | stores: the delete-store dialog         | stores: … (en-US)                              |
 * | 20 | 密钥工具                                | screens                                 | screens                                        |
 * | 21 | 设置                                    | screens                                 | screens                                        |
 * | 22 | 打开诊断包 with a bundle open           | support: network tab, simulation tab    | support: a bundle open (en-US)                 |
 *
 * The empty 发送记录, 诊断历史 and 打开诊断包 screens are in "screens" too, in both languages.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Rules turned off, each with why. Nothing else is: a rule that fails here is a real problem to fix.
 */
const DISABLED_RULES: Record<string, string> = {};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** Every serious or critical WCAG 2.1 A/AA violation on the page now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Colours are read as they finish: a message fading in is pale for a moment.
  await page.waitForFunction(() =>
    (
      globalThis as unknown as {
        document: {
          getAnimations(): {
            effect: { getComputedTiming(): { endTime: number } } | null;
            playState: string;
          }[];
        };
      }
    ).document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // page.evaluate runs past the page's CSP (script-src 'self'), as a script tag could not.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const rules = Object.fromEntries(Object.keys(DISABLED_RULES).map((id) => [id, { enabled: false }]));
  const violations = await page.evaluate(async (ruleConfig) => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<unknown> } }
    ).axe;
    const result = (await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: ruleConfig,
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, rules);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and its first nodes, so a failure says what to fix where. */
export const describeViolations = (violations: readonly AxeViolation[]): string[] =>
  violations.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`)
        .join(' | ')}`,
  );

/** Icons that still name themselves by their code ("play-circle"): read out as English on any screen. */
export const iconsNamedInEnglish = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    Array.from(
      (
        globalThis as unknown as {
          document: {
            querySelectorAll(s: string): ArrayLike<{
              getAttribute(n: string): string | null;
              classList: { contains(c: string): boolean };
            }>;
          };
        }
      ).document.querySelectorAll('.anticon[aria-label]:not([aria-hidden="true"])'),
    )
      .filter((icon) => icon.classList.contains(`anticon-${icon.getAttribute('aria-label') ?? ''}`))
      .map((icon) => icon.getAttribute('aria-label') ?? ''),
  );

/** True when the keyboard's focus has been dropped to the page body (or nowhere). */
export const focusOnBody = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const { activeElement, body } = (
      globalThis as unknown as { document: { activeElement: unknown; body: unknown } }
    ).document;
    return activeElement === null || activeElement === body;
  });

/** The header's language switch, used as a user would; waits until the page speaks `language`. */
export async function switchLanguage(page: Page, language: 'zh-CN' | 'en-US'): Promise<void> {
  await page.locator('#language-switch').click();
  await page.locator(`.ant-select-item-option[title="${LANGUAGE_NAMES[language]}"]`).click();
  await page.waitForFunction(
    (lang) =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang === lang,
    language,
  );
}

const LANGUAGE_NAMES = { 'zh-CN': '简体中文', 'en-US': 'English' } as const;

/**
 * The same state in English, then back to Chinese for the rest of the journey: English words are longer
 * and wrap differently, and names and labels come from the other locale file.
 */
export async function expectAccessibleInEnglish(page: Page, label: string): Promise<void> {
  await switchLanguage(page, 'en-US');
  await expectAccessible(page, `${label} (en-US)`);
  await switchLanguage(page, 'zh-CN');
}

/**
 * Fails with axe's findings when the page, at the state named by `label`, has a serious or critical
 * one, or an icon that names itself in English.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(describeViolations(violations), `axe at ${label}`).toEqual([]);
  expect(await iconsNamedInEnglish(page), `icons named in English at ${label}`).toEqual([]);
}
