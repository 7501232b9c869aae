import { derLooksLikePrivateKey, SIGNATURE_BYTE_LENGTHS } from './detectors';
import { judgeName } from './field-rules';
import { containsNeedle } from './known-secrets';
import type { RedactionRule } from './rules';
import { isAlias, replaceCredential, replaceWithAlias, type TextRuleContext } from './text-context';

/** Set-Cookie attributes: what they say (a path, an expiry) is no cookie's value. */
const COOKIE_ATTRIBUTES = /^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned)$/i;

/** Cookie pairs `a=1; b=2`: each value aliased, names and attributes kept (they tell support which cookie). */
export function redactCookiePairs(ctx: TextRuleContext, rule: RedactionRule, header: string): string {
  return header.replace(
    /(^|;\s*)([^=;\s][^=;]*)=([^;]*)/g,
    (whole, sep: string, name: string, value: string) => {
      const trimmed = value.trim();
      if (!trimmed || isAlias(trimmed) || COOKIE_ATTRIBUTES.test(name.trim())) return whole;
      return `${sep}${name}=${replaceCredential(ctx, rule, trimmed)}`;
    },
  );
}

/** Set-Cookie: only the first pair is the cookie; the rest are attributes (Path, Expires, HttpOnly). */
export function redactSetCookie(ctx: TextRuleContext, header: string): string {
  // Several Set-Cookie headers folded into one value (as Chrome's DevTools reports them) are one per line.
  return header.replace(/^(\s*[^=;\s][^=;]*)=([^;\r\n]*)/gm, (whole, name: string, value: string) => {
    const trimmed = value.trim();
    if (!trimmed || isAlias(trimmed)) return whole;
    return `${name}=${replaceCredential(ctx, 'set-cookie', trimmed)}`;
  });
}

/** `Bearer abc` keeps its scheme word: support staff can tell Basic from Bearer without seeing either. */
export function redactAuthorization(ctx: TextRuleContext, value: string): string {
  // A parameter list (Digest, `Token token="…"`): each value on its own, the names kept.
  if (/^\s*(?:Digest|Token)\s+[A-Za-z-]+\s*=/.test(value)) return redactDigest(ctx, value);
  const match = /^(\s*)([A-Za-z][A-Za-z0-9-]*\s+)?(.*?)(\s*)$/s.exec(value);
  const credential = match?.[3] ?? value;
  if (!credential || isAlias(credential)) return value;
  return `${match?.[1] ?? ''}${match?.[2] ?? ''}${replaceCredential(ctx, 'authorization', credential)}${match?.[4] ?? ''}`;
}

/** Digest parameters that say how, not who: kept. Every other one (response, nonce, username…) goes. */
const DIGEST_KEEP = new Set(['realm', 'algorithm', 'qop', 'nc', 'uri', 'stale', 'charset', 'userhash']);
const DIGEST_PARAM = /([A-Za-z-]+)(\s*=\s*)("[^"\r\n]*"|[^,\s"]+)/g;

/**
 * `Digest username="…", response="…"` and `Token token="…"`: each parameter value but the harmless ones
 * becomes an alias.
 */
export function redactDigest(ctx: TextRuleContext, text: string): string {
  return text.replace(
    /\b(?:Digest|Token)\s+(?:[A-Za-z-]+\s*=\s*(?:"[^"\r\n]*"|[^,\s"]+)\s*,?\s*)+/g,
    (list) =>
      list.replace(DIGEST_PARAM, (whole, name: string, eq: string, value: string) => {
        if (DIGEST_KEEP.has(name.toLowerCase())) return whole;
        const quoted = value.startsWith('"');
        const inner = quoted ? value.slice(1, -1) : value;
        if (!inner || isAlias(inner)) return whole;
        const alias = replaceCredential(ctx, 'authorization', inner);
        return `${name}${eq}${quoted ? `"${alias}"` : alias}`;
      }),
  );
}

const harmlessAnywhere = (name: string) =>
  judgeName(name, 'param').kind === 'harmless' ||
  judgeName(name, 'header').kind === 'harmless' ||
  judgeName(name, 'json').kind === 'harmless';

/**
 * The value of a query, fragment or form field, by its name: kept when the name is on the harmless list,
 * a credential when the name looks sensitive, otherwise an alias with the name kept.
 */
export function redactParamValue(
  ctx: TextRuleContext,
  name: string,
  value: string,
  inFragment = false,
): string {
  if (!value || isAlias(value)) return value;
  const verdict = judgeName(name, 'param');
  if (verdict.kind === 'harmless') return value;
  if (verdict.kind === 'credential') return replaceCredential(ctx, verdict.rule, value);
  // A fragment is the page's own state (OAuth puts tokens there): whatever its name, a credential.
  if (inFragment) return replaceCredential(ctx, 'token', value);
  // Any other value is aliased and hunted too: a page that echoes its own query echoes it whole.
  return replaceCredential(ctx, 'value', value);
}

