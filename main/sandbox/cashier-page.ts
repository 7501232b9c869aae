import { escapeHtml } from './http-io';

/** What the cashier page script does once it runs. */
export type CashierPageMode =
  | { kind: 'ready'; renderDelayMs: number }
  | { kind: 'error'; errorCode: 'SYSTEM_BUSY' | 'RISK_REJECTED' | 'TOKEN_EXPIRED' }
  /** Finishes loading and renders nothing visible, never reaching the ready state (a broken bundle). */
  | { kind: 'blank' };

export interface CashierPageView {
  mode: CashierPageMode;
  /** The desktop cashier, or the H5 cashier phones are sent to (§4): same contract, its own page. */
  layout: 'desktop' | 'h5';
  /** h5-heavy: a large script the page must load before it can render (null: none). */
  heavyScriptHref: string | null;
  /** Where the page reports the device it sees (user agent, viewport, touch), so tests can prove emulation. */
  deviceReportHref: string | null;
  amount: string;
  subject: string;
  plans: { installments: number; perInstallment: string; feeRate: string }[];
  /** return_url?out_trade_no=…&diagnostic=1, or null when there is no session to return from. */
  returnHref: string | null;
}

/**
 * The Baitiao cashier page (§4). It is script-rendered like the real one: the HTML arrives showing only a
 * loading line, and the script builds the cashier from <template>s, then sets
 * `document.documentElement.dataset.cashierState`. A browser that never runs the script never sees "ready".
 *
 * All Chinese text lives in the HTML, never in the script, and the state the script reads is JSON with
 * every non-ASCII character escaped: the script is pure ASCII, so re-encoding the page (garbled-cashier
 * sends GBK bytes labelled UTF-8) garbles what the buyer reads but cannot break the script.
 */
export function renderCashierPage(view: CashierPageView): string {
  const state = {
    mode: view.mode.kind,
    renderDelayMs: view.mode.kind === 'ready' ? view.mode.renderDelayMs : 0,
    errorCode: view.mode.kind === 'error' ? view.mode.errorCode : null,
    amount: view.amount,
    plans: view.plans,
    returnHref: view.returnHref,
    deviceReportHref: view.deviceReportHref,
  };
  const h5 = view.layout === 'h5';
  const heavy = view.heavyScriptHref ? `<script src="${escapeHtml(view.heavyScriptHref)}"></script>\n` : '';
  return `<!doctype html>
<html lang="zh-CN" data-cashier-state="loading">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h5 ? '京东白条收银台（手机版）' : '京东白条收银台'}</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #333; }
main { max-width: 480px; margin: 24px auto; background: #fff; padding: 24px; border-radius: 8px; }
h1 { font-size: 20px; color: #e4393c; }
ul { list-style: none; padding: 0; }
li { padding: 12px; border: 1px solid #eee; margin: 8px 0; border-radius: 4px; }
.error { color: #e4393c; font-size: 18px; text-align: center; }
.device { color: #999; font-size: 12px; word-break: break-all; }
${h5 ? 'main { margin: 0; border-radius: 0; min-height: 100vh; box-sizing: border-box; } li { padding: 16px; }' : ''}
</style>
</head>
<body data-cashier-layout="${view.layout}">
<main id="app"><p class="loading">正在加载京东白条收银台，请稍候……</p></main>
<template id="tpl-cashier"><section data-cashier="baitiao">
<h1>京东白条 分期付款</h1>
<p>商品：${escapeHtml(view.subject)}</p>
<p>订单金额：<strong data-amount></strong> 元</p>
<ul data-plans></ul>
<p>这是诊断会话，不会真实扣款。</p>
<p><a data-cashier-return href="#">返回商家</a></p>
<p class="device" data-device-seen>${h5 ? '手机版收银台' : '电脑版收银台'}看到的设备：<span data-seen-size></span>，触屏：<span data-seen-touch data-yes="是" data-no="否"></span>，<span data-seen-ua></span></p>
</section></template>
<template id="tpl-plan"><li data-plan><span data-n></span> 期，每期 <span data-per></span> 元，总手续费率 <span data-fee></span></li></template>
<template id="tpl-error"><section class="error" data-cashier-error><p>支付失败，请稍后再试</p></section></template>
<script type="application/json" id="cashier-state">${asciiJson(state)}</script>
${heavy}<script>${CASHIER_SCRIPT}</script>
</body>
</html>
`;
}

// Pure ASCII on purpose (see above). ES5 so any browser engine the app drives can run it.
const CASHIER_SCRIPT = `
(function () {
  var root = document.documentElement;
  var app = document.getElementById('app');
  var state = JSON.parse(document.getElementById('cashier-state').textContent);
  function clone(id) { return document.getElementById(id).content.cloneNode(true); }
  var seen = {
    userAgent: navigator.userAgent,
    width: window.innerWidth,
    height: window.innerHeight,
    devicePixelRatio: window.devicePixelRatio,
    maxTouchPoints: navigator.maxTouchPoints || 0,
    touchEvents: 'ontouchstart' in window
  };
  if (state.deviceReportHref && navigator.sendBeacon) {
    navigator.sendBeacon(state.deviceReportHref, JSON.stringify(seen));
  }
  function showSeen() {
    var line = app.querySelector('[data-device-seen]');
    if (!line) return;
    line.querySelector('[data-seen-size]').textContent = seen.width + ' x ' + seen.height;
    var touch = line.querySelector('[data-seen-touch]');
    touch.textContent = touch.getAttribute(seen.maxTouchPoints > 0 ? 'data-yes' : 'data-no');
    line.querySelector('[data-seen-ua]').textContent = seen.userAgent;
  }
  function render() {
    if (state.mode === 'blank') { app.replaceChildren(); return; }
    if (state.mode === 'error') {
      app.replaceChildren(clone('tpl-error'));
      app.querySelector('[data-cashier-error]').setAttribute('data-error-code', state.errorCode);
      root.dataset.errorCode = state.errorCode;
      root.dataset.cashierState = 'error';
      return;
    }
    app.replaceChildren(clone('tpl-cashier'));
    app.querySelector('[data-amount]').textContent = state.amount;
    var list = app.querySelector('[data-plans]');
    state.plans.forEach(function (plan) {
      var item = clone('tpl-plan').firstElementChild;
      item.setAttribute('data-installments', String(plan.installments));
      item.querySelector('[data-n]').textContent = String(plan.installments);
      item.querySelector('[data-per]').textContent = plan.perInstallment;
      item.querySelector('[data-fee]').textContent = plan.feeRate;
      list.appendChild(item);
    });
    var back = app.querySelector('[data-cashier-return]');
    if (state.returnHref) { back.setAttribute('href', state.returnHref); } else { back.remove(); }
    showSeen();
    root.dataset.cashierState = 'ready';
  }
  setTimeout(render, state.renderDelayMs);
})();
`;

/** JSON safe inside <script> and pure ASCII: <, >, & and every non-ASCII character as \\u escapes. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
