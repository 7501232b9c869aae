import { describe, expect, test } from 'vitest';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import type { Scenario } from '../../shared/sandbox/scenarios';
import { chromiumMissingReason } from './harness';
import { useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/**
 * One journey per symptom a merchant reports, the way they would take it: Home → 开始诊断 → the verdict
 * and its advice → 问题报告 with what the buyer saw → preview → 提交给平台客服 → the outbox shows it
 * delivered with its ticket number.
 *
 * A gateway that never answers makes the diagnosis wait out its timeouts (about 30 s), so every journey
 * gets minutes rather than the suite's default.
 */
const RUN_TIMEOUT = 120_000;
const DELIVERY_TIMEOUT = 60_000;
const JOURNEY_TIMEOUT = 240_000;

interface Journey {
  /** test-results/e2e/journey-<name>-*.png */
  name: string;
  symptom: string;
  scenario: Scenario;
  outcome: OutcomeCode;
  /** The symptom form's choice, and the category the report carries. */
  category: { label: string; code: string };
  description: string;
}

const JOURNEYS: readonly Journey[] = [
  {
    name: 'page-never-loads',
    symptom: 'the payment page never loads',
    scenario: 'gateway-timeout',
    outcome: 'GATEWAY_TIMEOUT',
    category: { label: '页面打不开', code: 'PAGE_NOT_LOADING' },
    description: '买家选白条付款后，支付页面一直在转圈，怎么也打不开。',
  },
  {
    name: 'payment-failed',
    symptom: '支付失败，请稍后再试',
    scenario: 'risk-rejected',
    outcome: 'RISK_REJECTED',
    category: { label: '显示「支付失败，请稍后再试」', code: 'PAYMENT_FAILED_MESSAGE' },
    description: '好几个买家说选白条后提示“支付失败，请稍后再试”，换别的付款方式就可以。',
  },
  {
    name: 'garbled-page',
    symptom: 'a blank or garbled page',
    scenario: 'garbled-cashier',
    outcome: 'GARBLED_PAGE',
    category: { label: '页面空白或乱码', code: 'BLANK_OR_GARBLED_PAGE' },
    description: '买家说白条的付款页面全是看不懂的乱码。',
  },
];

describe.skipIf(chromiumMissingReason !== null)('symptom journeys: diagnose, read, report (Chromium)', () => {
  const suite = useAppSuite();

  for (const journey of JOURNEYS) {
    test(
      `${journey.symptom}: ${journey.outcome} and its advice on screen, report filed, ticket number shown`,
      async () => {
        const session = await suite.open();
        await session.invoke('demo.setScenario', { scenario: journey.scenario });
        await session.open();
        const { page } = session;
        const menu = page.getByRole('navigation', { name: '主菜单' });

        // Home → 开始诊断 → the verdict.
        await page.getByRole('button', { name: '开始诊断' }).click();
        const verdict = page.getByTestId('verdict-card');
        await visible(verdict, RUN_TIMEOUT);
        const diagnosis = await session.invoke('diagnosis.last', undefined);
        if (!diagnosis) throw new Error('diagnosis.last has nothing after Home ran a diagnosis');
        expect(diagnosis.outcome).toBe(journey.outcome);
        // What the screen says is the core's verdict: its outcome code, headline and first advice.
        expect(await verdict.getAttribute('data-outcome')).toBe(diagnosis.outcome);
        expect(await verdict.getAttribute('data-status')).toBe(diagnosis.verdict.status);
        await visible(verdict.getByTestId('verdict-outcome').locator(`[data-outcome="${journey.outcome}"]`));
        await visible(verdict.getByTestId('verdict-headline').getByText(diagnosis.verdict.headline['zh-CN']));
        await visible(
          verdict.getByTestId('verdict-first-action').getByText(diagnosis.verdict.firstAction['zh-CN']),
        );
        await session.screenshot(`journey-${journey.name}-verdict`, { whole: true });

        // 问题报告: based on that diagnosis; what the buyer saw, in the merchant's words.
        await menu.getByRole('menuitem', { name: '问题报告' }).click();
        await visible(page.getByRole('heading', { name: '问题报告', level: 1 }));
        await visible(
          page.getByTestId('report-based-on').getByText(diagnosis.verdict.headline['zh-CN'], { exact: true }),
        );
        await page.getByRole('radio', { name: journey.category.label, exact: true }).check();
        await page.getByTestId('symptom-description').fill(journey.description);
        await page.getByRole('button', { name: '预览将发送的内容' }).click();
        const preview = page.getByTestId('report-preview');
        await visible(preview);
        const fragment =
          (await page
            .locator('[data-testid="preview-section"][data-section="report"]')
            .getByTestId('report-fragment')
            .textContent()) ?? '';
        expect(fragment).toContain(`"category": "${journey.category.code}"`);
        expect(fragment).toContain(journey.description);
        const reportId = await preview.getAttribute('data-report-id');
        expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
        await session.screenshot(`journey-${journey.name}-preview`, { whole: true });

        // 提交给平台客服 → 发送记录: delivered, with the ticket number the platform gave.
        const submit = page.getByRole('button', { name: '提交给平台客服' });
        await expect.poll(() => submit.isEnabled()).toBe(true);
        await submit.click();
        await visible(page.getByRole('heading', { name: '发送记录', level: 1 }));
        const item = page.locator(`[data-testid="outbox-item"][data-report-id="${reportId}"]`);
        await visible(item.getByTestId('outbox-state').getByText('已送达'), DELIVERY_TIMEOUT);
        const ticketShown = item.getByTestId('outbox-ticket-id');
        await visible(ticketShown);
        const ticket = (await ticketShown.textContent()) ?? '';
        expect(ticket).toMatch(/^TK\d+/);
        const queued = (await session.invoke('outbox.list', undefined)).find(
          (entry) => entry.reportId === reportId,
        );
        expect(queued?.state).toBe('delivered');
        expect(queued?.ticketId).toBe(ticket);
        await session.screenshot(`journey-${journey.name}-ticket`, { whole: true });
      },
      JOURNEY_TIMEOUT,
    );
  }
});
