import type { AliasBook } from './alias-book';
import {
  derLooksLikePrivateKey,
  idCardCheckValid,
  idCardDateValid,
  looksLikeCardNumber,
  SIGNATURE_BYTE_LENGTHS,
} from './detectors';
import { containsNeedle } from './known-secrets';
import { ALIAS_PREFIX, ALREADY_REDACTED, type RedactionRule } from './rules';

/** What the text rules need from the engine. */
export interface TextRuleContext {
  book: AliasBook;
  /** Normalized values never replaced (the merchant number the report must carry). */
  keep: ReadonlySet<string>;
  needles: ReadonlySet<string>;
  /** Known secrets that are not keys (a password): replaced wherever they appear verbatim. */
  literals: readonly string[];
  skip: ReadonlySet<RedactionRule>;
}

type Replace = (ctx: TextRuleContext, rule: RedactionRule, raw: string, normalized?: string) => string;

export const replaceWithAlias: Replace = (ctx, rule, raw, normalized = raw) => {
  if (ctx.keep.has(normalized) || isAlias(raw)) return raw;
  return ctx.book.alias(rule, normalized);
};

const isAlias = (value: string): boolean => ALREADY_REDACTED.test(value.trim());

/** Cookie pairs `a=1; b=2`: each value aliased, names and attributes kept (they tell support which cookie). */
export function redactCookiePairs(ctx: TextRuleContext, rule: RedactionRule, header: string): string {
  return header.replace(
    /(^|;\s*)([^=;\s][^=;]*)=([^;]*)/g,
    (whole, sep: string, name: string, value: string) => {
      const trimmed = value.trim();
      if (!trimmed || isAlias(trimmed)) return whole;
      return `${sep}${name}=${replaceWithAlias(ctx, rule, trimmed)}`;
    },
  );
}

/** Set-Cookie: only the first pair is the cookie; the rest are attributes (Path, Expires, HttpOnly). */
export function redactSetCookie(ctx: TextRuleContext, header: string): string {
  // Several Set-Cookie headers folded into one value (as Chrome's DevTools reports them) are one per line.
  return header.replace(/^(\s*[^=;\s][^=;]*)=([^;\r\n]*)/gm, (whole, name: string, value: string) => {
    const trimmed = value.trim();
    if (!trimmed || isAlias(trimmed)) return whole;
    return `${name}=${replaceWithAlias(ctx, 'set-cookie', trimmed)}`;
  });
}

/** `Bearer abc` keeps its scheme word: support staff can tell Basic from Bearer without seeing either. */
export function redactAuthorization(ctx: TextRuleContext, value: string): string {
  const match = /^(\s*)([A-Za-z][A-Za-z0-9-]*\s+)?(.*?)(\s*)$/s.exec(value);
  const credential = match?.[3] ?? value;
  if (!credential || isAlias(credential)) return value;
  return `${match?.[1] ?? ''}${match?.[2] ?? ''}${replaceWithAlias(ctx, 'authorization', credential)}${match?.[4] ?? ''}`;
}

/** Query and form parameters whose values are credentials. */
const TOKEN_PARAMS =
  'token|trade_token|access_token|refresh_token|id_token|auth_token|session_token|sessionid|session_id|sid|jsessionid|phpsessid|csrf_token|xsrf_token|api_key|apikey|client_secret|secret|password|passwd|pwd';
const SIGN_PARAMS = 'sign|signature|sig';
const param = (names: string) =>
  new RegExp(`((?:^|[?&;#\\s]|%3[Ff]|%26)(?:${names})(?:=|%3[Dd]))((?:(?!%26)[^&#\\s"'<>;])+)`, 'gi');
const TOKEN_PARAM = param(TOKEN_PARAMS);
/** `"password": "x"`, `token: x` in logged JSON or config dumps, where no `=` or `?` marks a parameter. */
const field = (names: string) =>
  new RegExp(`(["']?\\b(?:${names})\\b["']?\\s*:\\s*["']?)([^"'\\s,;&}<>]+)`, 'gi');
