import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  compareUtf8,
  firstDifference,
  gatewayTimestamp,
  headerSignatureMessage,
  newNonce,
  parseGatewayTimestamp,
  publicKeyFingerprint,
  readHeaderSignature,
  signHeaderMessage,
  signRsa2,
  stringToSign,
  verifyHeaderMessage,
  verifyRsa2,
} from '../../../main/signing';

// Test-only key pair made with the openssl CLI; the expected answers below were computed with openssl
// too (`openssl dgst -sha256 -sign`, `openssl pkey -pubout -outform DER | openssl dgst -sha256`), so these
// are independent known answers, not our code checking itself.
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const PKCS8 = fixture('test-merchant-pkcs8.pem');
const PKCS1 = fixture('test-merchant-pkcs1.pem');
const PUBLIC = fixture('test-merchant-public.pem');

const EXAMPLE_ENVELOPE = {
  app_id: 'BT2021000123456789',
  merchant_no: '2088123456789012',
  method: 'baitiao.prepay',
  charset: 'UTF-8',
  sign_type: 'RSA2',
  timestamp: '2026-11-25 10:00:00',
  version: '1.0',
  nonce: '9f86d081884c7d659a2feaa0c55ad015',
  biz_content: '{"amount":"199.00"}',
  sign: 'base64...',
};
const EXAMPLE_STRING =
  'app_id=BT2021000123456789&biz_content={"amount":"199.00"}&charset=UTF-8&merchant_no=2088123456789012' +
  '&method=baitiao.prepay&nonce=9f86d081884c7d659a2feaa0c55ad015&sign_type=RSA2&timestamp=2026-11-25 10:00:00&version=1.0';
const EXAMPLE_SIGNATURE =
  'g73XLPnxVIORTsTNw8zWlByIvRq6CCHrwyZ63h7zwk9ia53bYzGlXOYAeipZLxgL1Dof1WUo76IQAq4eYCdyVRve3Q3N8xt+HM60NsZTdbypxcfq49ySogqA1I9EkPVXCEnud49SfeKkI8r06cuBjp9D9ZJ1BI0r5q1Oapry3i2OcKKDjLhUcTmqq1sHJbKX2BLLZdA8aFwQ5lDJP255YRoev917wOukxg2EzgsqxXHAQdgqUkYcsUFEdJ+lXrv06NsxY5RzFrOqwVkOvB0EduTXUbr2R84pUeHfE/zJ6cAvQ01wQmCvRw7k9AWABPYYPXhhahTuvepNf2WoRtn0hw==';
const EXAMPLE_FINGERPRINT = 'SHA256:vjUc5ExPflVUcc17uPHn/ji0gnpD2xgTV1nh3IvBjbk=';
const HEADER_SIGNATURE =
  'qJflJ92zFA/an0xvM8wPRe/M+zkmPR+XKRBSDFUE8dUdjCvg/FnXzHzMW6cdQRWnO7d9d/GG9oqRYzqklyzyh676RrCF4syOPI0ONIqm5XgJ029GPzH791Cf0NJcd7Yb0Ewe6K9jhCYnsXXO9PDMUMVkC9UHB8zWd1la9+3MO/+paLCQtu+iI2vijkpTtOu1mzxQ1I98kMi8K+dxogtWDi0a3KKqDEnF4BuvJr3S6F0oEXfzmlBEoi5D2yT2PTIPWg7g2gbyvmZKPGjxtZFrXNCWwiHh0ze3LHpTo5W5wWqJGbmyJopHQBzxdRdRMjD+VltFR/kPY+YNf1Nlmh8FyQ==';

