import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../main/checklist/check-context';
import { runChecklist } from '../../../main/checklist/engine';
import { pageChecks } from '../../../main/checklist/checks/page-checks';
import { ALL_CHECKS } from '../../../main/checklist/checks';
import { summarizeSeries } from '../../../main/simulation';
import type { CheckResult } from '../../../shared/checklist/check-result';
import { skippedForWantOfSimulation } from '../../../shared/checklist/skip-reasons';
import type { SimulationResult } from '../../../shared/simulation/simulation-result';
import { hopFixture, resultFixture } from './fixtures';

async function judge(simulation: unknown): Promise<Record<string, CheckResult>> {
  const run = await runChecklist(pageChecks, { simulation } as unknown as CheckContext);
  return Object.fromEntries(run.results.map((r) => [r.id, r]));
}
const statuses = (results: Record<string, CheckResult>) =>
  Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));

describe('page.* and tls.mixed-content from the simulation', () => {
  it('are registered with the other checks', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    for (const check of pageChecks) expect(ids).toContain(check.id);
  });

  it('skip, saying why, when no simulation ran or none was possible', async () => {
    const none = await judge(null);
    expect(new Set(Object.values(none).map((r) => r.status))).toEqual(new Set(['skip']));
    expect(none['page.redirect-chain']!.summary['zh-CN']).toContain('没有运行模拟支付');
    const reason = { 'zh-CN': '这台电脑上没有找到浏览器。', 'en-US': 'No browser was found.' };
    const unavailable = await judge({
      kind: 'simulation-unavailable',
      reason,
      detail: 'searched /usr/bin/chromium',
    });
    expect(unavailable['page.cashier-ready']).toMatchObject({ status: 'skip', summary: reason });
    expect(unavailable['tls.mixed-content']).toMatchObject({ status: 'skip', summary: reason });
  });

  it('only a skip for want of any simulation offers to run one (a run that ended early does not)', async () => {
    const none = await judge(null);
    for (const result of Object.values(none)) expect(skippedForWantOfSimulation(result)).toBe(true);
    const unavailable = await judge({
      kind: 'simulation-unavailable',
      reason: { 'zh-CN': '这台电脑上没有找到浏览器。', 'en-US': 'No browser was found.' },
      detail: 'searched /usr/bin/chromium',
    });
    for (const result of Object.values(unavailable)) expect(skippedForWantOfSimulation(result)).toBe(false);
    const ended = await judge(
      resultFixture({
        outcome: 'TLS_ERROR',
        outcomeDetail: { stage: 'cashier', reason: 'x', hopIndex: 0 },
        hops: [hopFixture({ status: null, error: 'net::ERR_CERT_DATE_INVALID' })],
        cashier: { ...resultFixture().cashier, state: null, readyAfterMs: null, visible: null },
        charset: null,
        returnLeg: { ...resultFixture().returnLeg, attempted: false },
        mixedContent: { pagesChecked: [], findings: [] },
      }),
    );
    const skipped = Object.values(ended).filter((result) => result.status === 'skip');
    expect(skipped.length).toBeGreaterThan(2);
    for (const result of skipped) expect(skippedForWantOfSimulation(result), result.id).toBe(false);
  });

  it('a healthy run passes every one', async () => {
    expect(statuses(await judge(resultFixture()))).toEqual({
      'tls.mixed-content': 'pass',
      'page.redirect-chain': 'pass',
      'page.cashier-ready': 'pass',
      'page.visible-content': 'pass',
      'page.charset': 'pass',
      'page.console-errors': 'pass',
      'page.return-leg': 'pass',
      // One desktop run: no phone to judge.
      'page.mobile': 'skip',
    });
  });

  it('a broken chain fails page.redirect-chain; the checks after it skip, naming the outcome', async () => {
    const tls = resultFixture({
      outcome: 'TLS_ERROR',
      outcomeDetail: { stage: 'cashier', reason: 'x', hopIndex: 0 },
      hops: [hopFixture({ status: null, error: 'net::ERR_CERT_DATE_INVALID' })],
      cashier: { ...resultFixture().cashier, state: null, readyAfterMs: null, visible: null },
      charset: null,
      returnLeg: { ...resultFixture().returnLeg, attempted: false },
      mixedContent: { pagesChecked: ['store-page'], findings: [] },
    });
    const results = await judge(tls);
    expect(results['page.redirect-chain']).toMatchObject({ status: 'fail' });
    // The browser's error name is for support (the evidence), not the sentence a shop owner reads.
    expect(results['page.redirect-chain']!.summary['zh-CN']).toContain('浏览器没能打开这一步');
    expect(results['page.redirect-chain']!.summary['zh-CN']).not.toContain('ERR_');
    expect(JSON.stringify(results['page.redirect-chain']!.evidence)).toContain('net::ERR_CERT_DATE_INVALID');
    expect(results['page.cashier-ready']).toMatchObject({
      status: 'skip',
      evidence: { outcome: 'TLS_ERROR' },
    });
    expect(results['page.cashier-ready']!.summary['zh-CN']).toContain('模拟在到达收银台之前就结束了');
    expect(results['page.cashier-ready']!.summary['zh-CN']).not.toContain('TLS_ERROR');
    expect(results['page.return-leg']!.status).toBe('skip');
  });

  it('loops, http hops and long chains', async () => {
    const loop = resultFixture({
      outcome: 'REDIRECT_LOOP',
      hops: [hopFixture({ status: null, error: 'net::ERR_BLOCKED_BY_CLIENT', blockedBy: 'redirect-loop' })],
    });
    expect((await judge(loop))['page.redirect-chain']!.status).toBe('fail');
    const insecure = resultFixture({
      outcome: 'INSECURE_REDIRECT',
      hops: [hopFixture({ url: 'http://cashier.example/x', status: null, blockedBy: 'insecure-redirect' })],
    });
    expect((await judge(insecure))['page.redirect-chain']!.remediation).not.toBeNull();
    const long = resultFixture({
      hops: Array.from({ length: 7 }, (_, i) =>
        hopFixture({ index: i, position: i, status: i < 6 ? 302 : 200, url: `https://c.example/${i}` }),
      ),
    });
    expect((await judge(long))['page.redirect-chain']!.status).toBe('warn');
  });

  it('cashier states: error, timeout, late, blank, garbled', async () => {
    const base = resultFixture();
    const error = await judge(
      resultFixture({
        outcome: 'CASHIER_ERROR_PAGE',
        cashier: { ...base.cashier, state: 'error', errorCode: 'SYSTEM_BUSY', readyAfterMs: null },
      }),
    );
    expect(error['page.cashier-ready']!.status).toBe('fail');
    // The cashier's code is in the evidence, for support; the sentence says what the buyer saw.
    expect(error['page.cashier-ready']!.summary['zh-CN']).not.toContain('SYSTEM_BUSY');
    expect(error['page.cashier-ready']!.evidence).toMatchObject({ errorCode: 'SYSTEM_BUSY' });
    const late = await judge(resultFixture({ cashier: { ...base.cashier, readyAfterMs: 2500 } }));
    expect(late['page.cashier-ready']!.status).toBe('warn');
    const blank = await judge(
      resultFixture({
        outcome: 'BLANK_PAGE',
        cashier: {
          ...base.cashier,
          state: 'loading',
          readyAfterMs: null,
          visible: { textLength: 0, images: 0, loaded: true, textSample: '' },
        },
      }),
    );
    expect(statuses(blank)).toMatchObject({ 'page.cashier-ready': 'fail', 'page.visible-content': 'fail' });
    const garbled = await judge(
      resultFixture({
        outcome: 'GARBLED_PAGE',
        charset: { ...base.charset!, detected: 'gb18030', mojibake: true, signals: ['gbk-declared-utf8'] },
      }),
    );
    expect(garbled['page.charset']!.status).toBe('fail');
    expect(garbled['page.charset']!.summary['en-US']).toContain('gb18030');
  });

  it('script errors, the way back, and insecure content', async () => {
    const scripts = await judge(
      resultFixture({
        exceptions: [
          { leg: 'cashier', text: 'TypeError: x is undefined', url: null, line: 1, column: 1, atMs: 10 },
        ],
      }),
    );
    expect(scripts['page.console-errors']!.status).toBe('fail');
    const consoleOnly = await judge(
      resultFixture({
        console: [{ leg: 'return', level: 'error', text: 'boom', url: null, line: null, atMs: 1 }],
      }),
    );
    expect(consoleOnly['page.console-errors']!.status).toBe('warn');
    const broken = await judge(
      resultFixture({
        outcome: 'RETURN_URL_BROKEN',
        outcomeDetail: { stage: 'return', reason: 'HTTP 500', hopIndex: 3 },
        returnLeg: { ...resultFixture().returnLeg, status: 500 },
      }),
    );
    expect(broken['page.return-leg']!.status).toBe('fail');
    expect(broken['page.return-leg']!.summary['en-US']).toContain('HTTP 500');
    const slow = await judge(
      resultFixture({ returnLeg: { ...resultFixture().returnLeg, durationMs: 3500 } }),
    );
    expect(slow['page.return-leg']!.status).toBe('warn');
    const mixed = await judge(
      resultFixture({
        mixedContent: {
          pagesChecked: ['return'],
          findings: [{ leg: 'return', kind: 'script', url: 'http://cdn.example/a.js', blocked: true }],
        },
      }),
    );
    expect(mixed['tls.mixed-content']!.status).toBe('fail');
    expect(mixed['tls.mixed-content']!.summary['zh-CN']).toContain('http://cdn.example/a.js');
  });

  it('a series: the worst run decides and the summary says how many', async () => {
    const ok = resultFixture();
    const slow: SimulationResult = {
      ...resultFixture(),
      outcome: 'CASHIER_TIMEOUT',
      cashier: { ...ok.cashier, state: 'loading', readyAfterMs: null },
    };
    const series = summarizeSeries(4, [ok, ok, slow, ok], false);
    expect(series).toMatchObject({ successRate: 0.75, outcomes: { REDIRECT_OK: 3, CASHIER_TIMEOUT: 1 } });
    const results = await judge(series);
    expect(results['page.cashier-ready']).toMatchObject({
      status: 'fail',
      evidence: { runs: 4, statusCounts: { pass: 3, fail: 1 } },
    });
    expect(results['page.cashier-ready']!.summary['en-US']).toMatch(/^1 of 4 runs: /);
    expect(results['page.charset']!.summary['en-US']).toMatch(/^All 4 runs: /);
  });
});
