import type { IncomingMessage, ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { renderCashierPage, type CashierPageMode, type CashierPageView } from './cashier-page';
import { escapeHtml, sendBytes, sendHtml } from './http-io';
import { PLATFORM_PLANS, fenToAmount, toFen } from './merchant-registry';
import { platformNow, type PrepaySession, type SandboxContext } from './sandbox-context';

/** How long the page script "fetches" before rendering in a healthy cashier: quick, but not instant. */
const NORMAL_RENDER_DELAY_MS = 150;
/** cashier-slow: how far past the ready budget the page becomes ready. */
const SLOW_MARGIN_MS = 1500;

/**
 * The cashier origin (§4): `/pay` → 302 `/baitiao/auth` → 302 `/baitiao/cashier` → the script-rendered
 * page. Redirects use relative Locations, as the protocol writes them; the faults bend this chain.
 */
export function createCashierHandler(ctx: SandboxContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', ctx.urls.cashierOrigin);
    const token = url.searchParams.get('token');
    const headers = { Date: platformNow(ctx).toUTCString() };
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
        return redirect(res, `/baitiao/cashier${q}`, headers);
      case '/baitiao/cashier':
        return cashierPage(ctx, res, token ?? '', headers);
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
): void {
  const session = ctx.sessions.get(token);
  const live = session && session.expiresAt > platformNow(ctx).getTime() ? session : null;
  const html = renderCashierPage(pageView(ctx, live));
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

function pageView(ctx: SandboxContext, session: PrepaySession | null): CashierPageView {
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

function redirect(res: ServerResponse, location: string, headers: Record<string, string>): void {
  sendBytes(res, 302, '', { ...headers, Location: location, 'Cache-Control': 'no-store' });
}

function simplePage(title: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1></body></html>`;
}
