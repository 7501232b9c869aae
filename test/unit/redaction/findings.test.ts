import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { huntHar, RedactionEngine } from '../../../main/redaction';
import { collectEnvironment } from '../../../main/report';
import { CheckedStoreConfigSchema } from '../../../shared/config/store-config';

/**
 * Issue 12's findings, one by one: each secret below survived the denylist engine. The shapes are the
 * ones a hostile page, a merchant's `.env` habits or a real cashier produce.
 */
const fixture = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const KEY_PEM = fixture('../signing/fixtures/test-merchant-pkcs8.pem');
const key = createPrivateKey(KEY_PEM);
const der = key.export({ type: 'pkcs8', format: 'der' });
const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
const P12 = fixture('./fixtures/test-merchant.p12.b64').trim();

const engine = () =>
  new RedactionEngine({ keep: ['2088000000000001', 'BTSB2026000000000001'], knownSecrets: [KEY_PEM] });

/** No run of 40 characters of `secret` is left in `text`. */
function expectGone(text: string, secret: string) {
  expect(text).not.toContain(secret);
  for (let at = 0; at + 40 <= secret.length; at += 20) expect(text).not.toContain(secret.slice(at, at + 40));
}

/** A value planted where report.json → simulation.runs[].console[].text holds it. */
const inConsole = (e: RedactionEngine, text: string) =>
  JSON.stringify(e.json({ simulation: { runs: [{ console: [{ level: 'log', text }] }] } }));

describe('the merchant key in other encodings', () => {
  it.each([
    ['base64 of the whole PEM (an .env variable)', Buffer.from(KEY_PEM).toString('base64')],
    ['base64url of the whole PEM', Buffer.from(KEY_PEM).toString('base64url')],
    ['DER as hex', der.toString('hex')],
    ['DER as upper-case hex', der.toString('hex').toUpperCase()],
    ['DER as base64url', der.toString('base64url')],
    ['DER as base64', der.toString('base64')],
    ['JWK d', jwk.d!],
    ['JWK p', jwk.p!],
    ['JWK q', jwk.q!],
    ['JWK dp', jwk.dp!],
    ['JWK dq', jwk.dq!],
    ['JWK qi', jwk.qi!],
  ])('%s, in console text', (_name, form) => {
    const e = engine();
    expectGone(inConsole(e, `MERCHANT_KEY=${form}`), form);
    expectGone(inConsole(e, `glued${form}glued`), form);
  });

  it('all JWK private members in a logged JWK', () => {
    const e = engine();
    const out = e.text(JSON.stringify(jwk));
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expectGone(out, jwk[member]!);
    // The public part is not secret and stays readable.
    expect(out).toContain(`"e":"${jwk.e!}"`);
  });

  it('a PKCS#12 keystore in base64, even from a key this machine does not know', () => {
    const out = inConsole(new RedactionEngine(), `P12=${P12}`);
    expectGone(out, P12);
  });
});

describe('cookie values echoed by the page', () => {
  const har = {
    log: {
      entries: [
        {
          request: {
            url: 'https://shop.example.cn/',
            headers: [{ name: 'Cookie', value: 'pt_pin=jd_Zr9x7Q' }],
          },
          response: {
            headers: [{ name: 'Set-Cookie', value: 'pt_key=AAJnZ3Yk9Ql0cookieV4lue; Path=/; HttpOnly' }],
            cookies: [{ name: '__jda', value: '122270672.17641.1764' }],
          },
        },
      ],
    },
  };

  it.each([
    ['console text', (e: RedactionEngine, t: string) => inConsole(e, t)],
    [
      'an exception',
      (e: RedactionEngine, t: string) => JSON.stringify(e.json({ exceptions: [{ text: t }] })),
    ],
    [
      'page.console-errors evidence',
      (e: RedactionEngine, t: string) =>
        JSON.stringify(e.json({ checks: [{ id: 'page.console-errors', evidence: { errors: [t] } }] })),
    ],
    ['a log line', (e: RedactionEngine, t: string) => e.text(t)],
  ])('in %s, learnt from the HAR before anything is written', (_where, redact) => {
    const e = engine();
    huntHar(e, har);
    const out = redact(
      e,
      'cookie dump: pt_key=AAJnZ3Yk9Ql0cookieV4lue; pt_pin=jd_Zr9x7Q __jda 122270672.17641.1764',
    );
    expect(out).not.toContain('AAJnZ3Yk9Ql0cookieV4lue');
    expect(out).not.toContain('jd_Zr9x7Q');
    expect(out).not.toContain('122270672.17641.1764');
  });

  it.each([
    ['sid="…"', 'Set sid="s3ss10nQuoted42" for the buyer', 's3ss10nQuoted42'],
    ['Token token="…"', 'Authorization: Token token="t0kenQuoted77abc"', 't0kenQuoted77abc'],
    ['Token token="…" without the header name', 'sent Token token="t0kenQuoted77abc"', 't0kenQuoted77abc'],
    [
      'Digest response="…"',
      'Digest username="buyer01", realm="shop", nonce="n0nceQ19", uri="/pay", response="6629fae49393a05397450978507c4ef1"',
      '6629fae49393a05397450978507c4ef1',
    ],
  ])('quoted form %s', (_name, text, secret) => {
    const out = engine().text(text);
    expect(out).not.toContain(secret);
  });

  it('Digest keeps what says how (realm, uri) and drops who (username, nonce, response)', () => {
    const out = engine().text(
      'Digest username="buyer01", realm="shop", nonce="n0nceQ19", uri="/pay", response="6629fae4"',
    );
    expect(out).toContain('realm="shop"');
    expect(out).toContain('uri="/pay"');
    expect(out).not.toMatch(/buyer01|n0nceQ19|6629fae4/);
  });
});