const TOKEN_FIELD = field(TOKEN_PARAMS);
const SECRET_FIELD = field('passphrase|private_?key|merchant_?private_?key|api_?secret');
const SIGN_PARAM = param(SIGN_PARAMS);

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----[\s\S]{0,16384}?-----END \1PRIVATE KEY-----/g;
/** A BEGIN line whose END never came (a key cut short, or a log line that holds only its start). */
const PEM_OPEN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s:,().-]|\\[nrt])*/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@"'<>]+):([^/\s@"'<>]*)@/gi;
const AUTHORIZATION_HEADER = /(\b(?:proxy-)?authorization\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const AUTH_SCHEME_TOKEN = /\b(Bearer|Basic|Digest|Token)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
const SET_COOKIE_HEADER = /(\bset-cookie\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const COOKIE_HEADER = /((?<![-\w])cookie\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const SIGNATURE_HEADER =
  /(\b(?:x-sign|x-platform-signature|signature|sign)\b["']?\s*[:=]\s*["']?)([A-Za-z0-9+/_-]{16,}={0,2})/gi;
/** Base64 of 40+ characters, and the lines that continue it (real or escaped newlines between them). */
const BASE64_RUN =
  /[A-Za-z0-9+/]{40,}={0,2}(?:(?:\r?\n|\\r\\n|\\n)[ \t]*[A-Za-z0-9+/]{8,}={0,2}(?=\r?\n|\\[rn]|["']|$))*/g;
const ID_CARD =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const CARD = /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;

function base64Run(ctx: TextRuleContext, run: string): string {
  const compact = run.replace(/\\r|\\n|\s/g, '');
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
  }
  if (!ctx.skip.has('signature') && compact === run && compact.length % 4 === 0) {
    const bytes = (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
    if (SIGNATURE_BYTE_LENGTHS.has(bytes)) return replaceWithAlias(ctx, 'signature', compact);
  }
  return run;
}

interface TextRule {
  /** The rules this step can count under; it is skipped only when all of them are. */
  rules: readonly RedactionRule[];
  /** A cheap test: most strings skip the rule's regex entirely. */
  may: (text: string) => boolean;
  apply: (ctx: TextRuleContext, text: string) => string;
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

/**
 * Free-text rules, in order: whole keys and credentials first (a PEM block holds base64 the later rules
 * would otherwise take apart), personal numbers last. Every replacement is an alias made of capitals,
 * digits and dashes, which no later rule matches.
 */
export const TEXT_RULES: readonly TextRule[] = [
  {
    rules: ['known-secret'],
    may: () => true,
    apply: (ctx, text) => {
      let out = text;
      for (const literal of ctx.literals) {
        if (out.includes(literal)) {
          const parts = out.split(literal);
          out = parts.join(replaceWithAlias(ctx, 'known-secret', literal));
          ctx.book.count('known-secret', parts.length - 2);
        }
      }
      return out;
    },
  },
  {
    rules: ['private-key-pem'],
    may: (t) => t.includes('PRIVATE KEY-----'),
    apply: (ctx, text) =>
      text
        .replace(PEM_BLOCK, (block) =>
          replaceWithAlias(ctx, 'private-key-pem', block.replace(/\\[nrt]|\s/g, '')),
        )
        .replace(PEM_OPEN, (block) =>
          replaceWithAlias(ctx, 'private-key-pem', block.replace(/\\[nrt]|\s/g, '')),
        ),
  },
  {
    rules: ['url-credentials'],
    may: (t) => t.includes('@'),
    apply: (ctx, text) =>
      text.replace(URL_CREDENTIALS, (whole, scheme: string, user: string, password: string) =>
        isAlias(user)
          ? whole
          : `${scheme}${replaceWithAlias(ctx, 'url-credentials', `${user}:${password}`)}@`,
      ),
  },
  {
    rules: ['authorization'],
    may: (t) => /authori|bearer|basic|digest|token /i.test(t),
    apply: (ctx, text) =>
      text
        .replace(
          AUTHORIZATION_HEADER,
          (_w, head: string, value: string) => head + redactAuthorization(ctx, value),
        )
        .replace(AUTH_SCHEME_TOKEN, (whole, scheme: string, space: string, token: string) =>
          isAlias(token) ? whole : `${scheme}${space}${replaceWithAlias(ctx, 'authorization', token)}`,
        ),
  },
  {
    rules: ['set-cookie'],
    may: (t) => /set-cookie/i.test(t),
    apply: (ctx, text) =>
      text.replace(
        SET_COOKIE_HEADER,
        (_w, head: string, value: string) => head + redactSetCookie(ctx, value),
      ),
  },
  {
    rules: ['cookie'],
    may: (t) => /cookie/i.test(t),
    apply: (ctx, text) =>
      text.replace(
        COOKIE_HEADER,
        (_w, head: string, value: string) => head + redactCookiePairs(ctx, 'cookie', value),
      ),
  },
  {
    rules: ['signature'],
    may: (t) => /sig/i.test(t),
    apply: (ctx, text) =>
      text
        .replace(SIGN_PARAM, (whole, head: string, value: string) =>
          isAlias(value) ? whole : head + replaceWithAlias(ctx, 'signature', value),
        )
        .replace(SIGNATURE_HEADER, (whole, head: string, value: string) =>
          isAlias(value) ? whole : head + replaceWithAlias(ctx, 'signature', value),
        ),
  },
  {
    rules: ['token'],
    may: (t) => /tok|sess|sid|secret|passw|pwd|key|eyJ/i.test(t),
    apply: (ctx, text) =>
      text
        .replace(TOKEN_PARAM, (whole, head: string, value: string) =>
          isAlias(value) ? whole : head + replaceWithAlias(ctx, 'token', value),
        )
        .replace(TOKEN_FIELD, (whole, head: string, value: string) =>
          isAlias(value) ? whole : head + replaceWithAlias(ctx, 'token', value),
        )
        .replace(JWT, (jwt) => replaceWithAlias(ctx, 'token', jwt)),
  },
  {
    rules: ['secret-field'],
    may: (t) => /passphrase|private_?key|api_?secret/i.test(t),
    apply: (ctx, text) =>
      text.replace(SECRET_FIELD, (whole, head: string, value: string) =>
        isAlias(value) ? whole : head + replaceWithAlias(ctx, 'secret-field', value),
      ),
  },
  {
    // Runs after the named rules: what is left is base64 without a label (a key body, a bare signature).
    rules: ['known-secret', 'private-key-base64', 'signature'],
    may: (t) => t.length >= 40,
    apply: (ctx, text) => text.replace(BASE64_RUN, (run) => base64Run(ctx, run)),
  },
  {
    rules: ['id-card-cn'],
    may: (t) => t.length >= 18 && /\d{6}/.test(t),
    apply: (ctx, text) =>
      text.replace(ID_CARD, (id) =>
        idCardCheckValid(id) && idCardDateValid(id)
          ? replaceWithAlias(ctx, 'id-card-cn', id, id.toUpperCase())
          : id,
      ),
  },
  {
    rules: ['bank-card'],
    may: (t) => t.length >= 13 && /\d{4}/.test(t),
    apply: (ctx, text) =>
      text.replace(CARD, (card) => {
        const digits = digitsOnly(card);
        return looksLikeCardNumber(digits) ? replaceWithAlias(ctx, 'bank-card', card, digits) : card;
      }),
  },
  {
    rules: ['mobile-cn'],
    may: (t) => t.length >= 11 && /1[3-9]\d/.test(t),
    apply: (ctx, text) =>
      text.replace(MOBILE, (mobile) =>
        replaceWithAlias(ctx, 'mobile-cn', mobile, digitsOnly(mobile).slice(-11)),
      ),
  },
  {
    rules: ['email'],
    may: (t) => t.includes('@') || t.includes('%40'),
    apply: (ctx, text) =>
      text.replace(EMAIL, (email) =>
        // `REDACTED-CREDENTIALS-1@host` is what url-credentials left of a URL's user and password.
        email.startsWith(ALIAS_PREFIX)
          ? email
          : replaceWithAlias(ctx, 'email', email, email.replace(/%40/, '@').toLowerCase()),
      ),
  },
];

/** Applies every rule not skipped, in order. */
export function redactText(ctx: TextRuleContext, text: string): string {
  // Nothing a rule looks for fits in fewer characters (the shortest, an e-mail like a@b.cn, has six).
  if (text.length < 6) return text;
  let out = text;
  for (const rule of TEXT_RULES) {
    if (rule.rules.every((r) => ctx.skip.has(r)) || !rule.may(out)) continue;
    out = rule.apply(ctx, out);
  }
  return out;
}
