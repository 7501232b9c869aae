import { har as validateHar } from 'har-validator';
import { describe, expect, it } from 'vitest';
import { simulationHar } from '../../../main/simulation';
import { createCaptureSanitizer } from '../../../main/simulation/capture-sanitizer';
import type { CdpEvent } from '../../../shared/simulation/simulation-result';
import { hopFixture, resultFixture } from './fixtures';

const TOKEN = '9f0ea18a5a63d2bf00fc19d9e3814f00';
const SIGN = 'QmFzZTY0U2lnbmF0dXJlVmFsdWUrLz0=';
const COOKIE = 'JSESSIONID=cookie-secret-123456';
const BEARER = 'Bearer abcdef0123456789';

const timing = {
  requestTime: 100,
  proxyStart: -1,
  proxyEnd: -1,
  dnsStart: 0,
  dnsEnd: 1,
  connectStart: 1,
  connectEnd: 5,
  sslStart: 2,
  sslEnd: 5,
  workerStart: -1,
  workerReady: -1,
  sendStart: 5.5,
  sendEnd: 6,
  pushStart: 0,
  pushEnd: 0,
  receiveHeadersStart: 7,
  receiveHeadersEnd: 8,
};

/** What Chrome reports for one request that carries every kind of secret, as CDP sends it. */
function rawEvents(): CdpEvent[] {
  const url = `https://cashier.example/pay?token=${TOKEN}&sign=${encodeURIComponent(SIGN)}`;
  return [
    { method: 'Page.frameStartedLoading', params: { frameId: 'F1' } },
    {
      method: 'Network.requestWillBeSent',
      params: {
        requestId: 'R1',
        loaderId: 'L1',
        frameId: 'F1',
        documentURL: url,
        type: 'Document',
        timestamp: 100,
        wallTime: 1_795_000_000,
        initiator: { type: 'other' },
        request: {
          url,
          method: 'POST',
          headers: {
            Cookie: COOKIE,
            Authorization: BEARER,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          postData: `trade_token=${TOKEN}&amount=199.00&sign=${SIGN}`,
        },
      },
    },
    {
      method: 'Network.responseReceived',
      params: {
        requestId: 'R1',
        loaderId: 'L1',
        frameId: 'F1',
        type: 'Document',
        timestamp: 100.01,
        response: {
          url,
          status: 200,
          statusText: 'OK',
          headers: {
            'Set-Cookie': `${COOKIE}; Secure; HttpOnly`,
            'Content-Type': 'text/html; charset=utf-8',
          },
          mimeType: 'text/html',
          protocol: 'http/1.1',
          remoteIPAddress: '127.0.0.1',
          remotePort: 443,
          connectionId: 7,
          encodedDataLength: 120,
          timing,
        },
      },
    },
    {
      method: 'Network.loadingFinished',
      params: { requestId: 'R1', timestamp: 100.02, encodedDataLength: 520 },
    },
  ];
}

describe('capture sanitizer', () => {
  it('redacts cookies, credentials and token/trade_token/sign in URLs, forms, JSON and free text', () => {
    const sanitizer = createCaptureSanitizer();
    sanitizer.addSecret(TOKEN);
    const clean = JSON.stringify(rawEvents().map((e) => sanitizer.params(e.params)));
    for (const secret of [
      TOKEN,
      SIGN,
      encodeURIComponent(SIGN),
      'cookie-secret-123456',
      'abcdef0123456789',
    ]) {
      expect(clean).not.toContain(secret);
    }
    expect(sanitizer.text(`{"sign":"${SIGN}","trade_token":"${TOKEN}","amount":"1"}`)).toBe(
      '{"sign":"REDACTED","trade_token":"REDACTED","amount":"1"}',
    );
    expect(sanitizer.text(`see /pay/${TOKEN}/x`)).toBe('see /pay/REDACTED/x');
    expect(sanitizer.text('Cookie: a=b\nAccept: */*')).toBe('Cookie: [REDACTED]\nAccept: */*');
    expect(sanitizer.params({ associatedCookies: [{ cookie: { value: 'x' } }] })).toEqual({
      associatedCookies: [],
    });
  });
});

describe('simulation HAR', () => {
  it('is valid HAR 1.2, built by chrome-har, with nothing secret left', async () => {
    const sanitizer = createCaptureSanitizer();
    sanitizer.addSecret(TOKEN);
    const events = rawEvents().map((e) => ({ method: e.method, params: sanitizer.params(e.params) }));
    const har = simulationHar(resultFixture({ network: { events, truncated: false } }), {
      name: 'Baitiao Doctor',
      version: '1.0.0',
    });
    await expect(validateHar(har)).resolves.toBeTruthy();
    const json = JSON.stringify(har);
    for (const secret of [TOKEN, SIGN, 'cookie-secret-123456', 'abcdef0123456789'])
      expect(json).not.toContain(secret);
    const entry = har.log.entries[0] as {
      request: { cookies: unknown[]; headers: { name: string; value: string }[] };
    };
    expect(entry.request.cookies).toEqual([]);
    expect(entry.request.headers.find((h) => h.name === 'Cookie')?.value).toBe('[REDACTED]');
    expect(har.log.creator).toMatchObject({ name: 'Baitiao Doctor', version: '1.0.0' });
    expect(har.log.comment).toMatch(/Sanitized/);
  });

  it('adds back the hops chrome-har drops (no answer), as DevTools does: status 0 and _error', async () => {
    const result = resultFixture({
      outcome: 'TLS_ERROR',
      hops: [
        hopFixture({ status: null, statusText: null, error: 'net::ERR_CERT_DATE_INVALID', timing: null }),
      ],
    });
    const har = simulationHar(result);
    await expect(validateHar(har)).resolves.toBeTruthy();
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]).toMatchObject({
      response: { status: 0, _error: 'net::ERR_CERT_DATE_INVALID' },
      _leg: 'cashier',
    });
  });

  it('joins a series into one log, page ids numbered by run', async () => {
    const sanitizer = createCaptureSanitizer();
    const events = rawEvents().map((e) => ({ method: e.method, params: sanitizer.params(e.params) }));
    const run = resultFixture({ network: { events, truncated: false } });
    const har = simulationHar([run, { ...run, runId: 'second' }]);
    await expect(validateHar(har)).resolves.toBeTruthy();
    expect(har.log.pages.map((p) => p.id)).toEqual(['run1_page_1', 'run2_page_1']);
    expect(har.log.entries.map((e) => e.pageref)).toEqual(['run1_page_1', 'run2_page_1']);
  });
});
