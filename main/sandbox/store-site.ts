import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, readBody, sendBytes, sendHtml } from './http-io';
import {
  redTeamNotifyAnswer,
  redTeamReturnPage,
  redTeamStorePage,
  RETURN_COOKIES,
  RETURN_HEADERS,
  sendRedTeamHtml,
  STORE_COOKIES,
  STORE_HEADERS,
} from './red-team';
import type { SandboxContext } from './sandbox-context';

export interface ReceivedNotification {
  at: string;
  contentType: string | null;
  fields: Record<string, string>;
}

export interface StoreSite {
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Notifications the store received, oldest first (what notify.test delivered). */
  notifications: ReceivedNotification[];
}

/**
 * The demo store's own website, the merchant's side: its shop page, the notify URL the platform calls
 * (answers `success`, as Alipay-style platforms require), and the return page the buyer comes back to.
 * It runs on the machine's clock, not the platform's.
 */
export function createStoreSite(ctx: SandboxContext): StoreSite {
  const notifications: ReceivedNotification[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', ctx.urls.storeOrigin);
    const scenario = ctx.scenario.current;
    if (url.pathname === '/pay/notify' && req.method === 'POST') {
      const body = await readBody(req, 64 * 1024);
      notifications.push({
        at: new Date().toISOString(),
        contentType: req.headers['content-type'] ?? null,
        fields: Object.fromEntries(new URLSearchParams(body.toString('utf8'))),
      });
      // notify-failing: the shop's handler crashes (a database down, a bad deploy) and says so.
      if (scenario === 'notify-failing') return text(res, 500, 'fail');
      if (scenario === 'red-team') return text(res, 200, redTeamNotifyAnswer);
      return text(res, 200, 'success');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method Not Allowed');
    const redTeam = scenario === 'red-team';
    if (url.pathname === '/' && redTeam) {
      const page = redTeamStorePage(escapeHtml(ctx.merchant.storeName), ctx.merchant.keys.privateKeyPem);
      return sendRedTeamHtml(res, page, STORE_COOKIES, STORE_HEADERS);
    }
    if (url.pathname === '/') return sendHtml(res, 200, storePage(ctx));
    if (url.pathname === '/pay/return') {
      if (redTeam) {
        const page = redTeamReturnPage(escapeHtml(url.searchParams.get('out_trade_no') ?? ''));
        return sendRedTeamHtml(res, page, RETURN_COOKIES, RETURN_HEADERS);
      }
      if (scenario === 'return-broken') return sendHtml(res, 500, errorPage());
      return sendHtml(res, 200, returnPage(url.searchParams.get('out_trade_no')));
    }
    return sendHtml(
      res,
      404,
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head><body>404</body></html>',
    );
  };
  return { handler, notifications };
}

function text(res: ServerResponse, status: number, body: string): void {
  sendBytes(res, status, body, { 'Content-Type': 'text/plain; charset=utf-8' });
}

function storePage(ctx: SandboxContext): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(ctx.merchant.storeName)}</title></head>
<body>
<h1>${escapeHtml(ctx.merchant.storeName)}</h1>
<p>沙箱演示店铺：支持京东白条分期付款。</p>
<ul><li>诊断测试商品 — 199.00 元 <button type="button" disabled>白条分期购买</button></li></ul>
</body>
</html>
`;
}

function returnPage(outTradeNo: string | null): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>支付结果</title></head>
<body data-store-return="ok">
<h1>已返回商家</h1>
<p>订单号：<span data-out-trade-no>${escapeHtml(outTradeNo ?? '')}</span></p>
<p>这是诊断会话，没有真实扣款。</p>
</body>
</html>
`;
}

function errorPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>`;
}
