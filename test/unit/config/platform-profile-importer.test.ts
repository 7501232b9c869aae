import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformImportResultSchema, type PlatformImportResult } from '../../../shared/config/import-result';
import {
  checkPlatformProfileValue,
  listShippedProfiles,
  loadPlatformProfileFile,
  loadShippedProfile,
  parsePlatformProfile,
  shippedProfileTemplateText,
} from '../../../main/config';
import { makeCertificate } from './certificates';
import { expectNoKeyEcho, expectWellFormed, jsonBytes, tempDir, testKeys } from './fixtures';

let dir: { path: string; cleanup: () => void };
let caPem: string;
let expiredCaPem: string;
let leafPem: string;

beforeAll(async () => {
  dir = tempDir('baitiao-profile-');
  caPem = await makeCertificate({ ca: true });
  expiredCaPem = await makeCertificate({ ca: true, expired: true });
  leafPem = await makeCertificate({ ca: false });
});
afterAll(() => dir.cleanup());

function profile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    profileVersion: 1,
    name: 'sandbox',
    gatewayUrl: 'https://127.0.0.1:8443/gateway',
    cashierOrigin: 'https://127.0.0.1:8444',
    supportApiUrl: 'https://127.0.0.1:8445/api/v1',
    platformPublicKey: testKeys().rsa2048Public,
    extraCaCertificates: [caPem],
    clockSkewToleranceSeconds: 300,
    cashierReadyBudgetMs: 8000,
    ...overrides,
  };
}

function codes(result: PlatformImportResult): string[] {
  const issues = result.ok ? result.warnings : result.errors;
  expectWellFormed(issues);
  return issues.map((i) => i.code);
}

describe('platform.json', () => {
  it('a valid profile loads from a path', async () => {
    const path = join(dir.path, 'platform.json');
    writeFileSync(path, jsonBytes(profile()));
    const result = await loadPlatformProfileFile(path);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings).toEqual([]);
      expect(result.value.gatewayUrl).toBe('https://127.0.0.1:8443/gateway');
    }
    expect(PlatformImportResultSchema.safeParse(result).success).toBe(true);
  });

  it('defaults fill in', () => {
    const minimal = profile();
    delete minimal.extraCaCertificates;
    delete minimal.clockSkewToleranceSeconds;
    const result = parsePlatformProfile(jsonBytes(minimal), 'platform.json');
    expect(result.ok && result.value.clockSkewToleranceSeconds).toBe(300);
    expect(result.ok && result.value.extraCaCertificates).toEqual([]);
  });

  it('an http URL is refused at its line', () => {
    const result = parsePlatformProfile(
      jsonBytes(profile({ gatewayUrl: 'http://127.0.0.1/gw' })),
      'platform.json',
    );
    expect(result.ok ? null : result.errors[0]).toMatchObject({
      code: 'FIELD_INVALID_VALUE',
      field: '$.gatewayUrl',
      line: 4,
    });
    expect(result.ok ? '' : result.errors[0]?.message['zh-CN']).toContain('https://');
  });

  it('a public key that does not parse', () => {
    const broken =
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n';
    expect(codes(parsePlatformProfile(jsonBytes(profile({ platformPublicKey: broken })), 'p.json'))).toEqual([
      'PROFILE_PUBLIC_KEY_INVALID',
    ]);
  });

  it('an EC public key: not RSA', () => {
    expect(
      codes(parsePlatformProfile(jsonBytes(profile({ platformPublicKey: testKeys().ecPublic })), 'p.json')),
    ).toEqual(['PROFILE_PUBLIC_KEY_NOT_RSA']);
  });

  it('a private key where the public key belongs: refused, not repeated', () => {
    const result = parsePlatformProfile(
      jsonBytes(profile({ platformPublicKey: testKeys().rsa2048Pkcs8 })),
      'p.json',
    );
    expect(codes(result)).toEqual(['PROFILE_PUBLIC_KEY_IS_PRIVATE']);
    expectNoKeyEcho(result.ok ? [] : result.errors, [testKeys().rsa2048Pkcs8]);
  });

  it('CA certificates: damaged is an error, expired or not-a-CA a warning', () => {
    const damaged = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const bad = parsePlatformProfile(jsonBytes(profile({ extraCaCertificates: [caPem, damaged] })), 'p.json');
    expect(bad.ok ? null : bad.errors[0]).toMatchObject({
      code: 'PROFILE_CA_INVALID',
      field: '$.extraCaCertificates[1]',
    });
    const warned = parsePlatformProfile(
      jsonBytes(profile({ extraCaCertificates: [expiredCaPem, leafPem] })),
      'p.json',
    );
    expect(codes(warned)).toEqual(['PROFILE_CA_EXPIRED', 'PROFILE_CA_NOT_CA']);
    expect(warned.ok).toBe(true);
  });

  it('an in-memory profile (the sandbox one) gets the same checks', () => {
    expect(checkPlatformProfileValue(profile(), 'sandbox').ok).toBe(true);
    const bad = checkPlatformProfileValue({ ...profile(), cashierReadyBudgetMs: 10 }, 'sandbox');
    expect(bad.ok ? null : bad.errors[0]).toMatchObject({ file: 'sandbox', field: '$.cashierReadyBudgetMs' });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(codes(checkPlatformProfileValue(circular, 'sandbox'))).toEqual(['INTERNAL_ERROR']);
  });
});

describe('shipped profiles', () => {
  it('lists sandbox (generated) and production (template), described in both languages', () => {
    const list = listShippedProfiles();
    expect(list.map((p) => [p.name, p.origin])).toEqual([
      ['sandbox', 'generated-at-run-time'],
      ['production', 'bundled-template'],
    ]);
    for (const p of list) {
      expect(p.description['zh-CN']).not.toBe('');
      expect(p.description['en-US']).not.toBe('');
    }
  });

  it('the production template fails clearly until the account manager fills it in', () => {
    const result = loadShippedProfile('production');
    expect(codes(result)).toEqual([
      'PROFILE_PLACEHOLDER_URL',
      'PROFILE_PLACEHOLDER_URL',
      'PROFILE_PLACEHOLDER_URL',
      'PROFILE_PLACEHOLDER_KEY',
    ]);
    const messages = result.ok ? [] : result.errors.map((e) => e.message['zh-CN']);
    expect(messages[0]).toContain('gateway.example-platform.cn');
    expect(messages[3]).toContain('客户经理');
  });

  it('the template, once filled in, loads', () => {
    const filled = JSON.parse(shippedProfileTemplateText('production')) as Record<string, unknown>;
    Object.assign(filled, {
      gatewayUrl: 'https://gateway.baitiao-platform.cn/gateway',
      cashierOrigin: 'https://cashier.baitiao-platform.cn',
      supportApiUrl: 'https://support.baitiao-platform.cn/api/v1',
      platformPublicKey: testKeys().rsa2048Public,
    });
    expect(parsePlatformProfile(jsonBytes(filled), 'platform.json').ok).toBe(true);
  });
});
