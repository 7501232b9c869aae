import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now, for the browser journeys: each journey calls
 * expectAccessible at the screen states it already reaches, so the check adds no journey of its own.
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

/**
 * Fails with axe's findings when the page, at the state named by `label`, has a serious or critical
 * one, or an icon that names itself in English.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(describeViolations(violations), `axe at ${label}`).toEqual([]);
  expect(await iconsNamedInEnglish(page), `icons named in English at ${label}`).toEqual([]);
}
