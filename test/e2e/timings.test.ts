import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ProbeRun, ProbeTargetRole } from '../../shared/probe/probe-result';
import { expectAccessible } from './accessibility';
import { chromiumMissingReason } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/** A run of 2 per address against loopback takes about a second; this is for slow CI machines. */
const RUN_TIMEOUT = 60_000;

/** The addresses the demo store probes, in the screen's words. */
const ROLES: Record<Exclude<ProbeTargetRole, 'custom'>, string> = {
  gateway: '支付网关',
  cashier: '收银台',
  support: '客服工单接口',
  notify: '付款结果通知地址',
  return: '付款后返回的地址',
  store: '店铺首页',
};

/** 3.7 毫秒, as the screen writes a duration under a second (zh-CN, one decimal at most). */
const zhMs = (ms: number) =>
  `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(ms)} 毫秒`;

const waterfallRow = (page: Page, role: string) =>
  page.locator(`[data-testid="waterfall-row"][data-role="${role}"][data-hop="0"]`);

/** The cells of the percentile-table row of one phase, by its header cell. */
async function tableRow(card: Locator, phase: string): Promise<string[]> {
  const row = card.getByRole('row').filter({ has: card.page().getByRole('rowheader', { name: phase }) });
  await visible(row);
  return row.getByRole('cell').allInnerTexts();
}

async function lastRun(invoke: () => Promise<ProbeRun | null>): Promise<ProbeRun> {
  const run = await invoke();
  if (!run) throw new Error('probe.last has no run after the screen ran one');
  return run;
}

