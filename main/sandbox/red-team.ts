import { createPrivateKey } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { asciiJson } from './cashier-page';

/**
 * The red-team scenario (issue 12): a store, a return page and a cashier that echo secrets into every
 * channel a diagnosis records: console, exceptions, response headers, cookies, query strings, fragments,
 * request bodies, page text and titles, the notify answer. Each canary below is a secret of the kind a
 * real page leaks: set in one place the app can see it as a secret (a cookie, a sensitive header, a
 * sensitive query or JSON name) and echoed where it is only text; or personal data in the forms that
 * used to slip through. A bundle written in this scenario must hold none of them.
 */
export const RED_TEAM_CANARIES = {
  // Cookies the store page sets, then prints (document.cookie) or writes into its title and text.
  storeCookiePtKey: 'AAJnZ3Yk9Ql0rtCanary01',
  storeCookiePtPin: 'jd_rtCanary02Zx',
  storeCookieSid: 'sidRtCanary03Q8w',
  storeCookieJda: '122270672.rtCanary04.1764',
  storeCookieThor: 'THOR9rtCanary05E7A1F3',
  // Response headers under names no list had.
  storeAuthToken: 'xatRtCanary06Lp7Vn4',
  storeSessionId: 'sessRtCanary07f1c0de',
  storeAppSecret: 'appsecRtCanary08Kq81',
  // The store page's own API call: query and JSON body.
  apiAppSecret: 'apiSecRtCanary09Zr',
  apiKey: 'apiKeyRtCanary10Wq',
  bodyAppSecret: 'bodySecRtCanary11Mn',
  bodyPayPwd: '80221157',
  bodyMd5Key: 'md5kRtCanary13Ab12',
  bodyMchKey: 'mchRtCanary14Zz99',
  // Quoted forms in console and exceptions.
  quotedSid: 's3ssRtCanary15Quoted',
  tokenToken: 't0kRtCanary16Quoted',
  digestResponse: '6629fae49393a05397450978507c4e16',
  // Fragments the page puts into its own URL.
  fragFrag: 'FrAgRtCanary18Secret',
  fragIdToken: 'idtRtCanary19Fragment',
  // The return page.
  returnCookie: 'retCookieRtCanary20X',
  returnSessionId: 'retSessRtCanary21Y',
  returnSessionKey: 'retSkRtCanary22Query',
  returnAppKey: 'retAkRtCanary23Query',
  // The cashier.
  cashierCookie: 'cashCookieRtCanary24',
  cashierAuthToken: 'cashXatRtCanary25',
  cashierAccessToken: 'cashXacRtCanary26',
  cashierSessionKey: 'cashSkRtCanary27Query',
  cashierIdToken: 'cashIdtRtCanary28Frag',
  cashierCookieTwo: 'cashCookie2RtCanary29',
  // store.json: URLs with secrets in their query, and fields the protocol does not define.
  storeUrlAppSecret: 'suSecRtCanary30Conf',
  storeUrlKey: 'suKeyRtCanary31Conf',
  notifyAccessToken: 'nuXatRtCanary32Conf',
  storeJsonAppSecret: 'sjSecRtCanary33Unk',
  storeJsonBuyerToken: 'sjTokRtCanary34Unk',
  // Personal data in the forms the old rules missed.
  phoneFullWidth: '１３９１２３４００３５',
  phoneDots: '139.1234.0036',
  id15: '110105491231037',
  idBadCheck: '110105194912310381',
  cardBadLuhn: '6222021234567890393',
  emailIdn: '买家四十@例子.中国',
  emailQuoted: '"rt canary 41"@shop-canary.cn',
  osUser: 'RtCanaryUser42',
  phoneNotify: '13912340043',
  emailPlain: 'rt.canary44@shop-canary.cn',
} as const;

export type RedTeamCanary = keyof typeof RED_TEAM_CANARIES;
const C = RED_TEAM_CANARIES;

/** Forms of the merchant key a careless store bundles into its pages (an .env variable, a JWK member). */
export function redTeamKeyForms(privateKeyPem: string): { pemBase64: string; jwkD: string; derHex: string } {
  const key = createPrivateKey(privateKeyPem);
  return {
    pemBase64: Buffer.from(privateKeyPem).toString('base64'),
    jwkD: String((key.export({ format: 'jwk' }) as { d?: string }).d),
    derHex: key.export({ type: 'pkcs8', format: 'der' }).toString('hex'),
  };
}

const script = (js: string) => `<script>${js}</script>`;

/** Sends an HTML page with the scenario's cookies and headers (several Set-Cookie lines). */
export function sendRedTeamHtml(
  res: ServerResponse,
  html: string,
  cookies: string[],
  headers: Record<string, string>,
): void {
  const bytes = Buffer.from(html, 'utf8');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Set-Cookie': cookies,
    ...headers,
    'Content-Length': bytes.length,
  });
  res.end(bytes);
}

