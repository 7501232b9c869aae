import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RedactionEngine, PERSONAL_DATA_RULES } from '../../../main/redaction';

const KEY_PEM = readFileSync(new URL('../signing/fixtures/test-merchant-pkcs8.pem', import.meta.url), 'utf8');
const KEY_PKCS1 = readFileSync(
  new URL('../signing/fixtures/test-merchant-pkcs1.pem', import.meta.url),
  'utf8',
);
const PUBLIC_PEM = readFileSync(
  new URL('../signing/fixtures/test-merchant-public.pem', import.meta.url),
  'utf8',
);
const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, '');
const SIGNATURE = sign('sha256', Buffer.from('x'), createPrivateKey(KEY_PEM)).toString('base64');
const OTHER_KEY_DER = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'sec1', format: 'der' })
  .toString('base64');

const engine = (knownSecrets: string[] = []) =>
  new RedactionEngine({ keep: ['2088000000000001', 'BTSB2026000000000001'], knownSecrets });

describe('redaction rules, one by one', () => {
  it.each([
    ['PEM private key block', `key:\n${KEY_PEM}end`, 'private-key-pem'],
    ['PKCS#1 block', KEY_PKCS1, 'private-key-pem'],
    ['PEM inside a JSON dump (escaped newlines)', JSON.stringify({ k: KEY_PEM }), 'private-key-pem'],
    ['a PEM cut short (no END)', KEY_PEM.slice(0, 300), 'private-key-pem'],
    ['bare base64 RSA key body', `k=${body(KEY_PEM)}`, 'private-key-base64'],
    ['bare EC key body behind letters', `keyis${OTHER_KEY_DER}`, 'private-key-base64'],
    ['bare RSA signature', `sig ${SIGNATURE} end`, 'signature'],
    ['sign= in a URL', 'https://gw.example/x?a=1&sign=abcDEF123%2B&b=2', 'signature'],
    ['X-Sign header line', `X-Sign: ${'A'.repeat(40)}`, 'signature'],
    ['token in a query string', 'https://c.example/pay?token=tk_9f8e7d&x=1', 'token'],
    [
      'trade_token, URL-encoded inside another URL',
      'next=https%3A%2F%2Fc.example%2Fpay%3Ftrade_token%3Dabc123%26x%3D1',
      'token',
    ],
    ['a JWT', 'bearer-less eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'token'],
    ['Authorization header', 'Authorization: Bearer abc.def.ghi-123', 'authorization'],
    ['Basic credentials in text', 'sent Basic dXNlcjpwYXNzd29yZA==', 'authorization'],
    ['Cookie header', 'Cookie: JSESSIONID=ab12; cart=xyz', 'cookie'],
    ['Set-Cookie header', 'Set-Cookie: sid=s3cr3t; Path=/; HttpOnly', 'set-cookie'],
    ['URL user and password', 'proxy https://alice:pa55@proxy.example:8080/', 'url-credentials'],
    ['mobile', '联系 13800138000 谢谢', 'mobile-cn'],
    ['mobile with +86 and dashes', 'tel +86 139-1234-5678', 'mobile-cn'],
    ['ID card with X check digit', '身份证 11010519491231002X', 'id-card-cn'],
    ['UnionPay card', '卡号 6222021234567890128', 'bank-card'],
    ['Visa card in groups', 'card 4111 1111 1111 1111 exp', 'bank-card'],
    ['e-mail', 'mail owner@shop.example.cn now', 'email'],
    ['e-mail percent-encoded', 'mail to owner%40shop.example.cn', 'email'],
    ['an 18-digit ID with a wrong check digit', '证件 110105194912310021', 'id-card-cn'],
    ['a 15-digit ID (issued before 1999)', '证件 110105491231002', 'id-card-cn'],
    ['a card number that fails Luhn (mistyped)', '卡号 6222021234567890123', 'bank-card'],
    ['a mobile in full-width digits', '电话 １３８００１３８０００', 'mobile-cn'],
    ['a mobile with dots', 'tel 138.0013.8000', 'mobile-cn'],
    ['a mobile with spaces', 'tel 138 0013 8000', 'mobile-cn'],
    ['an internationalized e-mail', '邮箱 用户@例子.中国', 'email'],
    ['an e-mail on an IDN domain', 'mail owner@商店.example.cn', 'email'],
    ['an e-mail with a quoted local part', 'mail "john doe"@example.com', 'email'],
    ['a Windows home path', 'browser C:\\Users\\ZhangSan\\AppData\\Local\\chrome.exe', 'os-user'],
    ['a JSON-escaped Windows home path', '{"p":"C:\\\\Users\\\\ZhangSan\\\\x"}', 'os-user'],
    ['a Linux home path', 'open /home/zhangsan/.config/x', 'os-user'],
    ['a macOS home path', 'at /Users/zhangsan/Library', 'os-user'],
    ['a long opaque base64 blob', `data ${'Ab3'.repeat(80)}`, 'blob'],
    ['a long hex blob', `data ${'0f1e'.repeat(60)}`, 'blob'],
  ])('%s', (_name, input, rule) => {
    const e = engine();
    const out = e.text(input);
    expect(out).not.toBe(input);
    expect(e.counts()[rule as keyof ReturnType<typeof e.counts>]).toBeGreaterThan(0);
    expect(out).toMatch(/REDACTED-[A-Z-]+-\d+/);
  });

  it.each([
    ['the merchant number (kept)', 'merchant 2088000000000001'],
    ['the app id (kept)', 'BTSB2026000000000001'],
    ['a millisecond timestamp', 'at 1764124800000'],
    ['an 18-digit number whose birth date is not a day', '110105194913310021'],
    ['a 16-digit number no card network issues', '9222021234567890123'],
    ['a common home folder', 'C:\\Users\\Public\\Desktop'],
    ['a URL path that says users', 'https://x.example/Users/abc'],
    ['an order number with letters around digits', 'ORD13800138000X'],
    ['a 32-hex nonce', 'nonce 9f86d081884c7d659a2feaa0c55ad015'],
    ['a ticket id', 'TK20261126000001'],
    ['a public key PEM', PUBLIC_PEM],
    ['a key fingerprint', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
    ['plain Chinese prose', '支付失败，请稍后再试'],
    ['the word token on its own', 'the token was missing'],
    ['sign_type', 'sign_type=RSA2'],
  ])('leaves alone %s', (_name, input) => {
    const e = engine();
    expect(e.text(input)).toBe(input);
    expect(e.counts()).toEqual({});
  });

  it('gives the same value the same alias everywhere, however it is written', () => {
    const e = engine();
    const a = e.text('a 13800138000');
    const b = e.text('b +86 138 0013 8000');
    const c = e.json({ phone: 13800138000, other: '13900139000' });
    expect(a).toBe('a REDACTED-MOBILE-1');
    expect(b).toBe('b REDACTED-MOBILE-1');
    expect(c).toEqual({ phone: 'REDACTED-MOBILE-1', other: 'REDACTED-MOBILE-2' });
    expect(e.counts()).toEqual({ 'mobile-cn': 4 });
  });

  it('finds the known merchant key in any encoding and in single lines', () => {
    const e = engine([KEY_PEM]);
    const line = KEY_PEM.split('\n')[5]!;
    const pkcs1Line = KEY_PKCS1.split('\n')[7]!;
    expect(e.text(`log: ${line}`)).toBe('log: REDACTED-SECRET-1');
    expect(e.text(`${pkcs1Line} trailing`)).not.toContain(pkcs1Line);
    expect(e.text(body(KEY_PEM).slice(100, 160))).not.toContain(body(KEY_PEM).slice(100, 160));
    expect(e.counts()['known-secret']).toBe(3);
  });

  it('replaces known secrets that are not keys verbatim', () => {
    const e = new RedactionEngine({ knownSecrets: ['hunter2-password'] });
    expect(e.text('pw hunter2-password and hunter2-password')).toBe(
      'pw REDACTED-SECRET-1 and REDACTED-SECRET-1',
    );
    expect(e.counts()['known-secret']).toBe(2);
  });

  it('redacts structured data by field name and keeps the shape', () => {
    const e = engine();
    const har = {
      request: {
        url: 'https://c.example/pay?token=T1',
        headers: [
          { name: 'Cookie', value: 'a=1; b=2' },
          { name: 'X-Sign', value: 'c2lnbmF0dXJl' },
          { name: 'Accept', value: 'text/html' },
        ],
        cookies: [{ name: 'a', value: '1', httpOnly: true }],
        queryString: [{ name: 'token', value: 'T1' }],
      },
      response: { headers: [{ name: 'Set-Cookie', value: 'sid=9; Path=/\nother=8; Secure' }] },
      sign: 'abc',
      merchantPrivateKey: { file: 'keys/merchant.pem' },
      password: 'p',
      count: 3,
      ok: true,
      none: null,
    };
    const out = e.json(har);
    expect(out).toEqual({
      request: {
        url: 'https://c.example/pay?token=REDACTED-TOKEN-1',
        headers: [
          { name: 'Cookie', value: 'a=REDACTED-COOKIE-1; b=REDACTED-COOKIE-2' },
          { name: 'X-Sign', value: 'REDACTED-SIGNATURE-1' },
          { name: 'Accept', value: 'text/html' },
        ],
        cookies: [{ name: 'a', value: 'REDACTED-COOKIE-1', httpOnly: true }],
        queryString: [{ name: 'token', value: 'REDACTED-TOKEN-1' }],
      },
      response: {
        headers: [
          { name: 'Set-Cookie', value: 'sid=REDACTED-COOKIE-3; Path=/\nother=REDACTED-COOKIE-4; Secure' },
        ],
      },
      sign: 'REDACTED-SIGNATURE-2',
      merchantPrivateKey: { file: 'keys/merchant.pem' },
      password: 'REDACTED-SECRET-1',
      count: 3,
      ok: true,
      none: null,
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('skips the personal-data rules where asked (the contact the merchant gave), never the credential ones', () => {
    const e = engine();
    const contact = { phone: '13800138000', email: 'me@shop.example.cn', name: 'token=abc' };
    expect(e.json(contact, { skip: PERSONAL_DATA_RULES })).toEqual({
      phone: '13800138000',
      email: 'me@shop.example.cn',
      name: 'token=REDACTED-TOKEN-1',
    });
  });

  it('is idempotent: redacting redacted output changes nothing and counts nothing more', () => {
    const e = engine([KEY_PEM]);
    const input = `Cookie: a=1\nSet-Cookie: s=2\nAuthorization: Bearer xyzxyzxyz\n13800138000 ${KEY_PEM} https://a:b@h.example/?token=t&sign=s`;
    const once = e.text(input);
    const counts = e.counts();
    expect(e.text(once)).toBe(once);
    expect(e.counts()).toEqual(counts);
    // The probe's own capture-time markers are left as they are.
    expect(e.text('Cookie: [REDACTED] https://c.example/pay?token=REDACTED')).toBe(
      'Cookie: [REDACTED] https://c.example/pay?token=REDACTED',
    );
  });
});

describe('credentials written as fields in free text (logged JSON, config dumps)', () => {
  it.each([
    ['"password":"hunter22"', 'secret-field'],
    ["access_token: 'abc.def'", 'token'],
    ['{"merchantPrivateKey": "notapem123"}', 'secret-field'],
    ['passphrase: s3cret', 'secret-field'],
  ])('%s', (input, rule) => {
    const e = engine();
    expect(e.text(input)).toMatch(/REDACTED-[A-Z-]+-1/);
    expect(Object.keys(e.counts())).toEqual([rule]);
  });
});
