import { ALIAS_LABEL, ALIAS_PREFIX, ALREADY_REDACTED, REDACTION_RULES, type RedactionRule } from './rules';

/** FNV-1a over the whole string. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Strings to numbers, in an open-addressed table of integers that keeps each key's hash beside its slot. A
 * bundle has a hundred thousand distinct values spread over a heap of tens of megabytes; a lookup here reads
 * one place of the table (hash and number side by side, in one cache line) and touches a stored string only
 * when the hashes agree, where a Map reads the stored keys themselves while it searches.
 */
class StringTable {
  /** Slot s: [2s] the key's hash, [2s + 1] 1 + the key's number (0: empty). */
  private slots = new Int32Array(2048);
  readonly keys: string[] = [];
  /** Each key's hash, so that growing the table reads no string. */
  private keyHashes = new Int32Array(1024);

  /** Where `key` is, or the empty slot where it would go (an index into `slots`). */
  private find(key: string, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const entry = slots[2 * slot + 1]!;
      if (entry === 0 || (slots[2 * slot] === h && this.keys[entry - 1] === key)) return 2 * slot;
      slot = (slot + 1) & mask;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key's number, or -1. */
  get(key: string): number {
    return this.slots[this.find(key, hashOf(key)) + 1]! - 1;
  }

  /** The key's number, numbering it when new. */
  intern(key: string): number {
    const h = hashOf(key);
    let at = this.find(key, h);
    const existing = this.slots[at + 1]!;
    if (existing !== 0) return existing - 1;
    const index = this.keys.length;
    if ((index + 1) * 4 > this.slots.length) {
      this.resize(this.slots.length * 2);
      at = this.find(key, h);
    }
    this.keys.push(key);
    if (index >= this.keyHashes.length) {
      const grown = new Int32Array(this.keyHashes.length * 2);
      grown.set(this.keyHashes);
      this.keyHashes = grown;
    }
    this.keyHashes[index] = h;
    this.slots[at] = h;
    this.slots[at + 1] = index + 1;
    return index;
  }

  /**
   * Room for `count` keys in all, made once before they come: a table grown by doubling files every key
   * again at each step, and a hundred thousand keys would be filed twice over.
   */
  reserve(count: number): void {
    let length = this.slots.length;
    while (count * 4 > length) length *= 2;
    if (length > this.slots.length) this.resize(length);
  }

  private resize(length: number): void {
    this.slots = new Int32Array(length);
    const mask = (length >> 1) - 1;
    for (let index = 0; index < this.keys.length; index++) {
      // Keys are distinct: the first free slot is the one.
      const h = this.keyHashes[index]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[2 * slot] = h;
      this.slots[2 * slot + 1] = index + 1;
    }
  }
}

/** reserve makes room for this many values at most (16 MB of table): past that, the table grows as it fills. */
const MAX_RESERVED = 1 << 20;

const RULE_INDEX = new Map(REDACTION_RULES.map((rule, index) => [rule, index]));
/** Each label's alias up to its number (`REDACTED-COOKIE-`): a new alias is then one concatenation. */
const ALIAS_HEADS = [...new Set(Object.values(ALIAS_LABEL))].map((label) => `${ALIAS_PREFIX}${label}-`);
/** Each rule's label, by the rule's place in REDACTION_RULES, as a place in ALIAS_HEADS (rules may share one). */
const HEAD_OF_RULE = Int32Array.from(REDACTION_RULES, (rule) =>
  ALIAS_HEADS.indexOf(`${ALIAS_PREFIX}${ALIAS_LABEL[rule]}-`),
);

/** What the book needs of the literal matcher whose places it keeps aliases by (LiteralMatcher). */
export interface LiteralPlaces {
  /** Where `value` is filed among the token values (what `add` returned for it), or -1. */
  placeOf(value: string): number;
  /** The value filed at `place`. */
  valueAt(place: number): string;
}

/**
 * One bundle's aliases: the same value always gets the same alias (REDACTED-MOBILE-2; the preview shows it as [手机号 2]), in every member,
 * so support staff can still see that the phone in the log is the one in the page. Values are keyed in
 * a normalized form (a phone without its spaces and +86), so writing styles do not split one value.
 */
export class AliasBook {
  /** Values aliased by their text (`alias`), each with its alias's id in `idOfValue` at the same place. */
  private readonly values = new StringTable();
  private readonly idOfValue: number[] = [];
  /** Aliases by id, in the order they were made. */
  private readonly aliases: string[] = [];
  /** The last number given under each label, by its place in ALIAS_HEADS. */
  private readonly numbers = new Int32Array(ALIAS_HEADS.length);
  /** Replacements per rule, by the rule's place in REDACTION_RULES. */
  private tally = new Float64Array(REDACTION_RULES.length);
  /**
   * The aliases of hunted values by their place in one literal matcher (`literalOwner`): 1 + the alias's
   * id, 0 where it has none yet. A value aliased only by its place is not in `values`: each value is
   * looked for in both before it is given a new alias (see aliasOfLiteral and idByText).
   */
  private literalIds = new Int32Array(0);
  private literalOwner: LiteralPlaces | null = null;

