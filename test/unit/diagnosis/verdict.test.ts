import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../../../shared/checklist/check-result';
import { text } from '../../../shared/i18n/localized-text';
import { diagnosisVerdict } from '../../../main/diagnosis/verdict';
import { CHECKS_EXPLAINING } from '../../../main/diagnosis/check-sides';
import { CHECK_CATALOG } from '../../../shared/checklist/catalog';
import { CHECK_VERDICTS } from '../../../shared/diagnosis/check-verdicts';
import { OUTCOME_CODES } from '../../../shared/protocol/outcome-codes';
import { OUTCOME_EXPLANATIONS } from '../../../shared/simulation/outcome-explanations';

function check(id: string, status: CheckStatus, remediation?: string): CheckResult {
  return {
    id,
    group: id.split('.')[0] as CheckResult['group'],
    status,
    title: text(id, id),
    summary: text(`${id} 摘要`, `${id} summary`),
    remediation: remediation ? text(remediation, remediation) : null,
    evidence: {},
    durationMs: 1,
    startedAt: new Date(0).toISOString(),
  };
}

describe('diagnosis verdict', () => {
  it('all clear: ok, nobody’s side', () => {
    const v = diagnosisVerdict([check('cfg.urls', 'pass')], 'REDIRECT_OK');
    expect(v).toMatchObject({ status: 'ok', side: 'none', cause: null });
  });

  it('a failed redirect leads, and a failing check that explains it gives the first action', () => {
    const v = diagnosisVerdict(
      [
        check('net.latency', 'fail', 'network'),
        check('key.matches-platform', 'fail', 'upload the matching public key'),
      ],
      'SIGN_INVALID',
    );
    expect(v.status).toBe('problem');
    expect(v.cause).toEqual({ kind: 'outcome', code: 'SIGN_INVALID' });
    expect(v.side).toBe('store');
    expect(v.firstAction).toEqual(CHECK_VERDICTS['key.matches-platform']!.firstAction);
    expect(v.sideNote).toEqual(CHECK_VERDICTS['key.matches-platform']!.sideNote);
    expect(v.supportingCheck).toBe('key.matches-platform');
  });

  it('risk rejection is the platform’s side, not a configuration fault', () => {
    const v = diagnosisVerdict([check('risk.status', 'fail', 'wait for the cooldown')], 'RISK_REJECTED');
    expect(v.side).toBe('platform');
    expect(v.firstAction['zh-CN']).toContain('其间请让买家使用其他支付方式');
    expect(v.sideNote['zh-CN']).toContain('这不是配置问题');
  });

  it('without a failed redirect the likeliest root cause leads: the clock before the latency', () => {
    const v = diagnosisVerdict(
      [
        check('net.latency', 'fail', 'slow'),
        check('local.clock', 'fail', 'sync the clock'),
        check('cfg.charset', 'fail', 'utf8'),
      ],
      null,
    );
    expect(v.cause).toEqual({ kind: 'check', id: 'local.clock' });
    expect(v.side).toBe('merchant-machine');
  });

  it('only warnings: a warning verdict that names the first one', () => {
    const v = diagnosisVerdict(
      [check('local.proxy', 'warn', 'turn off the proxy'), check('key.parse', 'pass')],
      'REDIRECT_OK',
    );
    expect(v.status).toBe('warning');
    expect(v.headline['zh-CN']).toContain('local.proxy 摘要');
    expect(v.firstAction).toEqual(CHECK_VERDICTS['local.proxy']!.firstAction);
  });
});

/**
 * Point 8 of issue 13: a verdict never says one side and an action or note that blames another.
 * Words that deny the shop's part cannot stand beside 店铺这边; an action for 这台电脑或网络 names
 * something on this computer or network; a 平台那边 verdict never asks the shop to change its settings.
 */
const DENIES_STORE = [/不是配置问题/, /不用改/, /没有用/, /没用/];
const DENIES_STORE_EN = [/not a configuration fault/i, /need no change/i, /will not help/i];
const STORE_WORDS = /商家后台|店铺|私钥|密钥|技术人员/;
const MACHINE_WORDS = /电脑|网络|代理|VPN|时间|杀毒|磁盘|hosts/;
const PLATFORM_WORDS = /平台|稍后|等/;

function expectAgreement(where: string, v: ReturnType<typeof diagnosisVerdict>) {
  const note = v.sideNote['zh-CN'];
  const action = v.firstAction['zh-CN'];
  const both = `${note} ${action}`;
  const bothEn = `${v.sideNote['en-US']} ${v.firstAction['en-US']}`;
  expect(note, `${where}: a side note`).not.toBe('');
  expect(v.sideNote['en-US'], `${where}: an English side note`).not.toBe('');
  if (v.side === 'store') {
    for (const denial of DENIES_STORE) expect(both, `${where}: 店铺这边 but "${denial}"`).not.toMatch(denial);
    for (const denial of DENIES_STORE_EN)
      expect(bothEn, `${where}: store side but "${denial}"`).not.toMatch(denial);
    expect(action, `${where}: a store action names the shop's part`).toMatch(STORE_WORDS);
  }
  if (v.side === 'merchant-machine') {
    expect(action, `${where}: an action on this computer or network`).toMatch(MACHINE_WORDS);
    expect(note, `${where}`).toMatch(MACHINE_WORDS);
  }
  if (v.side === 'platform') {
    expect(both, `${where}: the platform's side asks the shop to change settings`).not.toMatch(
      /请在商家后台(改|修改|把|添加)/,
    );
    expect(both, `${where}: names the platform or waiting`).toMatch(PLATFORM_WORDS);
  }
}

describe('side, side note and first action agree (one table per outcome and per failing check)', () => {
  for (const code of OUTCOME_CODES) {
    it(`outcome ${code}`, () => {
      const v = diagnosisVerdict([], code);
      const row = OUTCOME_EXPLANATIONS[code];
      expect(v.side).toBe(row.side);
      expect(v.sideNote).toEqual(row.sideNote);
      expect(v.firstAction).toEqual(row.whatToDo);
      expectAgreement(code, v);
    });
  }

  for (const { id } of CHECK_CATALOG) {
    it(`failing check ${id}, alone and explaining the outcomes it explains`, () => {
      const row = CHECK_VERDICTS[id];
      expect(row, `${id} has a row in CHECK_VERDICTS`).toBeDefined();
      for (const status of ['fail', 'warn'] as const) {
        const v = diagnosisVerdict([check(id, status, 'the check’s own words')], null);
        expect(v.side).toBe(row!.side);
        expect(v.sideNote).toEqual(row!.sideNote);
        expect(v.firstAction).toEqual(row!.firstAction);
        expectAgreement(`${id} (${status})`, v);
      }
      for (const code of OUTCOME_CODES) {
        if (!CHECKS_EXPLAINING[code]?.includes(id)) continue;
        const v = diagnosisVerdict([check(id, 'fail', 'the check’s own words')], code);
        expect(v.supportingCheck).toBe(id);
        expect(v.side).toBe(row!.side);
        expect(v.sideNote).toEqual(row!.sideNote);
        expect(v.firstAction).toEqual(row!.firstAction);
        expectAgreement(`${code} explained by ${id}`, v);
      }
    });
  }
});
