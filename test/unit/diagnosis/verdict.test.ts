import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../../../shared/checklist/check-result';
import { text } from '../../../shared/i18n/localized-text';
import { diagnosisVerdict } from '../../../main/diagnosis/verdict';

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
    expect(v.firstAction['en-US']).toBe('upload the matching public key');
    expect(v.supportingCheck).toBe('key.matches-platform');
  });

  it('risk rejection is the platform’s side, not a configuration fault', () => {
    const v = diagnosisVerdict([check('risk.status', 'fail', 'wait for the cooldown')], 'RISK_REJECTED');
    expect(v.side).toBe('platform');
    expect(v.firstAction['en-US']).toBe('wait for the cooldown');
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
      [check('cfg.urls-public', 'warn', 'use a public domain'), check('key.parse', 'pass')],
      'REDIRECT_OK',
    );
    expect(v.status).toBe('warning');
    expect(v.headline['zh-CN']).toContain('cfg.urls-public 摘要');
    expect(v.firstAction['en-US']).toBe('use a public domain');
  });
});
