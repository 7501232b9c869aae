import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConfigIssue } from '../../../shared/config/import-result';

/** Keys are generated at test time: nothing secret-looking is committed to the repository. */
export interface TestKeys {
  rsa2048Pkcs8: string;
  rsa2048Pkcs1: string;
  rsa2048Public: string;
  rsa1024Pkcs8: string;
  ecPkcs8: string;
  ecSec1: string;
  ecPublic: string;
  ed25519Pkcs8: string;
  encryptedPkcs8: string;
  encryptedPkcs1: string;
}

let cachedKeys: TestKeys | undefined;

export function testKeys(): TestKeys {
  if (cachedKeys) return cachedKeys;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ed = generateKeyPairSync('ed25519');
  const pem = (value: string | Buffer) => value.toString();
  cachedKeys = {
    rsa2048Pkcs8: pem(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    rsa2048Pkcs1: pem(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' })),
    rsa2048Public: pem(rsa.publicKey.export({ type: 'spki', format: 'pem' })),
    rsa1024Pkcs8: pem(weak.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    ecPkcs8: pem(ec.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    ecSec1: pem(ec.privateKey.export({ type: 'sec1', format: 'pem' })),
    ecPublic: pem(ec.publicKey.export({ type: 'spki', format: 'pem' })),
    ed25519Pkcs8: pem(ed.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    encryptedPkcs8: pem(
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }),
    ),
    encryptedPkcs1: pem(
      rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }),
    ),
  };
  return cachedKeys;
}

/** Base64 body of a PEM, and chunks of it: what "echoing the key" would look like in a message. */
export function keyChunks(pem: string, size = 32): string[] {
  const body = pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  const chunks: string[] = [];
  for (let i = 0; i + size <= body.length; i += size) chunks.push(body.slice(i, i + size));
  return chunks;
}

export function issuesText(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.message['zh-CN']}\n${i.message['en-US']}\n${i.field}\n${i.file}`).join('\n');
}

export function expectNoKeyEcho(issues: readonly ConfigIssue[], pems: readonly string[]): void {
  const all = issuesText(issues);
  for (const pem of pems) {
    for (const chunk of keyChunks(pem, 24)) expect(all).not.toContain(chunk);
  }
  // Naming the BEGIN line is guidance; a BEGIN line followed by key material would be an echo.
  expect(all).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\\n]*[A-Za-z0-9+/]{16}/);
}

export function validStore(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    configVersion: 1,
    environment: 'production',
    merchantNo: '2088123456789012',
    appId: 'BT2021000123456789',
    storeName: '鼎经纬京东小店',
    storeUrl: 'https://shop.example.cn',
    signType: 'RSA2',
    merchantPrivateKey: { file: 'keys/merchant_private.pem' },
    notifyUrl: 'https://shop.example.cn/pay/notify',
    returnUrl: 'https://shop.example.cn/pay/return',
    charset: 'UTF-8',
    baitiao: { enabled: true, installments: [3, 6, 12, 24], sellerPaysFee: false },
    testOrder: { amount: '199.00', subject: '诊断测试订单' },
    ...overrides,
  };
}

export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

export function tempDir(prefix = 'baitiao-config-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every issue a shop owner sees must have both languages, a file and a field. */
export function expectWellFormed(issues: readonly ConfigIssue[]): void {
  for (const issue of issues) {
    expect(issue.message['zh-CN'].length).toBeGreaterThan(10);
    expect(issue.message['en-US'].length).toBeGreaterThan(10);
    expect(issue.file.length).toBeGreaterThan(0);
    expect(issue.field.startsWith('$')).toBe(true);
  }
}
