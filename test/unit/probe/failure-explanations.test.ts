import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../../shared/probe/failure-explanations';
import { PROBE_FAILURE_KINDS } from '../../../shared/probe/probe-result';

describe('plain-language failure explanations', () => {
  it('exist in both languages for every kind and name the host', () => {
    for (const kind of PROBE_FAILURE_KINDS) {
      const text = explainFailure(kind, {
        host: 'gw.example',
        timeoutMs: 5000,
        limitBytes: 65536,
        proxy: 'PROXY p:1',
      });
      expect(text['zh-CN'].length, kind).toBeGreaterThan(5);
      expect(text['en-US'].length, kind).toBeGreaterThan(5);
      if (!['cancelled', 'internal-error', 'proxy-resolution-failed'].includes(kind)) {
        expect(text['zh-CN'] + text['en-US'], kind).toMatch(/gw\.example|PROXY p:1/);
      }
      // No stray placeholders when a fact is missing.
      expect(text['en-US'], kind).not.toMatch(/undefined|null|NaN/);
    }
  });

  it('reads like the shop owner would need it', () => {
    expect(explainFailure('connection-refused', { host: 'gw.example', port: 8443 })['zh-CN']).toBe(
      '连接被拒绝：对方服务器（gw.example，端口 8443）没有在这个端口上提供服务。服务可能停了，或地址端口写错了。',
    );
    expect(
      explainFailure('first-byte-timeout', { host: 'gw.example', timeoutMs: 10_000 })['en-US'],
    ).toContain('10 s');
    expect(explainFailure('body-too-large', { host: 'h', limitBytes: 1024 * 1024 })['en-US']).toContain(
      '1 MB',
    );
    expect(
      explainFailure('tls-expired', { host: 'h', validTo: '2026-05-03T00:00:00.000Z' })['zh-CN'],
    ).toContain('2026-05-03');
  });
});
