import { describe, expect, test } from 'vitest';
import { plainReason, PLAIN_REASONS, rawReason } from '../../../renderer/src/ui/plain-error';
import enUS from '../../../renderer/src/i18n/en-US.json';
import zhCN from '../../../renderer/src/i18n/zh-CN.json';

describe('a library or system error as a plain sentence', () => {
  test.each([
    ['connect ECONNREFUSED 127.0.0.1:443', 'refused'],
    ['getaddrinfo ENOTFOUND pay.example.cn', 'notFound'],
    ['connect ETIMEDOUT 10.0.0.1:443', 'timeout'],
    ['The operation was aborted due to timeout', 'timeout'],
    ['socket hang up', 'reset'],
    ['read ECONNRESET', 'reset'],
    ['unable to verify the first certificate', 'certificate'],
    ['CERT_HAS_EXPIRED', 'certificate'],
    ["EACCES: permission denied, open '/x/report.zip'", 'permission'],
    ["ENOENT: no such file or directory, open '/x/store.json'", 'missingFile'],
    ['ENOSPC: no space left on device, write', 'diskFull'],
    ['end of central directory record signature not found', 'badZip'],
    ['invalid local file header signature: 0x0', 'badZip'],
    ['INVALID_INPUT: Invalid input for stores.create', 'badInput'],
    ['Invalid input: expected string, received undefined', 'badInput'],
    ['connect ENETUNREACH 1.2.3.4:443', 'offline'],
    ['something nobody expected', 'unknown'],
  ] as const)('%s → %s', (raw, kind) => {
    expect(plainReason(raw)).toBe(kind);
  });

  test('every kind has a sentence in both languages, without codes or English on the Chinese side', () => {
    for (const kind of PLAIN_REASONS) {
      const zh = zhCN.errorReasons[kind];
      expect(zh, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, kind).not.toMatch(/[A-Za-z]{3,}/);
      expect(enUS.errorReasons[kind], kind).toMatch(/^[A-Z]/);
    }
  });

  test('the raw text keeps the code main sent with it', () => {
    const error = Object.assign(new Error('Invalid input for stores.create'), { code: 'INVALID_INPUT' });
    expect(rawReason(error)).toBe('INVALID_INPUT: Invalid input for stores.create');
    expect(rawReason(new Error('read ECONNRESET'))).toBe('read ECONNRESET');
    expect(rawReason('plain string')).toBe('plain string');
  });
});
