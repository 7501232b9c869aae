import type { IncomingMessage, ServerResponse } from 'node:http';
import { readKeyText, fingerprintOf } from '../keys';
import { BodyTooLargeError, escapeHtml, readBody, sendHtml, sendJson } from './http-io';
import { merchantRecord, STALE_KEY_SCENARIOS } from './merchant-registry';
import type { SandboxContext } from './sandbox-context';

/** The sandbox merchant back office (沙箱商家后台), on the gateway's origin. */
export const BACK_OFFICE_PATH = '/backoffice/keys';
const MAX_FORM_BYTES = 32 * 1024;
const MIN_BITS = 2048;

type Notice = { kind: 'saved' | 'error'; zh: string; en: string } | null;

/**
 * 沙箱商家后台 → 接口加签方式: the page where a merchant pastes the application public key (应用公钥),
 * as on a real platform's back office, so the demo's key flow runs end to end. Like the control endpoint it
 * is loopback only, unauthenticated, and never delayed or faulty (it is not the gateway). The registration
 * is account state: it outlives scenario switches, except into a scenario whose premise is a stale key.
 *
 * A pasted private key is refused and never stored or echoed: the point of the page is that only the
 * public half ever reaches a platform.
 */
export function createBackOffice(ctx: SandboxContext) {
  ctx.scenario.onChange((next) => {
    if (STALE_KEY_SCENARIOS.has(next)) ctx.merchant.registeredByMerchant = null;
  });

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET') return sendHtml(res, 200, page(ctx, null), PAGE_HEADERS);
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, POST' });
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_FORM_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return sendHtml(res, 413, page(ctx, TOO_LONG), PAGE_HEADERS);
    }
    const pasted = new URLSearchParams(raw.toString('utf8')).get('public_key') ?? '';
    const notice = register(ctx, pasted);
    sendHtml(res, notice?.kind === 'error' ? 400 : 200, page(ctx, notice), PAGE_HEADERS);
  };
}

function register(ctx: SandboxContext, pasted: string): Notice {
  const read = readKeyText(pasted);
  if (!read.ok) {
    return read.problem === 'encrypted' ? PRIVATE_KEY_PASTED : { kind: 'error', ...NOT_A_PUBLIC_KEY };
  }
  if (read.value.kind === 'private') return PRIVATE_KEY_PASTED;
  if (read.value.bits < MIN_BITS) {
    return {
      kind: 'error',
      zh: `这把公钥只有 ${read.value.bits} 位，平台要求至少 ${MIN_BITS} 位。`,
      en: `This public key has only ${read.value.bits} bits; the platform requires at least ${MIN_BITS}.`,
    };
  }
  ctx.merchant.registeredByMerchant = read.value.key;
  const fingerprint = fingerprintOf(read.value.key);
  return {
    kind: 'saved',
    zh: `已保存。平台现在用这把公钥验签，指纹 ${fingerprint}。`,
    en: `Saved. The platform now verifies signatures with this public key, fingerprint ${fingerprint}.`,
  };
}

const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};

const PRIVATE_KEY_PASTED: Notice = {
  kind: 'error',
  zh: '您粘贴的是私钥！私钥只能留在您自己的电脑和店铺系统里，不要交给任何人，包括平台。没有保存任何内容。请只粘贴公钥（-----BEGIN PUBLIC KEY----- 开头，或一行公钥）。',
  en: 'That is a private key! A private key stays on your own computer and shop system; never give it to anyone, the platform included. Nothing was saved. Paste only the public key (starting -----BEGIN PUBLIC KEY-----, or the one-line key).',
};
const NOT_A_PUBLIC_KEY = {
  zh: '这不是有效的 RSA 公钥。请粘贴完整的公钥：-----BEGIN PUBLIC KEY----- 开头的几行，或一整行公钥。',
  en: 'This is not a valid RSA public key. Paste the whole public key: the lines starting -----BEGIN PUBLIC KEY-----, or the one-line key.',
};
const TOO_LONG: Notice = {
  kind: 'error',
  zh: '内容太长，不会是公钥。',
  en: 'This is too long to be a public key.',
};

function page(ctx: SandboxContext, notice: Notice): string {
  const merchant = ctx.merchant;
  const registered = fingerprintOf(merchantRecord(ctx).registeredPublicKey);
  const noticeHtml = notice
    ? `<p role="${notice.kind === 'error' ? 'alert' : 'status'}" class="notice ${notice.kind}" data-backoffice-result="${notice.kind}">${escapeHtml(notice.zh)}<br><span lang="en">${escapeHtml(notice.en)}</span></p>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>沙箱商家后台 · 接口加签方式</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1f2329}
header{background:#c91623;color:#fff;padding:12px 24px;font-weight:600}
main{max-width:760px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#646a73}dd{margin:0;word-break:break-all}
textarea{width:100%;box-sizing:border-box;font:13px/1.4 ui-monospace,monospace}
button{background:#c91623;color:#fff;border:0;border-radius:6px;padding:8px 24px;font-size:15px;cursor:pointer}
.notice{padding:8px 12px;border-radius:6px}.saved{background:#e8f7ee;color:#18632f}.error{background:#fdecee;color:#a11422}
span[lang=en],.en{color:#646a73;font-size:13px}
</style></head>
<body><header>沙箱商家后台 <span class="en" style="color:#fde">Sandbox merchant back office</span></header>
<main>
<h1>开发设置 › 接口加签方式 <span class="en">Developer settings › Signing</span></h1>
<dl>
<dt>店铺 Store</dt><dd>${escapeHtml(merchant.storeName)}</dd>
<dt>商户号 Merchant no.</dt><dd>${escapeHtml(merchant.merchantNo)}</dd>
<dt>应用 ID App ID</dt><dd>${escapeHtml(merchant.appId)}</dd>
<dt>加签方式 Sign type</dt><dd>RSA2 (SHA256withRSA)</dd>
<dt>当前应用公钥指纹 Registered key</dt><dd data-backoffice-fingerprint>${escapeHtml(registered)}</dd>
</dl>
${noticeHtml}
<form method="post" action="${BACK_OFFICE_PATH}">
<p><label for="public_key"><strong>应用公钥</strong> <span class="en">Application public key</span></label><br>
<span class="en">只粘贴公钥，绝不要粘贴私钥。Paste the public key only, never the private key.</span></p>
<textarea id="public_key" name="public_key" rows="9" required spellcheck="false" autocomplete="off"
 placeholder="-----BEGIN PUBLIC KEY-----&#10;MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…&#10;-----END PUBLIC KEY-----"></textarea>
<p><button type="submit">保存 Save</button></p>
</form>
</main></body></html>`;
}
