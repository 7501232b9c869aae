import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../main/core/app-core';
import { findBrowser } from '../../../main/simulation';
import { findCertutil } from '../../../main/simulation/nss-trust-home';
import type { Diagnosis } from '../../../shared/diagnosis/diagnosis';

/**
 * 开始诊断 with a phone and a computer side by side, through the real core: the sandbox, Debian's Chromium
 * emulating each device over CDP, the checklist's page.mobile, and a verdict that names the device.
 */
const browser = findBrowser();
const missing = !browser.found
  ? `no browser: ${browser.reason['en-US']}`
  : !findCertutil()
    ? 'no certutil (libnss3-tools): Chromium cannot be given the sandbox CA; device diagnosis tests skipped'
    : null;
if (missing) console.warn(missing);

let core: AppCore;

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const answer = await core.dispatch(channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.data as T;
}

async function diagnose(scenario: string, input: Record<string, unknown> = {}): Promise<Diagnosis> {
  await call('demo.setScenario', { scenario });
  return call<Diagnosis>('diagnosis.run', { taskId: `dev-${scenario}-${Date.now()}`, ...input });
}

const check = (d: Diagnosis, id: string) => d.checklist.results.find((r) => r.id === id);

beforeAll(async () => {
  if (missing) return;
  core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'bt-devices-')), demo: true });
});
afterAll(async () => {
  await core?.close();
});

describe.skipIf(missing !== null)('diagnosis on a phone and a computer', () => {
  it('healthy: both devices pass, phone first, page.mobile passes', async () => {
    const d = await diagnose('healthy');
    expect(d.outcome).toBe('REDIRECT_OK');
    expect(d.devices).toEqual([
      expect.objectContaining({ device: 'iphone-wechat', network: 'broadband', outcome: 'REDIRECT_OK' }),
      expect.objectContaining({ device: 'pc', network: 'broadband', outcome: 'REDIRECT_OK' }),
    ]);
    expect(d.devices!.every((dev) => typeof dev.readyMs === 'number')).toBe(true);
    expect(check(d, 'page.mobile')?.status).toBe('pass');
    expect(d.verdict.status).not.toBe('problem');
  });

  it('h5-broken: the phone gets CASHIER_UNREACHABLE, the computer REDIRECT_OK, and the verdict says phones', async () => {
    const d = await diagnose('h5-broken');
    expect(d.devices?.map((dev) => [dev.device, dev.outcome])).toEqual([
      ['iphone-wechat', 'CASHIER_UNREACHABLE'],
      ['pc', 'REDIRECT_OK'],
    ]);
    expect(d.outcome).toBe('CASHIER_UNREACHABLE');
    expect(d.verdict).toMatchObject({
      status: 'problem',
      side: 'platform',
      supportingCheck: 'page.mobile',
      cause: { kind: 'outcome', code: 'CASHIER_UNREACHABLE' },
    });
    expect(d.verdict.headline['zh-CN']).toBe('手机上的买家打不开收银台，电脑上正常');
    expect(d.verdict.headline['en-US']).toContain('Buyers on phones cannot open the cashier');
    const mobile = check(d, 'page.mobile')!;
    expect(mobile.status).toBe('fail');
    const evidence = mobile.evidence as { devices: { device: string; outcome: string }[] };
    expect(evidence.devices.map((dev) => [dev.device, dev.outcome])).toEqual([
      ['iphone-wechat', 'CASHIER_UNREACHABLE'],
      ['pc', 'REDIRECT_OK'],
    ]);
    // The phone's picture is kept for the verdict to show: the page where it failed.
    const phoneRun = d.simulation.kind === 'simulation-series' ? d.simulation.runs[0] : undefined;
    expect(phoneRun?.buyer?.device).toBe('iphone-wechat');
    expect(phoneRun?.screenshots.find((s) => s.moment === 'failure')?.base64).toBeTruthy();
  });

  it('h5-heavy: passes on broadband; on 弱 4G the phone misses the budget and page.mobile fails', async () => {
    const broadband = await diagnose('h5-heavy');
    expect(broadband.outcome).toBe('REDIRECT_OK');
    expect(check(broadband, 'page.mobile')?.status).toBe('pass');

    const weak = await diagnose('h5-heavy', {
      buyers: [
        { device: 'iphone-wechat', network: 'slow-4g' },
        { device: 'pc', network: 'broadband' },
      ],
    });
    expect(weak.devices?.map((dev) => [dev.device, dev.network, dev.emulatedNetwork, dev.outcome])).toEqual([
      ['iphone-wechat', 'slow-4g', true, 'CASHIER_TIMEOUT'],
      ['pc', 'broadband', false, 'REDIRECT_OK'],
    ]);
    expect(check(weak, 'page.mobile')?.status).toBe('fail');
    expect(weak.verdict.headline['zh-CN']).toBe('手机上的买家（弱 4G 网络）等不到收银台打开，电脑上正常');
    await call('demo.setScenario', { scenario: 'healthy' });
  });
});
