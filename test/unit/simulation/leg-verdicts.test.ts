import { describe, expect, it } from 'vitest';
import { cashierFailure, chainFailure, matchesReturnUrl } from '../../../main/simulation';
import { NavigationGate } from '../../../main/simulation/navigation-gate';
import type { SimulationHop } from '../../../shared/simulation/simulation-result';

function hop(partial: Partial<SimulationHop>): SimulationHop {
  return {
    index: 0,
    leg: 'cashier',
    position: 0,
    method: 'GET',
    url: 'https://cashier.example/pay?token=REDACTED',
    status: 200,
    statusText: 'OK',
    location: null,
    mimeType: 'text/html',
    remoteAddress: null,
    protocol: 'http/1.1',
    timing: null,
    startedAt: '2026-11-26T00:00:00.000Z',
    durationMs: 5,
    error: null,
    blockedBy: null,
    ...partial,
  };
}

describe('a leg\u2019s chain', () => {
  it('ends well on a 2xx page', () => {
    expect(
      chainFailure([hop({ status: 302, location: '/a' }), hop({ index: 1, position: 1 })], 'cashier'),
    ).toBeNull();
    expect(chainFailure([], 'cashier')).toBeNull();
  });

  it('names the first failure on the way: gate blocks, TLS, network, HTTP', () => {
    expect(
      chainFailure(
        [hop({ status: null, error: 'net::ERR_BLOCKED_BY_CLIENT', blockedBy: 'insecure-redirect' })],
        'cashier',
      ),
    ).toMatchObject({ code: 'INSECURE_REDIRECT' });
    expect(
      chainFailure(
        [hop({ status: null, error: 'net::ERR_BLOCKED_BY_CLIENT', blockedBy: 'redirect-loop' })],
        'cashier',
      ),
    ).toMatchObject({ code: 'REDIRECT_LOOP' });
    expect(
      chainFailure(
        [
          hop({
            status: null,
            error: 'net::ERR_BLOCKED_BY_CLIENT',
            blockedBy: 'too-many-hops',
            leg: 'return',
          }),
        ],
        'return',
      ),
    ).toMatchObject({ code: 'REDIRECT_LOOP' });
    expect(
      chainFailure(
        [hop({ status: null, error: 'net::ERR_CERT_AUTHORITY_INVALID', leg: 'return' })],
        'return',
      ),
    ).toMatchObject({ code: 'TLS_ERROR' });
    expect(
      chainFailure([hop({ status: null, error: 'net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH' })], 'cashier'),
    ).toMatchObject({ code: 'TLS_ERROR' });
    expect(
      chainFailure([hop({ status: null, error: 'net::ERR_TOO_MANY_REDIRECTS' })], 'cashier'),
    ).toMatchObject({ code: 'REDIRECT_LOOP' });
    expect(
      chainFailure([hop({ status: null, error: 'net::ERR_CONNECTION_REFUSED' })], 'cashier'),
    ).toMatchObject({ code: 'CASHIER_UNREACHABLE' });
    expect(
      chainFailure([hop({ status: null, error: 'net::ERR_NAME_NOT_RESOLVED', leg: 'return' })], 'return'),
    ).toMatchObject({ code: 'RETURN_URL_BROKEN' });
    expect(chainFailure([hop({ status: 404 })], 'cashier')).toMatchObject({
      code: 'CASHIER_UNREACHABLE',
      hopIndex: 0,
    });
    expect(chainFailure([hop({ status: 500, leg: 'return' })], 'return')).toMatchObject({
      code: 'RETURN_URL_BROKEN',
    });
  });

  it('keeps the URL readable in the reason (a space, never punctuation, after it)', () => {
    const reason = chainFailure(
      [hop({ status: null, error: 'net::ERR_CERT_DATE_INVALID' })],
      'cashier',
    )!.reason;
    expect(reason).toBe(
      'cashier hop 1 https://cashier.example/pay?token=REDACTED — net::ERR_CERT_DATE_INVALID',
    );
  });
});

describe('the cashier page (§7 precedence)', () => {
  const base = {
    state: 'loading',
    errorCode: null,
    loaded: true,
    nothingVisible: false,
    ready: false,
    charset: null,
    budgetMs: 3000,
  };
  const garbled = {
    declared: 'utf-8',
    declaredBy: 'header' as const,
    detected: 'gb18030',
    mojibake: true,
    signals: ['gbk-declared-utf8' as const],
    bytes: 10,
    decodedSample: '',
    detectedSample: '',
  };

  it('the error state wins over blank and timeout; RISK_REJECTED keeps its own code', () => {
    expect(
      cashierFailure({ ...base, state: 'error', errorCode: 'SYSTEM_BUSY', nothingVisible: true }),
    ).toMatchObject({ code: 'CASHIER_ERROR_PAGE' });
    expect(cashierFailure({ ...base, state: 'error', errorCode: 'RISK_REJECTED' })).toMatchObject({
      code: 'RISK_REJECTED',
    });
  });

  it('a finished page showing nothing is BLANK_PAGE even without a ready state, or with one', () => {
    expect(cashierFailure({ ...base, nothingVisible: true })).toMatchObject({ code: 'BLANK_PAGE' });
    expect(
      cashierFailure({ ...base, state: 'ready', ready: true, loaded: false, nothingVisible: true }),
    ).toMatchObject({ code: 'BLANK_PAGE' });
    // Still loading and empty: that is a page loading forever, not a blank one.
    expect(cashierFailure({ ...base, loaded: false, nothingVisible: true })).toMatchObject({
      code: 'CASHIER_TIMEOUT',
    });
  });

  it('garbled text next, then no ready state within the budget', () => {
    expect(cashierFailure({ ...base, state: 'ready', ready: true, charset: garbled })).toMatchObject({
      code: 'GARBLED_PAGE',
    });
    expect(cashierFailure({ ...base, charset: garbled })).toMatchObject({ code: 'GARBLED_PAGE' });
    expect(cashierFailure(base)).toMatchObject({ code: 'CASHIER_TIMEOUT' });
    expect(cashierFailure({ ...base, state: 'ready', ready: true })).toBeNull();
  });
});

describe('the way back and the gate', () => {
  it('the return page must be the store\u2019s return_url for this order', () => {
    const want = 'https://shop.example.cn/pay/return';
    expect(matchesReturnUrl(`${want}?out_trade_no=A1&diagnostic=1`, want, 'A1')).toBe(true);
    expect(matchesReturnUrl(`${want}?out_trade_no=A2&diagnostic=1`, want, 'A1')).toBe(false);
    expect(matchesReturnUrl('https://shop.example.cn/?out_trade_no=A1&diagnostic=1', want, 'A1')).toBe(false);
    expect(matchesReturnUrl(`${want}?out_trade_no=A1`, want, 'A1')).toBe(false);
  });

  it('the gate stops a repeat, an 11th hop and anything but https', () => {
    const gate = new NavigationGate();
    expect(gate.admit('https://a.example/1')).toBeNull();
    expect(gate.admit('https://a.example/1')).toBe('redirect-loop');
    expect(gate.admit('http://a.example/2')).toBe('insecure-redirect');
    expect(gate.admit('ftp://a.example/2')).toBe('insecure-redirect');
    for (let i = 2; i <= 10; i += 1) expect(gate.admit(`https://a.example/${i}`)).toBeNull();
    expect(gate.admit('https://a.example/11')).toBe('too-many-hops');
    gate.reset();
    expect(gate.admit('https://a.example/1')).toBeNull();
  });
});
