import { ALIAS_LABEL, ALIAS_PREFIX, ALREADY_REDACTED, REDACTION_RULES, type RedactionRule } from './rules';

/** FNV-1a over the whole string. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Strings to numbers, in an open-addressed table of integer arrays that keeps each key's hash beside its
 * slot. A bundle has a hundred thousand distinct values spread over a heap of tens of megabytes; a lookup
 * here reads the table and touches a stored string only when the hashes agree, where a Map reads the
 * stored keys themselves while it searches.
 */
class StringTable {
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(1024);
  readonly keys: string[] = [];
  /** Each key's hash, so that growing the table reads no string. */
  private keyHashes: number[] = [];

  private find(key: string, h: number): number {
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0 || (this.hashes[slot] === h && this.keys[entry - 1] === key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The key's number, or -1. */
  get(key: string): number {
    return this.slots[this.find(key, hashOf(key))]! - 1;
  }

  /** The key's number, numbering it when new. */
  intern(key: string): number {
    const h = hashOf(key);
    let slot = this.find(key, h);
    const existing = this.slots[slot]!;
    if (existing !== 0) return existing - 1;
    if ((this.keys.length + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.find(key, h);
    }
    this.keys.push(key);
    this.keyHashes.push(h);
    this.hashes[slot] = h;
    this.slots[slot] = this.keys.length;
    return this.keys.length - 1;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    const mask = capacity - 1;
    this.keyHashes.forEach((h, index) => {
      // Keys are distinct: the first free slot is the one.
      let slot = (h ^ (h >>> 15)) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = h;
      this.slots[slot] = index + 1;
    });
  }
}

const RULE_INDEX = new Map(REDACTION_RULES.map((rule, index) => [rule, index]));

/**
 * One bundle's aliases: the same value always gets the same alias (REDACTED-MOBILE-2; the preview shows it as [手机号 2]), in every member,
 * so support staff can still see that the phone in the log is the one in the page. Values are keyed in
 * a normalized form (a phone without its spaces and +86), so writing styles do not split one value.
 */
export class AliasBook {
  private readonly values = new StringTable();
  private readonly aliases: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Replacements per rule, by the rule's place in REDACTION_RULES. */
  private tally = new Float64Array(REDACTION_RULES.length);

  /** The alias for `value`, counting one replacement under `rule`. */
  alias(rule: RedactionRule, normalized: string): string {
    this.tally[RULE_INDEX.get(rule)!]!++;
    const index = this.values.intern(normalized);
    const existing = this.aliases[index];
    if (existing !== undefined) return existing;
    const label = ALIAS_LABEL[rule];
    const number = (this.numbers.get(label) ?? 0) + 1;
    this.numbers.set(label, number);
    const alias = `${ALIAS_PREFIX}${label}-${number}`;
    this.aliases[index] = alias;
    return alias;
  }

  count(rule: RedactionRule, by: number): void {
    if (by > 0) this.tally[RULE_INDEX.get(rule)!]! += by;
  }

  /** The tally as it is now, to put back after a pass that only learns (engine.learn). */
  snapshot(): Float64Array {
    return this.tally.slice();
  }

  restore(tally: Float64Array): void {
    this.tally = tally.slice();
  }

  counts(): Partial<Record<RedactionRule, number>> {
    const out: Partial<Record<RedactionRule, number>> = {};
    // Sorted by name, as the manifest lists them; rules that never counted are left out.
    for (const rule of [...REDACTION_RULES].sort()) {
      const n = this.tally[RULE_INDEX.get(rule)!]!;
      if (n > 0) out[rule] = n;
    }
    return out;
  }

  static isRedacted(value: string): boolean {
    return ALREADY_REDACTED.test(value.trim());
  }
}
