import type { IncomingMessage, ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { renderCashierPage, type CashierPageMode, type CashierPageView } from './cashier-page';
import { recordDeviceReport, recordPageRequest } from './device-reports';
import { escapeHtml, readBody, sendBytes, sendHtml } from './http-io';
import { PLATFORM_PLANS, fenToAmount, toFen } from './merchant-registry';
import { platformNow, type PrepaySession, type SandboxContext } from './sandbox-context';
import {
  CASHIER_COOKIES,
  CASHIER_HEADERS,
  cashierHopExtra,
  redTeamCashier,
  sendRedTeamHtml,
} from './red-team';

/** How long the page script "fetches" before rendering in a healthy cashier: quick, but not instant. */
const NORMAL_RENDER_DELAY_MS = 150;
/** cashier-slow: how far past the ready budget the page becomes ready. */
const SLOW_MARGIN_MS = 1500;
/**
 * h5-heavy: the phone page's script weighs what Chrome DevTools' "Slow 4G" preset (180 000 bytes/s) moves in
 * 1.2 × the ready budget, so on 弱 4G it alone misses the budget, while on broadband it takes milliseconds.
 */
const SLOW_4G_BYTES_PER_SECOND = 180_000;
const HEAVY_SHARE_OF_BUDGET = 1.2;
/** Protocol §4: a request whose User-Agent contains this gets the H5 cashier. */
const MOBILE_MARKER = 'Mobile';
const DEVICE_REPORT_LIMIT = 4096;

/**
 * The cashier origin (§4): `/pay` → 302 `/baitiao/auth` → 302 `/baitiao/cashier` → the script-rendered
 * page. Redirects use relative Locations, as the protocol writes them; the faults bend this chain.
 */
export function createCashierHandler(ctx: SandboxContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', ctx.urls.cashierOrigin);
    const token = url.searchParams.get('token');
    const headers = { Date: platformNow(ctx).toUTCString() };
    // The cashier page's report of the device it sees (sandbox only: how tests prove the emulation).
    if (url.pathname === DEVICE_REPORT_PATH && req.method === 'POST') {
      void readBody(req, DEVICE_REPORT_LIMIT)
        .then((body) => {
          recordDeviceReport(ctx, token ?? '', body.toString('utf8'));
          sendBytes(res, 204, '', headers);
        })
        .catch(() => sendBytes(res, 400, '', headers));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendHtml(res, 405, simplePage('405 Method Not Allowed'), { ...headers, Allow: 'GET' });
    }
    if (!token && url.pathname !== '/') return sendHtml(res, 400, simplePage('400 缺少 token 参数'), headers);
    const q = `?token=${encodeURIComponent(token ?? '')}`;
    const scenario = ctx.scenario.current;

    switch (url.pathname) {
      case '/pay':
        return redirect(res, `/baitiao/auth${q}`, headers);
      case '/baitiao/auth':
        if (scenario === 'redirect-loop') return redirect(res, `/pay${q}`, headers);
        // A misconfigured hop that drops to plain HTTP (nothing listens for HTTP there: a browser must not follow).
        if (scenario === 'insecure-redirect') {
          return redirect(res, `http://${url.host}/baitiao/cashier${q}`, headers);
        }
        // §4: phones get the H5 cashier, everything else the desktop one.
        // red-team: the hop carries a secret in its query and another in its fragment.
        if ((req.headers['user-agent'] ?? '').includes(MOBILE_MARKER))
          return redirect(res, `/baitiao/h5${q}${scenario === 'red-team' ? cashierHopExtra : ''}`, headers);
        if (scenario === 'red-team') return redirect(res, `/baitiao/cashier${q}${cashierHopExtra}`, headers);
        return redirect(res, `/baitiao/cashier${q}`, headers);
      case '/baitiao/cashier':
        recordPageRequest(ctx, token ?? '', 'desktop', req.headers['user-agent'] ?? '');
        return cashierPage(ctx, res, token ?? '', headers, 'desktop');
      case '/baitiao/h5':
        recordPageRequest(ctx, token ?? '', 'h5', req.headers['user-agent'] ?? '');
        // h5-broken: the phone page alone is down; the desktop cashier keeps working.
        if (scenario === 'h5-broken') return sendHtml(res, 502, simplePage('502 Bad Gateway'), headers);
        return cashierPage(ctx, res, token ?? '', headers, 'h5');
      case HEAVY_SCRIPT_PATH:
        return sendBytes(res, 200, heavyScript(ctx.cashierReadyBudgetMs), {
          ...headers,
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
        });
      default:
        return sendHtml(res, 404, simplePage('404 页面不存在'), headers);
    }
  };
}

