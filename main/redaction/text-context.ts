import type { AliasBook } from './alias-book';
import type { CleanTexts } from './clean-texts';
import type { LiteralMatcher } from './literal-matcher';
import { ALREADY_REDACTED, type RedactionRule } from './rules';

/** What the text rules need from the engine. */
export interface TextRuleContext {
  book: AliasBook;
  /** Normalized values never replaced (the merchant number the report must carry). */
  keep: ReadonlySet<string>;
  /** Pieces of the merchant's key in every encoding (known-secrets.ts). */
  needles: ReadonlySet<string>;
  /** Exact values hunted in all free text: this run's cookies and credentials, and known secrets. */
  literals: LiteralMatcher;
  skip: ReadonlySet<RedactionRule>;
  /** The computer's user name as a whole word, when it is distinctive enough to look for. */
  osUser: RegExp | null;
  /** Texts known to pass unchanged (only where no rule is skipped: the memory is for the full set). */
  clean?: CleanTexts | null;
}

/** Every alias and marker says REDACTED: the cheap test first, since most values are not one. */
export const isAlias = (value: string): boolean =>
  value.includes('REDACTED') && ALREADY_REDACTED.test(value.trim());

/**
 * The book's alias for `value`: read at its place among `ctx.literals`' hunted values when it has one
 * (`place`, as `add` or `replace` said; -1 for none), else by its text.
 */
function aliasFor(ctx: TextRuleContext, rule: RedactionRule, value: string, place: number): string {
  return place >= 0 ? ctx.book.aliasOfLiteral(ctx.literals, place, rule, value) : ctx.book.alias(rule, value);
}

/** A hunted value found in a text by `ctx.literals.replace`, at `place` among its values (-1: not kept there). */
export function replaceLiteral(
  ctx: TextRuleContext,
  rule: RedactionRule,
  value: string,
  place: number,
): string {
  if (ctx.keep.has(value) || isAlias(value)) return value;
  return aliasFor(ctx, rule, value, place);
}

export function replaceWithAlias(
  ctx: TextRuleContext,
  rule: RedactionRule,
  raw: string,
  normalized = raw,
): string {
  if (ctx.keep.has(normalized) || isAlias(raw)) return raw;
  return ctx.book.alias(rule, normalized);
}

/**
 * A credential found by its name or place: aliased, and remembered so that the same value is replaced
 * wherever else it turns up (a cookie the page prints into the console, a token echoed in a title).
 */
export function replaceCredential(ctx: TextRuleContext, rule: RedactionRule, raw: string): string {
  const value = raw.trim();
  if (!value || ctx.keep.has(value) || isAlias(value)) return raw;
  const hunted = ctx.literals.add(value, rule);
  // A quoted or URL-encoded value is hunted in its plain form too.
  if (value.includes('%')) {
    try {
      ctx.literals.add(decodeURIComponent(value), rule);
    } catch {
      // Not valid percent-encoding: the raw form is the only one.
    }
  }
  const alias = aliasFor(ctx, rule, value, hunted);
  // Most values come without spaces around them: the alias is the whole result.
  return raw === value ? alias : raw.replace(value, alias);
}