/**
 * `?a=1&b=2` and `#frag=…` wherever they appear: in URLs, in hops, in HAR lines, percent-encoded inside
 * another URL. The value ends at `&`, `#`, whitespace, quotes or an encoded `&`.
 */
const URL_PARAM =
  /([?&#;]|%3[Ff]|%26|%23)([A-Za-z0-9_.[\]-]{1,64})(=|%3[Dd])((?:(?!%26|%23)[^&#\s"'<>;\\])*)/g;

export function redactUrlParams(ctx: TextRuleContext, text: string): string {
  // Read with exec, not replace and a callback (a URL is in half the texts of a HAR): only the parameters
  // that change are cut out. Nothing called in the loop reads URL_PARAM.
  let parts: string[] | null = null;
  let copied = 0;
  // The text is read once, left to right, for the nearest `#` `?` space, newline or `"` before each
  // parameter: whether it sits in a fragment (a `#` since the last `?` or space, 4 KB back at most).
  let scanned = 0;
  let markAt = -1;
  let markIsHash = false;
  URL_PARAM.lastIndex = 0;
  for (let m = URL_PARAM.exec(text); m; m = URL_PARAM.exec(text)) {
    const [whole, sep, name, eq, value] = m as unknown as [string, string, string, string, string];
    if (!value) continue;
    const offset = m.index;
    for (; scanned < offset; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c === 35 /* # */ || c === 63 /* ? */ || c === 32 || c === 10 || c === 34 /* " */) {
        markAt = scanned;
        markIsHash = c === 35;
      }
    }
    const inFragment = sep === '#' || sep === '%23' || (markIsHash && offset - markAt < 4096);
    const safe = redactParamValue(ctx, name, value, inFragment);
    if (safe === value) continue;
    (parts ??= []).push(text.slice(copied, offset), sep, name, eq, safe);
    copied = offset + whole.length;
  }
  if (!parts) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * A cookie string printed by a page (`document.cookie`: `a=1; b=2; c=3`): two or more pairs joined by
 * `; `. Every value is a cookie, whatever its name.
 */
export const COOKIE_LIST =
  /(?<=^|[\s:：'"(=])(?:[A-Za-z0-9_.~!$*-]{1,64}=[^;\s'"<>]*; ?){1,40}[A-Za-z0-9_.~!$*-]{1,64}=[^;\s'"<>]*/g;

export function redactCookieLists(ctx: TextRuleContext, text: string): string {
  return text.replace(COOKIE_LIST, (list) => redactCookiePairs(ctx, 'cookie', list));
}

/** A form body (`a=1&b=2`, no leading `?`): the same rule, field by field. */
export function redactFormBody(ctx: TextRuleContext, body: string): string {
  return redactUrlParams(ctx, `&${body}`).slice(1);
}

/**
 * `name=value`, `name: value`, `"name":"value"`, `name="value"` (also JSON-escaped, also `%3D`) in free text
 * where the name looks sensitive (secret, token, passw, pwd, auth, session, sid, cookie, sign, key,
 * credential, ticket…). The regex finds the sensitive word and the separator; the whole name is read back
 * from the text, so the search never backtracks over long words.
 */
const SENSITIVE_WORD =
  /(?:secret|token|passw|passphrase|pwd|auth|sess|sid|cookie|sign|key|credential|ticket|private)[A-Za-z0-9_$.-]{0,40}?(\\?["'])?[ \t]*(?::|=|%3[Dd])[ \t]*/gi;
const NAME_CHAR = /[A-Za-z0-9_$.-]/;
const UNQUOTED_VALUE = /(?:(?!%26)[^"'\s,;&{}[\]<>\\])+/y;
const NOT_A_VALUE = /^(?:true|false|null|undefined|none|nil)$/i;

export function redactNamedValues(ctx: TextRuleContext, text: string): string {
  let out: string[] | null = null;
  let copied = 0;
  SENSITIVE_WORD.lastIndex = 0;
  for (let match = SENSITIVE_WORD.exec(text); match; match = SENSITIVE_WORD.exec(text)) {
    let start = match.index;
    while (start > 0 && match.index - start < 64 && NAME_CHAR.test(text[start - 1]!)) start--;
    const separatorAt = match.index + match[0].search(/\\?["']?[ \t]*(?::|=|%3[Dd])/);
    const name = text.slice(start, separatorAt).replace(/\\$/, '');
    let at = match.index + match[0].length;
    // The value's own quote, if any: `sid="…"`, `"pay_pwd":"…"`, `\"md5Key\":\"…\"`.
    const quote = /^\\?["']/.exec(text.slice(at, at + 2))?.[0] ?? '';
    at += quote.length;
    let value: string;
    if (quote) {
      const close = text.indexOf(quote, at);
      const newline = text.indexOf('\n', at);
      const end = close === -1 || (newline !== -1 && newline < close) ? -1 : close;
      if (end === -1 || end - at > 4096) continue;
      value = text.slice(at, end);
    } else {
      UNQUOTED_VALUE.lastIndex = at;
      value = UNQUOTED_VALUE.exec(text)?.[0] ?? '';
    }
    if (value.length < 3 || isAlias(value) || NOT_A_VALUE.test(value) || harmlessAnywhere(name)) continue;
    const verdict = judgeName(name, 'json');
    if (verdict.kind !== 'credential') continue;
    // Headers with rules of their own were handled before this one, whole.
    if (verdict.rule === 'authorization' || verdict.rule === 'cookie' || verdict.rule === 'set-cookie')
      continue;
    out ??= [];
    out.push(text.slice(copied, at), replaceCredential(ctx, verdict.rule, value));
    copied = at + value.length;
    SENSITIVE_WORD.lastIndex = copied;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** Runs of base64, base64url or hex of 40 characters or more, and the lines that continue them. */
export const BASE64_RUN =
  /[A-Za-z0-9+/_-]{40,}={0,2}(?:(?:\r?\n|\\r\\n|\\n)[ \t]*[A-Za-z0-9+/_-]{8,}={0,2}(?=\r?\n|\\[rn]|["']|$))*/g;
/** Opaque blobs: this long and made like encoded bytes (hex, or letters of both cases and digits). */
const BLOB_MIN = 200;
const looksEncoded = (run: string) =>
  /^[0-9a-fA-F]+$/.test(run) || (/[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run));

/** Public keys and certificates are explained: they are meant to be shown, and support compares them. */
const PUBLIC_PEM =
  /-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----[\s\S]{0,16384}?-----END (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/g;

/** Every base64 or hex run outside public keys and certificates. */
export function redactBase64Runs(ctx: TextRuleContext, text: string): string {
  if (!text.includes('-----BEGIN')) return text.replace(BASE64_RUN, (run) => redactBase64Run(ctx, run));
  let out = '';
  let copied = 0;
  for (const block of text.matchAll(PUBLIC_PEM)) {
    out += text.slice(copied, block.index).replace(BASE64_RUN, (run) => redactBase64Run(ctx, run)) + block[0];
    copied = block.index + block[0].length;
  }
  return out + text.slice(copied).replace(BASE64_RUN, (run) => redactBase64Run(ctx, run));
}

export function redactBase64Run(ctx: TextRuleContext, run: string): string {
  const compact = run.replace(/\\r|\\n|\s/g, '');
  // Words joined by dashes (`cross-origin-resource-policy`) are not encoded bytes.
  if (!/[0-9]/.test(compact) && /-/.test(compact)) return run;
  if (!ctx.skip.has('known-secret') && containsNeedle(compact, ctx.needles)) {
    return replaceWithAlias(ctx, 'known-secret', compact);
  }
  if (!ctx.skip.has('private-key-base64') && compact.length >= 100) {
    // The key may sit behind a few base64-looking letters ("keyMIIE…"); DER's SEQUENCE is an 'M'.
    for (let at = compact.indexOf('M'); at !== -1 && at < 16; at = compact.indexOf('M', at + 1)) {
      if (derLooksLikePrivateKey(Buffer.from(compact.slice(at, at + 24), 'base64'))) {
        return replaceWithAlias(ctx, 'private-key-base64', compact);
      }
    }
    const hexAt = compact.search(/30[0-9a-fA-F]{2}/);
    if (hexAt !== -1 && hexAt < 16 && /^[0-9a-fA-F]+$/.test(compact.slice(hexAt))) {
      if (derLooksLikePrivateKey(Buffer.from(compact.slice(hexAt, hexAt + 24), 'hex'))) {
        return replaceWithAlias(ctx, 'private-key-base64', compact);
      }
    }
  }
  if (!ctx.skip.has('signature') && compact === run && compact.length % 4 === 0) {
    const bytes = (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
    if (SIGNATURE_BYTE_LENGTHS.has(bytes) && !/^[0-9a-f]+$/.test(compact))
      return replaceWithAlias(ctx, 'signature', compact);
  }
  if (!ctx.skip.has('blob') && compact.length >= BLOB_MIN && looksEncoded(compact)) {
    return replaceWithAlias(ctx, 'blob', compact);
  }
  return run;
}
