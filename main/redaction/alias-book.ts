import { ALIAS_LABEL, ALIAS_PREFIX, ALREADY_REDACTED, type RedactionRule } from './rules';

/**
 * One bundle's aliases: the same value always gets the same alias (REDACTED-MOBILE-2; the preview shows it as [手机号 2]), in every member,
 * so support staff can still see that the phone in the log is the one in the page. Values are keyed in
 * a normalized form (a phone without its spaces and +86), so writing styles do not split one value.
 */
export class AliasBook {
  private readonly aliases = new Map<string, string>();
  private readonly numbers = new Map<string, number>();
  private readonly tally = new Map<RedactionRule, number>();

  /** The alias for `value`, counting one replacement under `rule`. */
  alias(rule: RedactionRule, normalized: string): string {
    const existing = this.aliases.get(normalized);
    this.tally.set(rule, (this.tally.get(rule) ?? 0) + 1);
    if (existing) return existing;
    const label = ALIAS_LABEL[rule];
    const number = (this.numbers.get(label) ?? 0) + 1;
    this.numbers.set(label, number);
    const alias = `${ALIAS_PREFIX}${label}-${number}`;
    this.aliases.set(normalized, alias);
    return alias;
  }

  count(rule: RedactionRule, by: number): void {
    if (by > 0) this.tally.set(rule, (this.tally.get(rule) ?? 0) + by);
  }

  /** The tally as it is now, to put back after a pass that only learns (engine.learn). */
  snapshot(): Map<RedactionRule, number> {
    return new Map(this.tally);
  }

  restore(tally: Map<RedactionRule, number>): void {
    this.tally.clear();
    for (const [rule, n] of tally) this.tally.set(rule, n);
  }

  counts(): Partial<Record<RedactionRule, number>> {
    return Object.fromEntries([...this.tally].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  static isRedacted(value: string): boolean {
    return ALREADY_REDACTED.test(value.trim());
  }
}
