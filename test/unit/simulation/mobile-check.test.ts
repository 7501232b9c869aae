import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../main/checklist/check-context';
import { runChecklist } from '../../../main/checklist/engine';
import { pageChecks } from '../../../main/checklist/checks/page-checks';
import { summarizeSeries } from '../../../main/simulation';
import type { CheckResult } from '../../../shared/checklist/check-result';
import type { BuyerProfile } from '../../../shared/simulation/device-profiles';
import type { SimulationResult } from '../../../shared/simulation/simulation-result';
import { hopFixture, resultFixture } from './fixtures';

async function judge(runs: SimulationResult[]): Promise<Record<string, CheckResult>> {
  const simulation = summarizeSeries(runs.length, runs, false);
  const run = await runChecklist(pageChecks, { simulation } as unknown as CheckContext);
  return Object.fromEntries(run.results.map((r) => [r.id, r]));
}

const as = (buyer: BuyerProfile, run: SimulationResult = resultFixture()): SimulationResult => ({
  ...run,
  buyer: { ...buyer, emulatedNetwork: buyer.network !== 'broadband', seen: null },
});
const PHONE: BuyerProfile = { device: 'iphone-wechat', network: 'broadband' };
const PHONE_SLOW: BuyerProfile = { device: 'iphone-wechat', network: 'slow-4g' };
const PC: BuyerProfile = { device: 'pc', network: 'broadband' };

/** The phone cashier answered 502 (h5-broken). */
const unreachable = () =>
  resultFixture({
    outcome: 'CASHIER_UNREACHABLE',
    outcomeDetail: { stage: 'cashier', reason: 'cashier hop 3 HTTP 502', hopIndex: 2 },
    hops: [
      hopFixture({ index: 0, status: 302, url: 'https://cashier.example/pay?token=REDACTED' }),
      hopFixture({ index: 1, position: 1, status: 302 }),
      hopFixture({
        index: 2,
        position: 2,
        status: 502,
        url: 'https://cashier.example/baitiao/h5?token=REDACTED',
      }),
    ],
    cashier: { ...resultFixture().cashier, state: null, readyAfterMs: null, visible: null },
    returnLeg: { ...resultFixture().returnLeg, attempted: false },
  });
/** Still loading when the budget ended (h5-heavy on 弱 4G). */
const timedOut = () =>
  resultFixture({
    outcome: 'CASHIER_TIMEOUT',
    outcomeDetail: { stage: 'cashier', reason: 'no ready state', hopIndex: null },
    cashier: { ...resultFixture().cashier, state: 'loading', readyAfterMs: null },
  });

describe('page.mobile: phones reach the cashier like the computer does', () => {
  it('passes when the phone is ready in time, as the computer is; evidence per device', async () => {
    const result = (await judge([as(PHONE), as(PC)]))['page.mobile']!;
    expect(result.status).toBe('pass');
    expect(result.summary['zh-CN']).toContain('iPhone 微信内置浏览器');
    const devices = (result.evidence as { devices: { device: string; outcome: string }[] }).devices;
    expect(devices.map((d) => [d.device, d.outcome])).toEqual([
      ['iphone-wechat', 'REDIRECT_OK'],
      ['pc', 'REDIRECT_OK'],
    ]);
  });

  it('fails when the phone cannot open the cashier and the computer can, naming the device and the 502', async () => {
    const results = await judge([as(PHONE, unreachable()), as(PC)]);
    const mobile = results['page.mobile']!;
    expect(mobile.status).toBe('fail');
    expect(mobile.summary['zh-CN']).toContain(
      'iPhone 微信内置浏览器上手机版收银台打不开（HTTP 502），电脑上正常',
    );
    expect(mobile.remediation?.['zh-CN']).toContain('平台客服');
    // The other page checks name the device their verdict is about.
    expect(results['page.redirect-chain']!.summary['zh-CN']).toMatch(/^iPhone 微信内置浏览器上：/);
  });

  it('fails on 弱 4G alone when that is the only phone run; warns when the same phone passed on broadband', async () => {
    const alone = (await judge([as(PHONE_SLOW, timedOut()), as(PC)]))['page.mobile']!;
    expect(alone.status).toBe('fail');
    expect(alone.summary['zh-CN']).toContain('iPhone 微信内置浏览器（弱 4G）上收银台在 3 秒内没有准备好');
    const both = (await judge([as(PHONE), as(PHONE_SLOW, timedOut()), as(PC)]))['page.mobile']!;
    expect(both.status).toBe('warn');
    expect(both.summary['en-US']).toContain('fine on broadband');
  });

  it('skips when the computer fails too (not a phone problem), or when no phone ran', async () => {
    expect((await judge([as(PHONE, unreachable()), as(PC, unreachable())]))['page.mobile']!.status).toBe(
      'skip',
    );
    const desktopOnly = (await judge([as(PC)]))['page.mobile']!;
    expect(desktopOnly.status).toBe('skip');
    expect(desktopOnly.summary['zh-CN']).toContain('没有模拟手机');
  });
});
