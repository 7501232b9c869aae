import {
  redactAuthorization,
  redactBase64Runs,
  redactCookieLists,
  redactCookiePairs,
  redactDigest,
  redactNamedValues,
  redactSetCookie,
  redactUrlParams,
} from './credential-rules';
import { redactCards, redactEmails, redactHomePaths, redactIdCards, redactMobiles } from './personal-rules';
import { ALREADY_REDACTED, type RedactionRule } from './rules';
import {
  F_AT,
  F_DASHES,
  F_CARD_DIGITS,
  F_DIGITS_15,
  F_MOBILE,
  F_PERCENT,
  F_PHONE_DIGITS,
  F_QUERY,
  F_RUN_40,
  F_SEMI_SPACE,
  F_TWO_EQUALS,
  F_WIDE_AT,
  F_WORD,
  textFeatures,
} from './text-features';
import { isAlias, replaceLiteral, replaceWithAlias, type TextRuleContext } from './text-context';

export {
  redactAuthorization,
  redactCookiePairs,
  redactFormBody,
  redactParamValue,
  redactSetCookie,
} from './credential-rules';
export { replaceCredential, replaceWithAlias, type TextRuleContext } from './text-context';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----[\s\S]{0,16384}?-----END \1PRIVATE KEY-----/g;
/** A BEGIN line whose END never came (a key cut short, or a log line that holds only its start). */
const PEM_OPEN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s:,().-]|\\[nrt])*/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@"'<>]+):([^/\s@"'<>]*)@/gi;
const AUTHORIZATION_HEADER = /(\b(?:proxy-)?authorization\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const AUTH_SCHEME_TOKEN = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
const SET_COOKIE_HEADER = /(\bset-cookie\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const COOKIE_HEADER = /((?<![-\w])cookie\b["']?\s*[:=]\s*["']?)([^\r\n"']+)/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

interface TextRule {
  /** The rules this step can count under; it is skipped only when all of them are. */
  rules: readonly RedactionRule[];
  /**
   * Feature bits the step needs before `may` is asked: all of `all`, and one of `any` (0: none needed).
   * Read inline in redactText: most texts are turned away by these bits alone, without a call to `may`
   * (sixteen different functions called from one place cost more than the bits they test).
   */
  all?: number;
  any?: number;
  /**
   * A cheap test: most strings skip the rule's regex entirely. `f` is what textFeatures read in the text;
   * a test may only use bits that are necessary for its rule to find something.
   */
  may: (text: string, ctx: TextRuleContext, f: number) => boolean;
  apply: (ctx: TextRuleContext, text: string) => string;
}

const PARAM_HINT = /%3[Ff]|%23/;
const SENSITIVE_HINT =
  /secret|token|passw|passphrase|pwd|auth|sess|sid|cookie|sign|key|credential|ticket|private/i;
const HOME_HINT = /Users|home|Documents and Settings/;

/**
 * Free-text rules, in order: values already known (this run's cookies and credentials, the machine's
 * secrets) first, then whole keys and credentials (a PEM block holds base64 the later rules would otherwise
 * take apart), named values, URL parameters, encoded runs, and personal data last. Every replacement is an
 * alias made of capitals, digits and dashes, which no later rule matches.
 */
const RULES: readonly TextRule[] = [
  {
    rules: ['known-secret'],
    may: (t, ctx) => ctx.literals.size > 0,
    apply: (ctx, text) =>
      ctx.literals.replace(text, (value, rule, index) => replaceLiteral(ctx, rule, value, index)),
  },
  {
    rules: ['private-key-pem'],
    any: F_DASHES,
    may: (t, _ctx, f) => (f & F_DASHES) !== 0 && t.includes('PRIVATE KEY-----'),
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
    any: F_AT,
    may: (_t, _ctx, f) => (f & F_AT) !== 0,
    apply: (ctx, text) =>
      text.replace(URL_CREDENTIALS, (whole, scheme: string, user: string, password: string) =>
        isAlias(user)
          ? whole
          : `${scheme}${replaceWithAlias(ctx, 'url-credentials', `${user}:${password}`)}@`,
      ),
  },
  {
    rules: ['authorization'],
    any: F_WORD,
    may: (t, _ctx, f) => (f & F_WORD) !== 0 && /authori|bearer|basic|digest|token /i.test(t),
    apply: (ctx, text) =>
      redactDigest(
        ctx,
        text.replace(
          AUTHORIZATION_HEADER,
          // A value cut at a quote (`Token token="…"`) is a parameter list: left to redactDigest below.
          (whole, head: string, value: string) =>
            /=\s*$/.test(value) ? whole : head + redactAuthorization(ctx, value),
        ),
      ).replace(AUTH_SCHEME_TOKEN, (whole, scheme: string, space: string, token: string) =>
        isAlias(token) ? whole : `${scheme}${space}${replaceWithAlias(ctx, 'authorization', token)}`,
      ),
  },
  {
    rules: ['set-cookie'],
    any: F_WORD,
    may: (t, _ctx, f) => (f & F_WORD) !== 0 && /set-cookie/i.test(t),
    apply: (ctx, text) =>
      text.replace(
        SET_COOKIE_HEADER,
        (_w, head: string, value: string) => head + redactSetCookie(ctx, value),
      ),
  },
  {
    rules: ['cookie'],
    any: F_WORD,
    may: (t, _ctx, f) => (f & F_WORD) !== 0 && /cookie/i.test(t),
    apply: (ctx, text) =>
      text.replace(
        COOKIE_HEADER,
        (_w, head: string, value: string) => head + redactCookiePairs(ctx, 'cookie', value),
      ),
  },
  {
    rules: ['cookie'],
    // A printed cookie string is two `name=value` pairs or more.
    all: F_SEMI_SPACE | F_TWO_EQUALS,
    may: (_t, _ctx, f) => (f & (F_SEMI_SPACE | F_TWO_EQUALS)) === (F_SEMI_SPACE | F_TWO_EQUALS),
    apply: redactCookieLists,
  },
  {
    rules: ['value', 'token', 'signature', 'secret-field'],
    any: F_QUERY | F_PERCENT,
    may: (t, _ctx, f) => (f & F_QUERY) !== 0 || ((f & F_PERCENT) !== 0 && PARAM_HINT.test(t)),
    apply: redactUrlParams,
  },
  {
    rules: ['token', 'signature', 'secret-field'],
    any: F_WORD,
    may: (t, _ctx, f) => (f & F_WORD) !== 0 && SENSITIVE_HINT.test(t),
    apply: redactNamedValues,
  },
  {
    rules: ['token'],
    any: F_WORD,
    may: (t, _ctx, f) => (f & F_WORD) !== 0 && t.includes('eyJ'),
    apply: (ctx, text) => text.replace(JWT, (jwt) => replaceWithAlias(ctx, 'token', jwt)),
  },
  {
    // What is left is base64 or hex without a label: a key body, a bare signature, an opaque blob.
    rules: ['known-secret', 'private-key-base64', 'signature', 'blob'],
    any: F_RUN_40,
    may: (_t, _ctx, f) => (f & F_RUN_40) !== 0,
    apply: redactBase64Runs,
  },
  {
    rules: ['os-user'],
    may: (t, ctx, f) => ctx.osUser !== null || ((f & F_WORD) !== 0 && HOME_HINT.test(t)),
    apply: redactHomePaths,
  },
  {
    rules: ['id-card-cn'],
    any: F_DIGITS_15,
    may: (_t, _ctx, f) => (f & F_DIGITS_15) !== 0,
    apply: redactIdCards,
  },
  {
    rules: ['bank-card'],
    any: F_CARD_DIGITS,
    may: (_t, _ctx, f) => (f & F_CARD_DIGITS) !== 0,
    apply: redactCards,
  },
  {
    rules: ['mobile-cn'],
    all: F_MOBILE | F_PHONE_DIGITS,
    may: (_t, _ctx, f) => (f & (F_MOBILE | F_PHONE_DIGITS)) === (F_MOBILE | F_PHONE_DIGITS),
    apply: redactMobiles,
  },
  {
    rules: ['email'],
    any: F_AT | F_WIDE_AT | F_PERCENT,
    may: (t, _ctx, f) => (f & (F_AT | F_WIDE_AT)) !== 0 || ((f & F_PERCENT) !== 0 && t.includes('%40')),
    apply: redactEmails,
  },
];

/** Every rule with both masks set (0 where a rule has none), so that each has the same shape where they are read. */
export const TEXT_RULES: readonly Required<TextRule>[] = RULES.map((rule) => ({
  rules: rule.rules,
  all: rule.all ?? 0,
  any: rule.any ?? 0,
  may: rule.may,
  apply: rule.apply,
}));

/** The rules a set of skipped rules leaves, worked out once per set. */
const activeRules = new WeakMap<ReadonlySet<RedactionRule>, readonly Required<TextRule>[]>();
function rulesFor(skip: ReadonlySet<RedactionRule>): readonly Required<TextRule>[] {
  // Nothing skipped (almost every text): all of them, without a lookup.
  if (skip.size === 0) return TEXT_RULES;
  let rules = activeRules.get(skip);
  if (!rules) {
    rules = TEXT_RULES.filter((rule) => !rule.rules.every((r) => skip.has(r)));
    activeRules.set(skip, rules);
  }
  return rules;
}

/** Applies every rule not skipped, in order. */
export function redactText(ctx: TextRuleContext, text: string): string {
  // Nothing a rule looks for fits in fewer characters (the shortest, an e-mail like a@b.cn, has six).
  if (text.length < 6) return text;
  // An alias (what a credential just became) holds nothing any rule could find.
  if (text.charCodeAt(0) === 82 /* R */ && ALREADY_REDACTED.test(text)) return text;
  const clean = ctx.skip.size === 0 ? ctx.clean : null;
  if (clean?.has(text)) return text;
  let out = text;
  let f = textFeatures(out);
  for (const rule of rulesFor(ctx.skip)) {
    const { all, any } = rule;
    if ((f & all) !== all || (any !== 0 && (f & any) === 0) || !rule.may(out, ctx, f)) continue;
    const next = rule.apply(ctx, out);
    // A rule that changed the text is followed by a fresh reading of it.
    if (next !== out) f = textFeatures(next);
    out = next;
  }
  if (clean && out === text) clean.remember(text);
  return out;
}
