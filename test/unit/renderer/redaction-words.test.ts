import { describe, expect, it } from 'vitest';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import en from '../../../renderer/src/i18n/en-US.json';
import { readableRedactions } from '../../../renderer/src/screens/report/redaction-words';

const words = (locale: typeof zh) => (kind: string) =>
  (locale.report.redaction.alias as Record<string, string>)[kind] ?? kind;

describe('what a shop owner reads of sanitized engine text', () => {
  it('says hidden secrets in words: no REDACTED left in an address, in either language', () => {
    const summary = '跳转绕回了已经走过的地址：https://127.0.0.1:36491/pay?token=REDACTED&sign=REDACTED';
    const zhText = readableRedactions(summary, words(zh), zh.report.redaction.hidden);
    expect(zhText).toBe('跳转绕回了已经走过的地址：https://127.0.0.1:36491/pay?token=[已隐去]&sign=[已隐去]');
    const enText = readableRedactions(
      'Cookie: [REDACTED] at https://REDACTED:REDACTED@h/',
      words(en),
      en.report.redaction.hidden,
    );
    expect(enText).toBe('Cookie: [hidden] at https://[hidden]:[hidden]@h/');
  });

  it('shows aliases as the preview does and leaves an unknown alias whole', () => {
    const text = readableRedactions('打给 REDACTED-MOBILE-1，REDACTED-SOMETHING-2', words(zh), '[已隐去]');
    expect(text).toBe('打给 [手机号 1]，REDACTED-SOMETHING-2');
  });
});