function cashierPage(
  ctx: SandboxContext,
  res: ServerResponse,
  token: string,
  headers: Record<string, string>,
  layout: CashierPageView['layout'],
): void {
  const session = ctx.sessions.get(token);
  const live = session && session.expiresAt > platformNow(ctx).getTime() ? session : null;
  const q = `?token=${encodeURIComponent(token)}`;
  const html = renderCashierPage({
    ...pageView(ctx, live),
    layout,
    heavyScriptHref:
      layout === 'h5' && ctx.scenario.current === 'h5-heavy' ? `${HEAVY_SCRIPT_PATH}${q}` : null,
    deviceReportHref: `${DEVICE_REPORT_PATH}${q}`,
  });
  if (ctx.scenario.current === 'red-team') {
    return sendRedTeamHtml(res, redTeamCashier(html), CASHIER_COOKIES, { ...headers, ...CASHIER_HEADERS });
  }
  if (ctx.scenario.current === 'garbled-cashier') {
    // The classic mojibake: the page was saved as GBK but the server (and the meta tag) still say UTF-8.
    return sendBytes(res, 200, iconv.encode(html, 'gbk'), {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  }
  sendHtml(res, 200, html, headers);
}

type SharedView = Omit<CashierPageView, 'layout' | 'heavyScriptHref' | 'deviceReportHref'>;

/** Both cashier pages render the same session and the same faults (but h5-broken and h5-heavy). */
function pageView(ctx: SandboxContext, session: PrepaySession | null): SharedView {
  const scenario = ctx.scenario.current;
  let mode: CashierPageMode;
  if (!session) mode = { kind: 'error', errorCode: 'TOKEN_EXPIRED' };
  else if (scenario === 'cashier-busy') mode = { kind: 'error', errorCode: 'SYSTEM_BUSY' };
  else if (scenario === 'blank-cashier') mode = { kind: 'blank' };
  else if (scenario === 'cashier-slow')
    mode = { kind: 'ready', renderDelayMs: ctx.cashierReadyBudgetMs + SLOW_MARGIN_MS };
  else mode = { kind: 'ready', renderDelayMs: NORMAL_RENDER_DELAY_MS };
  if (!session) return { mode, amount: '', subject: '', plans: [], returnHref: null };

  const fen = toFen(session.amount);
  return {
    mode,
    amount: session.amount,
    subject: session.subject,
    plans: PLATFORM_PLANS.map((p) => ({
      installments: p.installments,
      perInstallment: fenToAmount(Math.round((fen * (1 + p.feeRate)) / p.installments)),
      feeRate: `${(p.feeRate * 100).toFixed(1)}%`,
    })),
    returnHref: returnHref(session),
  };
}

/** return_url?out_trade_no=…&diagnostic=1, keeping any query the merchant's URL already has. */
function returnHref(session: PrepaySession): string | null {
  try {
    const url = new URL(session.returnUrl);
    url.searchParams.set('out_trade_no', session.outTradeNo);
    url.searchParams.set('diagnostic', '1');
    return url.toString();
  } catch {
    return null;
  }
}

const HEAVY_SCRIPT_PATH = '/baitiao/h5/bundle.js';
const DEVICE_REPORT_PATH = '/baitiao/device-report';

/** A script that does nothing but weigh: one long comment, then a marker the page can see. */
function heavyScript(budgetMs: number): string {
  const bytes = Math.ceil((budgetMs / 1000) * SLOW_4G_BYTES_PER_SECOND * HEAVY_SHARE_OF_BUDGET);
  const line = '/* h5-heavy: an oversized phone bundle (images inlined, every library in full) */\n';
  return `${line.repeat(Math.ceil(bytes / line.length))}window.__h5Heavy = true;\n`;
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string>): void {
  sendBytes(res, 302, '', { ...headers, Location: location, 'Cache-Control': 'no-store' });
}

function simplePage(title: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1></body></html>`;
}