describe('stringToSign', () => {
  it('matches the protocol example exactly (sign dropped, keys sorted, values raw)', () => {
    expect(stringToSign(EXAMPLE_ENVELOPE)).toBe(EXAMPLE_STRING);
  });

  it('drops undefined, null and empty values but keeps "0" and false', () => {
    expect(stringToSign({ b: '', a: null, c: undefined, d: '0', e: false, f: 0 })).toBe('d=0&e=false&f=0');
  });

  it('sorts by UTF-8 bytes, not by locale or UTF-16 code units', () => {
    // 'Z' (0x5a) < '_' (0x5f) < 'a' (0x61) in bytes; localeCompare would put '_' first and 'a' before 'Z'.
    expect(stringToSign({ a: '1', _: '2', Z: '3' })).toBe('Z=3&_=2&a=1');
    // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in UTF-8, though its UTF-16 unit 0xFF5E is larger
    // than the surrogate 0xD83D.
    const astral = '\u{1F600}';
    expect(compareUtf8('\uFF5E', astral)).toBeLessThan(0);
    expect('\uFF5E' < astral).toBe(false);
    expect(stringToSign({ [astral]: 'x', '\uFF5E': 'y' })).toBe(`\uFF5E=y&${astral}=x`);
  });

  it('keeps values raw: no URL-encoding, no escaping of & or = inside biz_content', () => {
    expect(stringToSign({ biz_content: '{"subject":"诊断 & 测试=1"}', app_id: 'X' })).toBe(
      'app_id=X&biz_content={"subject":"诊断 & 测试=1"}',
    );
  });
});

describe('signRsa2 / verifyRsa2', () => {
  it('signs the protocol example with the known answer (PKCS#8 and PKCS#1 give the same signature)', () => {
    expect(signRsa2(EXAMPLE_STRING, PKCS8)).toBe(EXAMPLE_SIGNATURE);
    expect(signRsa2(EXAMPLE_STRING, PKCS1)).toBe(EXAMPLE_SIGNATURE);
  });

  it('verifies with the public key, or with the private key PEM', () => {
    expect(verifyRsa2(EXAMPLE_STRING, EXAMPLE_SIGNATURE, PUBLIC)).toBe(true);
    expect(verifyRsa2(EXAMPLE_STRING, EXAMPLE_SIGNATURE, PKCS1)).toBe(true);
  });

  it('rejects a changed message, a changed signature, junk, and another key', () => {
    expect(verifyRsa2(EXAMPLE_STRING + ' ', EXAMPLE_SIGNATURE, PUBLIC)).toBe(false);
    const flipped = (EXAMPLE_SIGNATURE.startsWith('A') ? 'B' : 'A') + EXAMPLE_SIGNATURE.slice(1);
    expect(verifyRsa2(EXAMPLE_STRING, flipped, PUBLIC)).toBe(false);
    expect(verifyRsa2(EXAMPLE_STRING, 'not base64!', PUBLIC)).toBe(false);
    expect(verifyRsa2(EXAMPLE_STRING, '', PUBLIC)).toBe(false);
    expect(verifyRsa2(EXAMPLE_STRING, 'AAAA', PUBLIC)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verifyRsa2(EXAMPLE_STRING, EXAMPLE_SIGNATURE, other.publicKey)).toBe(false);
  });

  it('signs the UTF-8 bytes of Chinese text', () => {
    const message = 'subject=诊断测试订单';
    const signature = signRsa2(message, PKCS8);
    expect(verifyRsa2(Buffer.from(message, 'utf8'), signature, PUBLIC)).toBe(true);
    expect(verifyRsa2(Buffer.from(message, 'latin1'), signature, PUBLIC)).toBe(false);
  });

  it('refuses a non-RSA key instead of signing with it', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(() => signRsa2('x', ec.privateKey)).toThrow(/RSA/);
    expect(() => signRsa2('x', 'not a pem')).toThrow();
  });
});

describe('gatewayTimestamp', () => {
  it('is GMT+8 whatever the process time zone', () => {
    expect(gatewayTimestamp(new Date('2026-11-25T02:00:00Z'))).toBe('2026-11-25 10:00:00');
    // Crosses midnight and a year boundary in GMT+8 while still the previous day in UTC.
    expect(gatewayTimestamp(new Date('2026-12-31T16:00:05.999Z'))).toBe('2027-01-01 00:00:05');
    expect(gatewayTimestamp(new Date('2024-02-28T16:30:00Z'))).toBe('2024-02-29 00:30:00');
  });

  it('parses back to the same instant and rejects impossible dates', () => {
    const instant = new Date('2026-11-25T02:00:00Z');
    expect(parseGatewayTimestamp('2026-11-25 10:00:00')?.getTime()).toBe(instant.getTime());
    expect(parseGatewayTimestamp('2026-02-30 10:00:00')).toBeNull();
    expect(parseGatewayTimestamp('2026-11-25T10:00:00')).toBeNull();
    expect(parseGatewayTimestamp('2026-11-25 10:00')).toBeNull();
  });
});

