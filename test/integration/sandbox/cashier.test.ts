import iconv from 'iconv-lite';
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { prepay, request, type RawAnswer } from './https-helpers';

let sandbox: Sandbox;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: (e) => internalErrors.push(e) });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.setScenario('healthy'));

/** Follows the cashier chain hop by hop like a browser would, recording every status and Location. */
async function walk(
  startUrl: string,
  maxHops = 12,
  headers: Record<string, string> = {},
): Promise<{ hops: { url: string; status: number; location?: string }[]; last: RawAnswer }> {
  const hops: { url: string; status: number; location?: string }[] = [];
  let url = startUrl;
  for (;;) {
    const answer = await request(sandbox, url, { headers });
    const location = answer.headers.location as string | undefined;
    hops.push({ url, status: answer.status, ...(location ? { location } : {}) });
    if (answer.status < 300 || answer.status >= 400 || !location || hops.length >= maxHops)
      return { hops, last: answer };
    const next = new URL(location, url);
    if (next.protocol !== 'https:') return { hops, last: answer };
    url = next.toString();
  }
}

/** The JSON state the cashier page script renders from. */
function pageState(html: string): {
  mode: string;
  errorCode: string | null;
  renderDelayMs: number;
  returnHref: string | null;
  plans: unknown[];
} {
  const match = /<script type="application\/json" id="cashier-state">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('no cashier state in page');
  return JSON.parse(match[1]) as ReturnType<typeof pageState>;
}