describe('secrets under names no list had', () => {
  it.each([
    ['X-Auth-Token', 'xat_9Qm2Lp7Vn4'],
    ['X-Session-Id', 'sess-77f1c0de9a'],
    ['X-App-Secret', 'appsec_Kq81Zr0'],
  ])('response header %s, in the HAR and in DevTools events, and echoed later', (name, value) => {
    const e = engine();
    const har = {
      log: {
        entries: [{ request: { url: 'https://c.example/' }, response: { headers: [{ name, value }] } }],
      },
    };
    huntHar(e, har);
    const harOut = JSON.stringify(e.json(har));
    const cdpOut = JSON.stringify(
      e.json({ method: 'Network.responseReceived', params: { response: { headers: { [name]: value } } } }),
    );
    const echo = inConsole(e, `debug ${value}`);
    for (const out of [harOut, cdpOut, echo]) expect(out).not.toContain(value);
    expect(harOut).toContain(`"name":"${name}"`);
  });

  it.each(['app_secret', 'key', 'session_key', 'appkey', 'x-access-token'])(
    'query parameter %s in every place a URL is kept',
    (param) => {
      const secret = `Qv${param.length}Zk81mW3p`;
      const url = `https://shop.example.cn/pay?amount=199.00&${param}=${secret}&charset=utf-8`;
      const e = engine();
      const outs = [
        JSON.stringify(e.json({ store_url: url })),
        JSON.stringify(e.json({ targets: [{ role: 'store', url }] })),
        JSON.stringify(e.json({ evidence: { request: url } })),
        JSON.stringify(e.json({ hops: [{ url, location: `/next?${param}=${secret}` }] })),
        JSON.stringify(
          e.json({ request: { url, queryString: [{ name: param, value: secret }] }, response: {} }),
        ),
      ];
      for (const out of outs) {
        expect(out).not.toContain(secret);
        // The shape stays: the name is kept, and so are harmless values.
        expect(out).toContain(`${param}=`);
      }
      expect(outs[0]).toContain('amount=199.00');
      expect(outs[0]).toContain('charset=utf-8');
    },
  );

  it.each([
    ['#frag=', 'https://shop.example.cn/return#frag=FrAg9Secret1'],
    ['#id_token=', 'https://shop.example.cn/cb#id_token=eyJhbGciOi.abc&state=St4te9Q'],
  ])('fragment values %s', (_name, url) => {
    const out = JSON.stringify(engine().json({ finalUrl: url }));
    expect(out).not.toMatch(/FrAg9Secret1|eyJhbGciOi|St4te9Q/);
  });

  const body = {
    appSecret: 'as_9f8e7d6c',
    pay_pwd: '802211',
    md5Key: 'md5k_Ab12Cd34',
    mch_key: 'mk_Zz99Yy88',
    code: '10000',
  };
  const secrets = ['as_9f8e7d6c', '802211', 'md5k_Ab12Cd34', 'mk_Zz99Yy88'];

  it.each([
    [
      'a request body (HAR postData)',
      (e: RedactionEngine) =>
        JSON.stringify(
          e.json({ request: { postData: { mimeType: 'application/json', text: JSON.stringify(body) } } }),
        ),
    ],
    [
      'a response body (HAR content)',
      (e: RedactionEngine) =>
        JSON.stringify(
          e.json({ response: { content: { mimeType: 'application/json', text: JSON.stringify(body) } } }),
        ),
    ],
    ['console text', (e: RedactionEngine) => inConsole(e, `resp ${JSON.stringify(body)}`)],
    [
      'console text, JSON-escaped',
      (e: RedactionEngine) => inConsole(e, JSON.stringify(JSON.stringify(body))),
    ],
    ['check evidence', (e: RedactionEngine) => JSON.stringify(e.json({ evidence: body }))],
  ])('JSON members appSecret, pay_pwd, md5Key, mch_key in %s', (_where, redact) => {
    const out = redact(engine());
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).toContain('10000');
  });

  it('outside JSON bodies keep only harmless members; the rest become aliases with their names', () => {
    const e = engine();
    const out = e.json({
      response: {
        content: {
          mimeType: 'application/json',
          text: JSON.stringify({
            code: '40004',
            sub_code: 'isv.invalid-signature',
            buyer: { nick: '小王' },
            n: 3,
          }),
        },
      },
    });
    const parsed = JSON.parse(out.response.content.text) as Record<string, unknown>;
    expect(parsed).toEqual({
      code: '40004',
      sub_code: 'isv.invalid-signature',
      buyer: { nick: expect.stringMatching(/^REDACTED-VALUE-\d+$/) },
      n: 3,
    });
  });

  it('headers not on the harmless list become aliases; harmless ones are kept', () => {
    const e = engine();
    const out = e.json({
      headers: [
        { name: 'Content-Type', value: 'text/html; charset=utf-8' },
        { name: 'X-Debug-Note', value: 'buyer is zhang' },
        { name: 'Location', value: '/cashier?token=tk_q81ZZ&charset=utf-8' },
      ],
    });
    expect(out.headers[0]!.value).toBe('text/html; charset=utf-8');
    expect(out.headers[1]).toEqual({
      name: 'X-Debug-Note',
      value: expect.stringMatching(/^REDACTED-VALUE-\d+$/),
    });
    expect(out.headers[2]!.value).toMatch(/^\/cashier\?token=REDACTED-TOKEN-\d+&charset=utf-8$/);
  });

  it('unknown store.json fields are not copied into environment.store, only their names', () => {
    const store = CheckedStoreConfigSchema.parse({
      configVersion: 1,
      environment: 'sandbox',
      merchantNo: '2088000000000001',
      appId: 'BTSB2026000000000001',
      storeName: '小店',
      storeUrl: 'https://shop.example.cn/',
      signType: 'RSA2',
      notifyUrl: 'https://shop.example.cn/notify',
      returnUrl: 'https://shop.example.cn/return',
      charset: 'UTF-8',
      appSecretBackup: 'env_Secret_91',
      baitiao: { enabled: true, installments: [3, 6], appSecret: 'bt_Secret_42' },
      testOrder: { amount: '199.00', subject: '测试', buyerPhone: 'buyer_Phone_7' },
    });
    const env = collectEnvironment({ locale: 'zh-CN', runtime: 'node', store });
    const out = JSON.stringify(engine().json(env));
    expect(out).not.toMatch(/env_Secret_91|bt_Secret_42|buyer_Phone_7/);
    expect((env.store as { unknown_fields: string[] }).unknown_fields).toEqual([
      'appSecretBackup',
      'baitiao.appSecret',
      'testOrder.buyerPhone',
    ]);
    expect(out).toContain('"installments":[3,6]');
  });
});

describe('the computer user name and home path', () => {
  it.each([
    ['check evidence', { evidence: { keyFile: 'C:\\Users\\ZhangSan\\Documents\\key.pem' } }],
    ['the browser path', { browser: { path: 'C:\\Users\\ZhangSan\\AppData\\Local\\Chromium\\chrome.exe' } }],
    ['console text', { console: [{ text: 'loaded file:///C:/Users/ZhangSan/Desktop/x.html' }] }],
    ['a Linux home', { browser: { path: '/home/zhangsan/.cache/ms-playwright/chrome' } }],
    ['a macOS home', { console: [{ text: 'at /Users/zhangsan/Library/x.js:1' }] }],
  ])('in %s', (_where, value) => {
    const out = JSON.stringify(engine().json(value));
    expect(out.toLowerCase()).not.toContain('zhangsan');
  });

  it('the user name as a word, anywhere, when the engine is told it', () => {
    const e = new RedactionEngine({ osUserName: 'zhangsan' });
    expect(e.text('DESKTOP-1 zhangsan ran it')).not.toContain('zhangsan');
    // A common account name is not hunted as a word: it would eat ordinary text.
    expect(new RedactionEngine({ osUserName: 'admin' }).text('the admin page')).toBe('the admin page');
  });
});