describe('newNonce', () => {
  it('is 32 lowercase hex characters and does not repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('header signatures (platform responses, intake requests)', () => {
  const body = '{"code":"10000","msg":"Success"}';

  it('builds timestamp\\nnonce\\nbody\\n and matches the openssl known answer', () => {
    expect(
      headerSignatureMessage('1764036000', '9f86d081884c7d659a2feaa0c55ad015', body).toString('utf8'),
    ).toBe(`1764036000\n9f86d081884c7d659a2feaa0c55ad015\n${body}\n`);
    const signed = signHeaderMessage(body, PKCS8, {
      now: new Date(1_764_036_000_500),
      nonce: '9f86d081884c7d659a2feaa0c55ad015',
    });
    expect(signed).toEqual({
      timestamp: '1764036000',
      nonce: '9f86d081884c7d659a2feaa0c55ad015',
      signature: HEADER_SIGNATURE,
    });
    expect(verifyHeaderMessage(body, signed, PUBLIC)).toBe(true);
  });

  it('signs raw bytes (a zip body is not text) and rejects any change', () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]);
    const signed = signHeaderMessage(bytes, PKCS1);
    expect(verifyHeaderMessage(bytes, signed, PUBLIC)).toBe(true);
    expect(verifyHeaderMessage(Buffer.from(bytes.toString('utf8'), 'utf8'), signed, PUBLIC)).toBe(false);
    expect(verifyHeaderMessage(bytes, { ...signed, nonce: newNonce() }, PUBLIC)).toBe(false);
    expect(
      verifyHeaderMessage(bytes, { ...signed, timestamp: String(Number(signed.timestamp) + 1) }, PUBLIC),
    ).toBe(false);
  });

  it('reads the three headers, or null when one is missing', () => {
    const names = { timestamp: 'x-t', nonce: 'x-n', signature: 'x-s' };
    expect(readHeaderSignature({ 'x-t': '1', 'x-n': 'n', 'x-s': 's' }, names)).toEqual({
      timestamp: '1',
      nonce: 'n',
      signature: 's',
    });
    expect(readHeaderSignature({ 'x-t': '1', 'x-n': 'n' }, names)).toBeNull();
    expect(readHeaderSignature({ 'x-t': '1', 'x-n': 'n', 'x-s': ['a', 'b'] }, names)).toBeNull();
  });
});

describe('publicKeyFingerprint', () => {
  it('hashes the DER SubjectPublicKeyInfo (openssl known answer) from public, PKCS#8 or PKCS#1 PEM', () => {
    expect(publicKeyFingerprint(PUBLIC)).toBe(EXAMPLE_FINGERPRINT);
    expect(publicKeyFingerprint(PKCS8)).toBe(EXAMPLE_FINGERPRINT);
    expect(publicKeyFingerprint(PKCS1)).toBe(EXAMPLE_FINGERPRINT);
  });

  it('differs for another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(publicKeyFingerprint(other.publicKey)).not.toBe(EXAMPLE_FINGERPRINT);
  });
});

describe('firstDifference', () => {
  it('is -1 for equal strings', () => {
    expect(firstDifference('', '')).toBe(-1);
    expect(firstDifference(EXAMPLE_STRING, EXAMPLE_STRING)).toBe(-1);
  });

  it('points at the first differing character', () => {
    expect(firstDifference('abc', 'abd')).toBe(2);
    expect(firstDifference('xbc', 'abc')).toBe(0);
    const ours = EXAMPLE_STRING;
    const theirs = EXAMPLE_STRING.replace('amount', 'Amount');
    expect(firstDifference(ours, theirs)).toBe(ours.indexOf('amount'));
  });

  it('is the shorter length when one is a prefix of the other', () => {
    expect(firstDifference('abc', 'abcdef')).toBe(3);
    expect(firstDifference('abcdef', '')).toBe(0);
  });

  it('never splits a surrogate pair', () => {
    // Same high surrogate, different low surrogate: the marker goes on the whole character.
    expect(firstDifference('a\u{1F600}', 'a\u{1F601}')).toBe(1);
    expect(firstDifference('诊断', '诊所')).toBe(1);
  });
});