describe('healthy cashier chain (§4)', () => {
  it('/pay → 302 /baitiao/auth → 302 /baitiao/cashier → 200 script-rendered page', async () => {
    const cashierUrl = await prepay(sandbox, 'CHAIN-1');
    const token = new URL(cashierUrl).searchParams.get('token');
    const { hops, last } = await walk(cashierUrl);
    expect(hops).toEqual([
      { url: cashierUrl, status: 302, location: `/baitiao/auth?token=${token}` },
      {
        url: `${sandbox.profile.cashierOrigin}/baitiao/auth?token=${token}`,
        status: 302,
        location: `/baitiao/cashier?token=${token}`,
      },
      { url: `${sandbox.profile.cashierOrigin}/baitiao/cashier?token=${token}`, status: 200 },
    ]);
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(last.text).toContain('<html lang="zh-CN" data-cashier-state="loading">');
    expect(last.text).toContain('data-cashier="baitiao"');
    expect(last.text).toContain('京东白条');
    expect(last.text).toContain("root.dataset.cashierState = 'ready'");
    const state = pageState(last.text);
    expect(state.mode).toBe('ready');
    expect(state.renderDelayMs).toBeLessThan(sandbox.profile.cashierReadyBudgetMs / 4);
    expect(state.plans).toHaveLength(4);
    const back = new URL(state.returnHref ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(sandbox.store.returnUrl);
    expect(Object.fromEntries(back.searchParams)).toEqual({ out_trade_no: 'CHAIN-1', diagnostic: '1' });
  });

  it('the page script is pure ASCII, so re-encoding the page cannot break it', async () => {
    const { last } = await walk(await prepay(sandbox, 'ASCII-1'));
    const scripts = [...last.text.matchAll(/<script[^>]*>(.*?)<\/script>/gs)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(2);
    for (const script of scripts) expect(script).toMatch(/^[\t\n\r\x20-\x7e]*$/);
  });

  it('an unknown token renders the TOKEN_EXPIRED error state', async () => {
    const { last } = await walk(`${sandbox.profile.cashierOrigin}/pay?token=0000`);
    expect(last.status).toBe(200);
    expect(pageState(last.text)).toMatchObject({ mode: 'error', errorCode: 'TOKEN_EXPIRED' });
  });

  it('the return leg: the store return page answers 200 with the order number', async () => {
    const { last } = await walk(await prepay(sandbox, 'RET-1'));
    const back = await request(sandbox, pageState(last.text).returnHref ?? '');
    expect(back.status).toBe(200);
    expect(back.text).toContain('<span data-out-trade-no>RET-1</span>');
  });
});

describe('the H5 cashier for phones (§4)', () => {
  const PHONE = {
    'User-Agent':
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
  };

  it('a User-Agent containing Mobile is sent to /baitiao/h5, with the same ready/error contract', async () => {
    const url = await prepay(sandbox, 'H5-1');
    const token = new URL(url).searchParams.get('token');
    const { hops, last } = await walk(url, 12, PHONE);
    expect(hops.map((h) => [h.status, h.location ?? null])).toEqual([
      [302, `/baitiao/auth?token=${token}`],
      [302, `/baitiao/h5?token=${token}`],
      [200, null],
    ]);
    expect(last.text).toContain('data-cashier="baitiao"');
    expect(last.text).toContain('data-cashier-layout="h5"');
    expect(last.text).toContain('data-cashier-return');
    expect(pageState(last.text)).toMatchObject({ mode: 'ready', errorCode: null });
    // The desktop buyer keeps the desktop cashier.
    const desktop = await walk(await prepay(sandbox, 'H5-2'));
    expect(new URL(desktop.hops.at(-1)!.url).pathname).toBe('/baitiao/cashier');
    expect(desktop.last.text).toContain('data-cashier-layout="desktop"');
  });

  it('h5-broken: the phone page alone answers 502', async () => {
    sandbox.setScenario('h5-broken');
    const phone = await walk(await prepay(sandbox, 'H5B-1'), 12, PHONE);
    expect(phone.last.status).toBe(502);
    const desktop = await walk(await prepay(sandbox, 'H5B-2'));
    expect(desktop.last.status).toBe(200);
    expect(pageState(desktop.last.text).mode).toBe('ready');
  });

  it('h5-heavy: the phone page waits for a script sized to the budget at 弱 4G speed; the desktop one does not', async () => {
    sandbox.setScenario('h5-heavy');
    const phone = await walk(await prepay(sandbox, 'H5H-1'), 12, PHONE);
    const src = /<script src="([^"]+)"><\/script>/.exec(phone.last.text)?.[1];
    expect(src).toMatch(/^\/baitiao\/h5\/bundle\.js\?token=/);
    const script = await request(sandbox, new URL(src!, sandbox.profile.cashierOrigin).toString());
    expect(script.status).toBe(200);
    // DevTools' Slow 4G moves 180 000 bytes/s: this takes longer than the whole ready budget there.
    expect(script.body.length).toBeGreaterThan((sandbox.profile.cashierReadyBudgetMs / 1000) * 180_000);
    const desktop = await walk(await prepay(sandbox, 'H5H-2'));
    expect(desktop.last.text).not.toContain('<script src=');
  });

  it('the page reports the device it sees, matched to its order', async () => {
    const { last } = await walk(await prepay(sandbox, 'SEEN-1'), 12, PHONE);
    const href = pageState(last.text) as unknown as { deviceReportHref: string };
    const answer = await request(
      sandbox,
      new URL(href.deviceReportHref, sandbox.profile.cashierOrigin).toString(),
      {
        method: 'POST',
        body: JSON.stringify({
          userAgent: 'UA',
          width: 390,
          height: 664,
          devicePixelRatio: 3,
          maxTouchPoints: 5,
          touchEvents: true,
        }),
      },
    );
    expect(answer.status).toBe(204);
    expect(sandbox.deviceReports().find((r) => r.outTradeNo === 'SEEN-1')).toEqual({
      outTradeNo: 'SEEN-1',
      page: 'h5',
      userAgentHeader: PHONE['User-Agent'],
      client: {
        userAgent: 'UA',
        width: 390,
        height: 664,
        devicePixelRatio: 3,
        maxTouchPoints: 5,
        touchEvents: true,
      },
    });
  });
});