  /** The alias for `value`, counting one replacement under `rule`. */
  alias(rule: RedactionRule, normalized: string): string {
    this.tally[RULE_INDEX.get(rule)!]!++;
    return this.aliases[this.idByText(rule, normalized)]!;
  }

  /**
   * The alias of the hunted value filed at `place` in the literal matcher `owner` (its `add` or `replace`
   * said where), as `alias(rule, value)` gives it. Each cookie and token of a HAR is aliased two or three
   * times (its header, its HAR cookie, the URL it is in), and is filed among the hunted values already: its
   * alias is kept at that place, not filed by its text a second time in a table of its own (a hundred
   * thousand values filed twice over cost 6 % of the redaction of the 50 MB HAR).
   */
  aliasOfLiteral(owner: LiteralPlaces, place: number, rule: RedactionRule, value: string): string {
    if (owner !== this.literalOwner) this.changeOwner(owner);
    this.tally[RULE_INDEX.get(rule)!]!++;
    if (place < this.literalIds.length) {
      const known = this.literalIds[place]!;
      if (known !== 0) return this.aliases[known - 1]!;
    } else {
      const grown = new Int32Array(Math.max(1024, place + 1, this.literalIds.length * 2));
      grown.set(this.literalIds);
      this.literalIds = grown;
    }
    // First met at this place: it may have been aliased by its text before it was hunted.
    const filed = this.values.get(value);
    const id = filed >= 0 ? this.idOfValue[filed]! : this.newAlias(rule);
    this.literalIds[place] = id + 1;
    return this.aliases[id]!;
  }

  /** The id of the alias of a value asked for by its text, made when it has none (by text or by place). */
  private idByText(rule: RedactionRule, value: string): number {
    const before = this.values.size;
    const filed = this.values.intern(value);
    if (filed < before) return this.idOfValue[filed]!;
    // New to the table: it may have an alias at its place among the hunted values.
    let id = -1;
    const owner = this.literalOwner;
    if (owner) {
      const place = owner.placeOf(value);
      if (place >= 0 && place < this.literalIds.length) id = this.literalIds[place]! - 1;
    }
    if (id < 0) id = this.newAlias(rule);
    this.idOfValue[filed] = id;
    return id;
  }

  /** The next alias under `rule`'s label (REDACTED-COOKIE-3 after REDACTED-COOKIE-2); its id. */
  private newAlias(rule: RedactionRule): number {
    const head = HEAD_OF_RULE[RULE_INDEX.get(rule)!]!;
    const number = ++this.numbers[head]!;
    this.aliases.push(ALIAS_HEADS[head]! + number);
    return this.aliases.length - 1;
  }

  /**
   * Another literal matcher's places from now on (a book used with two matchers, as tests do): what was
   * kept at the old one's places is filed by text first, so that no value aliased there is forgotten.
   */
  private changeOwner(owner: LiteralPlaces): void {
    const old = this.literalOwner;
    if (old) {
      for (let place = 0; place < this.literalIds.length; place++) {
        const known = this.literalIds[place]!;
        if (known === 0) continue;
        const before = this.values.size;
        const filed = this.values.intern(old.valueAt(place));
        if (filed >= before) this.idOfValue[filed] = known - 1;
      }
    }
    this.literalOwner = owner;
    this.literalIds = new Int32Array(0);
  }

  /**
   * Room for about `count` values before they come (engine.reserve: a HAR's values). Most of them are hunted
   * values, whose aliases are kept by place (aliasOfLiteral): the table by text needs room for a quarter.
   */
  reserve(count: number): void {
    this.values.reserve(Math.min(count >> 2, MAX_RESERVED));
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
