import { AliasBook } from './alias-book';
import { ruleForFieldName } from './field-rules';
import { knownSecretNeedles } from './known-secrets';
import type { RedactionRule } from './rules';
import {
  redactAuthorization,
  redactCookiePairs,
  redactSetCookie,
  redactText,
  replaceWithAlias,
  type TextRuleContext,
} from './text-rules';

export interface RedactionEngineOptions {
  /** Values that must survive as they are (the merchant number and app id the report is filed under). */
  keep?: readonly string[];
  /**
   * Secrets known to be on this machine: the merchant's private key (found in any encoding and in pieces
   * of a line or more), and any other exact string (replaced wherever it appears).
   */
  knownSecrets?: readonly string[];
}

export interface RedactOptions {
  /** Rules not applied here: the contact section skips the personal-data rules, since it was given on purpose. */
  skip?: Iterable<RedactionRule>;
}

/** Containers of HAR name/value pairs, and which rule their cookies fall under. */
const COOKIE_CONTAINERS: Record<string, RedactionRule> = { cookies: 'cookie' };

const NO_SKIP: ReadonlySet<RedactionRule> = new Set();

/**
 * One redaction engine per bundle, for the report, the HAR and the logs alike: one alias book (the same
 * value → the same alias everywhere) and one tally of what each rule replaced (the manifest's counts).
 *
 * Structured data is redacted value by value, never as serialized text, so the result is always the same
 * shape and still valid JSON: a number that was a phone number becomes the alias string.
 */
export class RedactionEngine {
  private readonly book = new AliasBook();
  private readonly keep: ReadonlySet<string>;
  private readonly needles: ReadonlySet<string>;
  private readonly literals: readonly string[];
  /**
   * Object keys that came through the text rules unchanged. A HAR repeats the same few keys millions of
   * times; only keys nothing matched are remembered, so a key that is itself a secret is still counted.
   */
  private readonly cleanKeys = new Set<string>();

  constructor(options: RedactionEngineOptions = {}) {
    this.keep = new Set((options.keep ?? []).filter(Boolean));
    const secrets = (options.knownSecrets ?? []).filter((s) => s.length >= 8);
    this.needles = knownSecretNeedles(secrets.filter((s) => s.includes('-----BEGIN')));
    this.literals = secrets.filter((s) => !s.includes('-----BEGIN')).sort((a, b) => b.length - a.length);
  }

  /** Replacements so far, by rule. */
  counts(): Partial<Record<RedactionRule, number>> {
    return this.book.counts();
  }

  /** Records replacements made outside text (metadata stripped from a picture). */
  note(rule: RedactionRule, count: number): void {
    this.book.count(rule, count);
  }

  /** Free text: a log, a message, a header value. */
  text(input: string, options: RedactOptions = {}): string {
    return redactText(this.context(options), input);
  }

  /** A JSON value (parsed): returns a redacted copy of the same shape. */
  json<T>(value: T, options: RedactOptions = {}): T {
    return this.walk(value, null, this.context(options)) as T;
  }

  /** Aliases a whole value under `rule` (the personal-data exemptions do not apply: it is a credential). */
  whole(rule: RedactionRule, value: string): string {
    return replaceWithAlias(this.context({}), rule, value);
  }

  private context(options: RedactOptions): TextRuleContext {
    return {
      book: this.book,
      keep: this.keep,
      needles: this.needles,
      literals: this.literals,
      skip: options.skip ? new Set(options.skip) : NO_SKIP,
    };
  }

  /** A value under a field (or header) name that marks it a credential. */
  private byName(rule: RedactionRule, value: string, ctx: TextRuleContext, pairValue = false): string {
    if (!value.trim()) return value;
    switch (rule) {
      case 'cookie':
        // A HAR cookie's value is the bare value; a Cookie header's is `a=1; b=2`.
        return pairValue ? replaceWithAlias(ctx, rule, value) : redactCookiePairs(ctx, 'cookie', value);
      case 'set-cookie':
        return redactSetCookie(ctx, value);
      case 'authorization':
        return redactAuthorization(ctx, value);
      default:
        return replaceWithAlias(ctx, rule, value);
    }
  }

  private key(key: string, ctx: TextRuleContext): string {
    if (this.cleanKeys.has(key)) return key;
    const safe = redactText(ctx, key);
    if (safe === key && key.length <= 64 && this.cleanKeys.size < 10_000 && ctx.skip.size === 0) {
      this.cleanKeys.add(key);
    }
    return safe;
  }

  private walk(node: unknown, name: string | null, ctx: TextRuleContext): unknown {
    if (typeof node === 'string') {
      const rule = name === null ? null : ruleForFieldName(name);
      // A named credential goes whole, then through the text rules too (a cookie's attributes may hold more).
      return redactText(ctx, rule ? this.byName(rule, node, ctx) : node);
    }
    if (typeof node === 'number' && name !== null && ruleForFieldName(name)) {
      return this.byName(ruleForFieldName(name)!, String(node), ctx);
    }
    if (typeof node === 'number') {
      // Long integers can be phone, card or ID numbers; anything the text rules change becomes the alias.
      if (!Number.isInteger(node) || Math.abs(node) < 1e10) return node;
      const asText = String(node);
      const redacted = redactText(ctx, asText);
      return redacted === asText ? node : redacted;
    }
    if (Array.isArray(node)) return node.map((item) => this.walk(item, name, ctx));
    if (node === null || typeof node !== 'object') return node;
    if (Buffer.isBuffer(node)) throw new TypeError('binary data cannot be redacted as JSON');
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // HAR and CDP name/value pairs: the pair's `name` says what its `value` is.
    const pairName = typeof record.name === 'string' && typeof record.value === 'string' ? record.name : null;
    const containerRule = name !== null ? COOKIE_CONTAINERS[name] : undefined;
    for (const [key, value] of Object.entries(record)) {
      const safeKey = this.key(key, ctx);
      if (key === 'value' && pairName !== null) {
        const rule = containerRule ?? ruleForFieldName(pairName);
        const pairValue = containerRule !== undefined;
        out[safeKey] = redactText(
          ctx,
          rule ? this.byName(rule, value as string, ctx, pairValue) : (value as string),
        );
        continue;
      }
      out[safeKey] = this.walk(value, key, ctx);
    }
    return out;
  }
}