describe('cashier scenarios', () => {
  it('cashier-busy: error state SYSTEM_BUSY showing 支付失败，请稍后再试', async () => {
    const url = await prepay(sandbox, 'BUSY-1');
    sandbox.setScenario('cashier-busy');
    const { last } = await walk(url);
    expect(last.status).toBe(200);
    expect(pageState(last.text)).toMatchObject({ mode: 'error', errorCode: 'SYSTEM_BUSY' });
    expect(last.text).toContain('支付失败，请稍后再试');
    expect(last.text).toContain("root.dataset.cashierState = 'error'");
  });

  it('blank-cashier: 200, the script renders nothing and never sets ready', async () => {
    const url = await prepay(sandbox, 'BLANK-1');
    sandbox.setScenario('blank-cashier');
    const { last } = await walk(url);
    expect(last.status).toBe(200);
    expect(pageState(last.text).mode).toBe('blank');
  });

  it('cashier-slow: ready only after the profile budget', async () => {
    const url = await prepay(sandbox, 'SLOW-1');
    sandbox.setScenario('cashier-slow');
    const { last } = await walk(url);
    const state = pageState(last.text);
    expect(state.mode).toBe('ready');
    expect(state.renderDelayMs).toBeGreaterThan(sandbox.profile.cashierReadyBudgetMs);
  });

  it('garbled-cashier: GBK bytes labelled UTF-8 (header and meta)', async () => {
    const url = await prepay(sandbox, 'GBK-1');
    sandbox.setScenario('garbled-cashier');
    const { last } = await walk(url);
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8');
    const asGbk = iconv.decode(last.body, 'gbk');
    expect(asGbk).toContain('<meta charset="utf-8">');
    expect(asGbk).toContain('京东白条');
    expect(last.body.includes(iconv.encode('京东白条', 'gbk'))).toBe(true);
    expect(last.body.includes(Buffer.from('京东白条', 'utf8'))).toBe(false);
    // Decoded as declared, the Chinese turns into replacement characters (mojibake) …
    expect(last.text).toContain('\uFFFD');
    expect(last.text).not.toContain('京东白条');
    // … while the script survives intact and still reaches ready.
    expect(pageState(last.text).mode).toBe('ready');
  });

  it('redirect-loop: /baitiao/auth sends the browser back to /pay', async () => {
    const url = await prepay(sandbox, 'LOOP-1');
    sandbox.setScenario('redirect-loop');
    const { hops } = await walk(url, 6);
    expect(hops.map((h) => h.status)).toEqual([302, 302, 302, 302, 302, 302]);
    expect(hops[1]?.location).toBe(`/pay?token=${new URL(url).searchParams.get('token')}`);
    expect(hops[2]?.url).toBe(hops[0]?.url);
  });

  it('insecure-redirect: a hop leaves HTTPS for http://', async () => {
    const url = await prepay(sandbox, 'HTTP-1');
    sandbox.setScenario('insecure-redirect');
    const { hops } = await walk(url);
    expect(hops).toHaveLength(2);
    const location = hops[1]?.location ?? '';
    expect(new URL(location).protocol).toBe('http:');
    expect(new URL(location).pathname).toBe('/baitiao/cashier');
  });

  it('expired-tls: the cashier host presents an expired certificate; switching back restores it', async () => {
    const url = await prepay(sandbox, 'TLS-1');
    // A keep-alive connection opened before the switch must not keep the old certificate alive.
    const agent = new https.Agent({
      keepAlive: true,
      ca: [...tls.rootCertificates, ...sandbox.profile.extraCaCertificates],
    });
    const once = (target: string) =>
      new Promise<number>((resolve, reject) => {
        https
          .get(target, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
    // A request on a pooled connection the server has just closed fails with ECONNRESET; browsers retry
    // such idempotent requests once on a new connection, and so does this helper.
    const get = (target: string) =>
      once(target).catch((error: { code?: string }) => {
        if (error.code === 'ECONNRESET') return once(target);
        throw error;
      });
    expect(await get(url)).toBe(302);
    sandbox.setScenario('expired-tls');
    await expect(get(url)).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    await expect(request(sandbox, url)).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    // Only the cashier host is affected.
    expect((await request(sandbox, `${sandbox.store.storeUrl}/`)).status).toBe(200);
    const peer = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port: Number(new URL(url).port), rejectUnauthorized: false },
        () => {
          // Inspection only (no data is sent): read the certificate the server presents.
          resolve(socket.getPeerCertificate());
          socket.destroy();
        },
      );
      socket.on('error', reject);
    });
    expect(Date.parse(peer.valid_to)).toBeLessThan(Date.now());
    sandbox.setScenario('healthy');
    expect(await get(url)).toBe(302);
    agent.destroy();
  });

  it('return-broken: the store return URL answers 500', async () => {
    const { last } = await walk(await prepay(sandbox, 'RB-1'));
    sandbox.setScenario('return-broken');
    const back = await request(sandbox, pageState(last.text).returnHref ?? '');
    expect(back.status).toBe(500);
  });
});

describe('demo store site', () => {
  it('serves its shop page, answers notifications with success, and a 404 elsewhere', async () => {
    const home = await request(sandbox, `${sandbox.store.storeUrl}/`);
    expect(home.status).toBe(200);
    expect(home.text).toContain(sandbox.store.storeName);
    expect(home.text).not.toMatch(/http:\/\//);
    const notify = await request(sandbox, sandbox.store.notifyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'notify_id=1',
    });
    expect({ status: notify.status, text: notify.text }).toEqual({ status: 200, text: 'success' });
    sandbox.setScenario('notify-failing');
    const failing = await request(sandbox, sandbox.store.notifyUrl, { method: 'POST', body: 'notify_id=2' });
    expect({ status: failing.status, text: failing.text }).toEqual({ status: 500, text: 'fail' });
    expect((await request(sandbox, `${sandbox.store.storeUrl}/nothing`)).status).toBe(404);
  });

  it('had no internal errors', () => {
    expect(internalErrors).toEqual([]);
  });
});