export const STORE_COOKIES = [
  `pt_key=${C.storeCookiePtKey}; Path=/`,
  `pt_pin=${C.storeCookiePtPin}; Path=/`,
  `sid=${C.storeCookieSid}; Path=/; HttpOnly`,
  `__jda=${C.storeCookieJda}; Path=/`,
  `thor=${C.storeCookieThor}; Path=/; Secure`,
];
export const STORE_HEADERS = {
  'X-Auth-Token': C.storeAuthToken,
  'X-Session-Id': C.storeSessionId,
  'X-App-Secret': C.storeAppSecret,
};

/** The store page: its title and text echo secrets; its script prints cookies, JSON and keys, and throws. */
export function redTeamStorePage(storeName: string, privateKeyPem: string): string {
  const keys = redTeamKeyForms(privateKeyPem);
  const body = {
    appSecret: C.bodyAppSecret,
    pay_pwd: C.bodyPayPwd,
    md5Key: C.bodyMd5Key,
    mch_key: C.bodyMchKey,
  };
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${storeName} ${C.storeCookieSid} ${C.phoneDots}</title></head>
<body>
<h1>${storeName}</h1>
<p>客服 ${C.phoneFullWidth} 身份证 ${C.id15} 邮箱 ${C.emailIdn} 会话 ${C.storeSessionId}</p>
<p>调试：${C.storeAuthToken} ${C.storeAppSecret} ${C.storeCookieThor}</p>
${script(`
console.log('cookie dump: ' + document.cookie);
console.log('pt_pin echo ${C.storeCookiePtPin} jda ${C.storeCookieJda}');
console.warn(${asciiJson(JSON.stringify(body))});
console.error('login sid="${C.quotedSid}" Authorization: Token token="${C.tokenToken}"');
console.info('Digest username="buyer", realm="shop", nonce="n0nce", uri="/", response="${C.digestResponse}"');
console.log('key loaded from C:\\\\Users\\\\${C.osUser}\\\\shop\\\\.env MERCHANT_KEY_B64=${keys.pemBase64}');
console.log(${asciiJson(JSON.stringify({ kty: 'RSA', d: keys.jwkD }))});
history.replaceState(null, '', location.pathname + '?app_secret=${C.apiAppSecret}#frag=${C.fragFrag}&id_token=${C.fragIdToken}');
fetch('/api/echo?app_secret=${C.apiAppSecret}&key=${C.apiKey}', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ${asciiJson(JSON.stringify(body))} }).catch(function () {});
setTimeout(function () { throw new Error('checkout failed for card ${C.cardBadLuhn} id ${C.idBadCheck} mail ${C.emailQuoted} frag ${C.fragFrag}'); }, 0);
`)}
<p style="font-size:1px">${keys.derHex}</p>
</body>
</html>
`;
}

export const RETURN_COOKIES = [`ret_sid=${C.returnCookie}; Path=/`];
export const RETURN_HEADERS = { 'X-Session-Id': C.returnSessionId };

/** The return page: echoes its cookie, its query's secrets and an e-mail. */
export function redTeamReturnPage(outTradeNo: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>支付结果 ${C.returnCookie} ${C.emailPlain}</title></head>
<body data-store-return="ok">
<h1>已返回商家</h1>
<p>订单号：<span data-out-trade-no>${outTradeNo}</span> 会话 ${C.returnSessionId} ${C.returnSessionKey}</p>
${script(`
console.log('return cookie: ' + document.cookie + ' appkey ${C.returnAppKey}');
throw new Error('return failed session_key=${C.returnSessionKey} user ${C.emailPlain}');
`)}
</body>
</html>
`;
}

export const CASHIER_COOKIES = [
  `cashier_sid=${C.cashierCookie}; Path=/; HttpOnly`,
  `ceshi=${C.cashierCookieTwo}; Path=/`,
];
export const CASHIER_HEADERS = { 'X-Auth-Token': C.cashierAuthToken, 'X-Access-Token': C.cashierAccessToken };

/** The cashier page with echoes: a title, a line of text and a script, around the real cashier. */
export function redTeamCashier(html: string): string {
  return html.replace(/<title>([^<]*)<\/title>/, `<title>$1 ${C.cashierCookie}</title>`).replace(
    '</body>',
    `<p hidden>${C.cashierAuthToken}</p>${script(`
console.log('cashier cookies ' + document.cookie + ' token ${C.cashierAccessToken} ${C.cashierSessionKey} ${C.cashierIdToken}');
setTimeout(function () { throw new Error('cashier widget ${C.cashierCookieTwo} ${C.id15}'); }, 0);
`)}</body>`,
  );
}

/** Where the cashier's second hop goes: its query and fragment carry secrets. */
export const cashierHopExtra = `&session_key=${C.cashierSessionKey}#id_token=${C.cashierIdToken}`;

/** The notify answer: a store that answers with what it should not (the platform sees only body_ok). */
export const redTeamNotifyAnswer = `success phone=${C.phoneNotify} appSecret=${C.storeAppSecret}`;