describe.skipIf(chromiumMissingReason !== null)('timings screen (Chromium)', () => {
  const suite = useAppSuite();

  test('healthy sandbox, then an expired certificate: waterfall, percentiles and the TLS failure explained', async () => {
    const session = await suite.open();
    await session.open('#/timings');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '网络测速', level: 1 }));
    await visible(page.getByText('还没有测过'));
    // The plain-words guide is there before any run.
    const guide = page.getByTestId('phase-guide');
    await visible(guide.getByText('把网址翻译成服务器地址', { exact: false }));
    await visible(guide.getByText('建立加密连接、核对网站的安全证书。'));

    // Two per address, picked on the screen.
    await page.getByTestId('timings-count').getByText('2 次', { exact: true }).click();
    await page.getByRole('button', { name: '开始测速' }).click();
    // Every address opened; on a loaded machine one may be named as slow, which is the next line's business.
    await visible(page.getByTestId('timings-verdict').getByText(/^所有网址都打开了/), RUN_TIMEOUT);
    await countOf(page.getByTestId('timings-progress')).toBe(0);

    const run = await lastRun(() => session.invoke('probe.last', undefined));
    expect(run.settings.count).toBe(2);
    expect(session.calls.filter((channel) => channel === 'probe.run')).toHaveLength(1);

    // One row per address (the demo has no redirects), each with its role in words and phase segments.
    for (const [role, name] of Object.entries(ROLES)) {
      const row = waterfallRow(page, role);
      await visible(row);
      expect(await row.getAttribute('data-outcome')).toBe('ok');
      await visible(row.locator('.waterfall-role').getByText(name, { exact: true }));
      const phases = await row
        .getByTestId('waterfall-segment')
        .evaluateAll((segments) => segments.map((segment) => segment.getAttribute('data-phase')));
      // Loopback https: connect, TLS, send, wait and receive at least (an IP address needs no DNS).
      expect(phases).toEqual(expect.arrayContaining(['connect', 'tls', 'send', 'wait', 'receive']));
      await visible(row.getByTestId('waterfall-total').getByText(/^共 [\d.,]+ (毫秒|秒)$/));
    }
    // The legend names each phase shown.
    const legend = page.getByRole('list', { name: '图例' });
    await visible(legend.getByText('加密握手（TLS）'));
    await visible(legend.getByText('等待服务器'));

    // The exact time of a segment on keyboard focus (and hover): the first request's TLS to the gateway.
    const gatewayFirst = run.results.find((r) => r.target.role === 'gateway' && r.sequence === 0);
    const gatewayTls = gatewayFirst?.hops[0]?.timings.tls;
    if (gatewayTls === undefined || gatewayTls === null) throw new Error('the gateway had no TLS timing');
    const tlsSegment = waterfallRow(page, 'gateway').locator(
      '[data-testid="waterfall-segment"][data-phase="tls"]',
    );
    expect(await tlsSegment.getAttribute('aria-label')).toBe(`加密握手（TLS）：${zhMs(gatewayTls)}`);
    // The whole waterfall is one tab stop; the arrow keys go from segment to segment.
    const segments = page.getByTestId('waterfall').getByTestId('waterfall-segment');
    expect(await page.getByTestId('waterfall').locator('[tabindex="0"]').count()).toBe(1);
    const first = segments.first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    expect(await segments.nth(1).evaluate((s) => s === s.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByTestId('waterfall').locator('[tabindex="0"]').count()).toBe(1);
    await tlsSegment.focus();
    await visible(page.getByRole('tooltip').getByText(`加密握手（TLS）：${zhMs(gatewayTls)}`));
    await session.screenshot('timings-tooltip');
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');

    // Percentiles per address, as main summarised them.
    const stats = page.getByTestId('timings-stats');
    await visible(stats);
    await countOf(stats.getByTestId('host-stats')).toBe(run.summaries.length);
    const gatewaySummary = run.summaries.find((summary) => summary.target.role === 'gateway');
    if (!gatewaySummary) throw new Error('no summary for the gateway');
    const gatewayCard = stats.locator('[data-testid="host-stats"][data-role="gateway"]');
    const connect = gatewaySummary.phases.connect;
    expect(connect.p50).not.toBeNull();
    expect(await tableRow(gatewayCard, '建立连接')).toEqual([
      zhMs(connect.p50 ?? 0),
      zhMs(connect.p95 ?? 0),
      zhMs(connect.max ?? 0),
      '0%',
    ]);
    await visible(gatewayCard.getByText('测了 2 次，失败 0 次'));
    // DNS did not happen (the sandbox is an IP address): named, not shown as a row of dashes.
    await visible(gatewayCard.getByText(/这次没有用到的步骤：.*域名解析（DNS）/));
    await session.screenshot('timings-healthy', { whole: true });
    await expectAccessible(page, 'timings after a run');

    // The sandbox's certificate expires: switched in the banner, as a user would.
    await page.getByRole('combobox', { name: '演示场景' }).click();
    await page.keyboard.type('网站证书已过期');
    await page.keyboard.press('Enter');
    await visible(page.getByText('已切换到演示场景：网站证书已过期'));
    await page.getByRole('button', { name: '重新测速' }).click();
    await visible(
      page.getByTestId('timings-verdict').getByText('有 1 个网址没能打开，原因写在下面。'),
      RUN_TIMEOUT,
    );

    const expired = await lastRun(() => session.invoke('probe.last', undefined));
    const cashierFailure = expired.results.find(
      (r) => r.target.role === 'cashier' && r.sequence === 0,
    )?.failure;
    expect(cashierFailure).toMatchObject({ phase: 'tls', kind: 'tls-expired' });
    const cashier = waterfallRow(page, 'cashier');
    expect(await cashier.getAttribute('data-outcome')).toBe('failed');
    // The failing phase in words (not just red), its segment marked, and the plain explanation.
    await visible(cashier.getByTestId('waterfall-failed').getByText('失败：加密握手（TLS）'));
    expect(
      await cashier
        .locator('[data-testid="waterfall-segment"][data-phase="tls"]')
        .getAttribute('data-failed'),
    ).toBe('true');
    await visible(cashier.getByTestId('waterfall-failure').getByText('卡在「加密握手（TLS）」这一步'));
    await visible(
      cashier
        .getByTestId('waterfall-explanation')
        .getByText(cashierFailure?.explanation['zh-CN'] ?? '(none)', {
          exact: true,
        }),
    );
    expect(cashierFailure?.explanation['zh-CN']).toContain('证书已过期');
    // After the failure nothing was sent: no send, wait or receive segments.
    await countOf(cashier.locator('[data-testid="waterfall-segment"][data-phase="wait"]')).toBe(0);
    // The other addresses still open.
    expect(await waterfallRow(page, 'gateway').getAttribute('data-outcome')).toBe('ok');

    // The cashier's table: TLS failed every time, with the failure explained under it.
    const cashierCard = stats.locator('[data-testid="host-stats"][data-role="cashier"]');
    const tlsCells = await tableRow(cashierCard, '加密握手（TLS）');
    expect(tlsCells.at(-1)).toContain('100%');
    await visible(cashierCard.getByText('测了 2 次，失败 2 次'));
    const failure = cashierCard.locator('[data-testid="host-failure"][data-kind="tls-expired"]');
    await visible(failure.getByText('卡在「加密握手（TLS）」这一步 · 2 次中有 2 次失败'));
    await visible(failure.getByText('CERT_HAS_EXPIRED', { exact: false }));
    await session.screenshot('timings-expired-tls', { whole: true });

    // The engine's words and the screen's follow the language.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Network timings', level: 1 }));
    await visible(cashier.getByTestId('waterfall-failed').getByText('Failed: Secure handshake (TLS)'));
    await visible(
      cashier
        .getByTestId('waterfall-explanation')
        .getByText(cashierFailure?.explanation['en-US'] ?? '(none)', {
          exact: true,
        }),
    );
    await session.screenshot('timings-expired-tls-en-US', { whole: true });
    await expectAccessible(page, 'timings with a failure (en-US)');
  });

  test('a run in progress shows its progress and can be stopped; the last run comes back on reload', async () => {
    const session = await suite.open();
    await session.open('#/timings');
    const { page } = session;
    // A gateway that answers after 2.5 s keeps its 20 probes (one after another) going for 50 s or more, so
    // the stop button is still there however fast the other addresses finish on this machine.
    await session.invoke('demo.setScenario', { scenario: 'slow-gateway' });
    await page.getByTestId('timings-count').getByText('20 次', { exact: true }).click();
    await page.getByRole('button', { name: '开始测速' }).click();
    const progress = page.getByTestId('timings-progress');
    await visible(progress.getByText(/^已完成 \d+ \/ \d+ 次$/), RUN_TIMEOUT);
    await visible(progress.getByText(/^刚测完：.+（第 \d+ 次）$/));
    // Rows appear while the run goes on.
    await visible(page.getByTestId('waterfall-row').first());
    await session.screenshot('timings-running');
    await page.getByRole('button', { name: '停止测速' }).click();
    await visible(page.getByTestId('timings-cancelled'), RUN_TIMEOUT);
    expect(session.calls).toContain('probe.cancel');
    const last = await session.invoke('probe.last', undefined);
    expect(last?.cancelled).toBe(true);

    await page.reload();
    await visible(page.getByTestId('timings-cancelled'));
    await visible(page.getByRole('button', { name: '重新测速' }));
    expect(session.calls.filter((channel) => channel === 'probe.run')).toHaveLength(1);

    // The same slow gateway measured to the end (2 per address, about 5 s): slow is said to be bad, with
    // the phase to blame and whose side it is on (「支付网关很慢：等待服务器 2.5 秒，平台那边」).
    await page.getByTestId('timings-count').getByText('2 次', { exact: true }).click();
    await page.getByRole('button', { name: '重新测速' }).click();
    const gatewayLine = page.getByTestId('timings-slow-line').filter({ hasText: '支付网关' });
    await visible(gatewayLine, RUN_TIMEOUT);
    expect(await gatewayLine.innerText()).toMatch(/^支付网关(很|非常)慢：等待服务器 [\d.]+ 秒，平台那边$/);
    expect(await gatewayLine.getAttribute('data-side')).toBe('platform');
    await visible(page.getByTestId('timings-verdict').getByText('但有', { exact: false }));
    await session.screenshot('timings-slow-gateway');
  });
});
