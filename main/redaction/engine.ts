import { AliasBook } from './alias-book';
import { CleanTexts } from './clean-texts';
import { keyEncodings, knownSecretNeedles } from './known-secrets';
import { LiteralMatcher } from './literal-matcher';
import { osUserPattern } from './personal-rules';
import type { RedactionRule } from './rules';
import { memberKind, own, UNNAMED, type Member, type Walker } from './structured';
import { redactText, replaceWithAlias, type TextRuleContext } from './text-rules';

export interface RedactionEngineOptions {
  /** Values that must survive as they are (the merchant number and app id the report is filed under). */
  keep?: readonly string[];
  /**
   * Secrets known to be on this machine: the merchant's private key (found in every encoding and in pieces
   * of a line or more), and any other exact string (replaced wherever it appears).
   */
  knownSecrets?: readonly string[];
  /** The computer's user name, replaced wherever it stands as a word (home paths are found without it). */
  osUserName?: string | null;
}

export interface RedactOptions {
  /** Rules not applied here: the contact section skips the personal-data rules, since it was given on purpose. */
  skip?: Iterable<RedactionRule>;
}

const NO_SKIP: ReadonlySet<RedactionRule> = new Set();

/**
 * One redaction engine per bundle, for the report, the HAR and the logs alike: one alias book (the same
 * value → the same alias everywhere), one set of values hunted in every free text, and one tally of what
 * each rule replaced (the manifest's counts).
 *
 * Secrets of the run are learnt before anything is written (`learn`): a cookie the page printed into the
 * console is found there even though the response that set it comes later in the bundle.
 */
export class RedactionEngine {
  private readonly book = new AliasBook();
  private readonly keep: ReadonlySet<string>;
  private readonly needles: ReadonlySet<string>;
  private readonly literals = new LiteralMatcher();
  private readonly clean = new CleanTexts(this.literals);
  private readonly osUser: RegExp | null;
  /**
   * Object keys that came through the text rules unchanged, with what each says of its value. A HAR repeats
   * the same few keys millions of times; only keys nothing matched are remembered, so a key that is itself a
   * secret is still counted.
   */
  private readonly cleanKeys = new Map<string, Member>();

  constructor(options: RedactionEngineOptions = {}) {
    this.keep = new Set((options.keep ?? []).filter(Boolean));
    const secrets = (options.knownSecrets ?? []).filter((s) => s.length >= 8);
    const keys = secrets.filter((s) => s.includes('-----BEGIN'));
    this.needles = knownSecretNeedles(keys);
    // Whole encodings too, so a key glued inside a word is still found where it starts a token.
    for (const key of keys)
      for (const form of keyEncodings(key)) this.literals.add(form, 'known-secret', true);
    for (const literal of secrets.filter((s) => !s.includes('-----BEGIN'))) {
      this.literals.add(literal, 'known-secret', true);
    }
    this.osUser = osUserPattern(options.osUserName);
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
    return own(this.walker(this.context(options)), value, UNNAMED) as T;
  }

  /** Aliases a whole value under `rule` (the personal-data exemptions do not apply: it is a credential). */
  whole(rule: RedactionRule, value: string): string {
    return replaceWithAlias(this.context({}), rule, value);
  }

  /**
   * Reads a value or a text for the secrets it carries (cookies, credentials by name) without counting
   * anything: called on every source before the first member is written, so that what is learnt from the
   * last member protects the first.
   */
  learn(value: unknown): void {
    const tally = this.book.snapshot();
    if (typeof value === 'string') this.text(value);
    else this.json(value);
    this.book.restore(tally);
  }

  /**
   * Makes room for about `count` hunted values before they come (harvest.ts, before a HAR's): in the hunt's
   * table, and in the alias book, where each of them gets its alias when the HAR is redacted.
   */
  reserve(count: number): void {
    this.literals.reserve(count);
    this.book.reserve(count);
  }

  /** Adds a value found outside this engine's walk (harvest.ts reads a HAR this way). */
  hunt(value: string, rule: RedactionRule): void {
    if (!this.keep.has(value)) this.literals.add(value, rule);
  }

  private context(options: RedactOptions): TextRuleContext {
    return {
      book: this.book,
      keep: this.keep,
      needles: this.needles,
      literals: this.literals,
      skip: options.skip ? new Set(options.skip) : NO_SKIP,
      osUser: this.osUser,
      clean: options.skip ? null : this.clean,
    };
  }

  private walker(ctx: TextRuleContext): Walker {
    return {
      ctx,
      member: (key) => {
        const known = this.cleanKeys.get(key);
        if (known) return known;
        const member = { key: redactText(ctx, key), kind: memberKind(key) };
        if (member.key === key && key.length <= 64 && this.cleanKeys.size < 10_000 && ctx.skip.size === 0) {
          this.cleanKeys.set(key, member);
        }
        return member;
      },
    };
  }
}
