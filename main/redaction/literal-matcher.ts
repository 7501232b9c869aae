import type { RedactionRule } from './rules';
import { MIN_TOKEN_RUN, tokenRuns } from './text-features';

/** Characters a token-like secret is made of (cookie values, session ids, base64 and hex, passwords). */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.+/-')
  TOKEN_CHAR[c.charCodeAt(0)] = 1;
const isTokenChar = (code: number) => code < 128 && TOKEN_CHAR[code] === 1;
/** Token characters that also separate parts of a token (paths, dotted names, kebab and snake case). */
const SEPARATOR = new Uint8Array(128);
for (const c of '/.-_~+') SEPARATOR[c.charCodeAt(0)] = 1;
const PLAIN_WORD = /^(?:[A-Za-z]+|\d{1,7})$/;
/**
 * Values that name a place, not a secret: IP addresses, host names, URLs and dates. One found under a
 * sensitive-looking name is aliased there, but hunting it everywhere would erase every host in the bundle.
 */
const NOT_A_SECRET =
  /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|\[?[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:]*\]?|(?:[a-z0-9-]+\.)+[a-z]{2,6}(?::\d+)?|https?:\/\/\S*|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)$/;
/** Every place NOT_A_SECRET matches has a `.`, a `:` or a `-`: most hunted values (hex, base64) have none. */
const notASecret = (value: string) =>
  (value.includes('.') || value.includes(':') || value.includes('-')) && NOT_A_SECRET.test(value);
const acceptAll = () => true;
/** A cookie holding `deleted` or `100001`, a host name or a date: no secret, and everywhere. */
const worthHunting = (value: string) => !((value.length < 16 && PLAIN_WORD.test(value)) || notASecret(value));
/** Runs of token characters long enough to hold a literal's prefix (text-features.ts notes the same runs). */
const TOKEN_RUN = /[A-Za-z0-9_~.+/-]{6,}/g;

/** The shortest value hunted: shorter ones ("1", "zh-CN") would replace ordinary words. */
export const MIN_LITERAL_LENGTH = MIN_TOKEN_RUN;
const PREFIX = MIN_LITERAL_LENGTH;
/** Above this many values that do not start like a token, they are found in one pass instead of one search each. */
const ODD_SEARCHES = 16;
const ODD_PREFIX = 4;
const BLOOM_LOG2 = 21;
/** reserve makes room for this many values at most (16 MB of tables): past that, the table grows as it fills. */
const MAX_RESERVED = 1 << 20;
/** addedSince looks at this many new values at most; past that, reading the text again is as quick. */
const RECHECK_AT_MOST = 24;

/** What goes in the place of a value found in a text (`index`: see LiteralMatcher.replace). */
export type LiteralAlias = (literal: string, rule: RedactionRule, index: number) => string;

/** FNV-1a over `length` characters at `at`: literals are filed and found by it without cutting strings. */
function hashAt(text: string, at: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ text.charCodeAt(at + i), 0x01000193);
  return h;
}

/**
 * Literals filed by a hash of their first characters, in an open-addressed table of plain integer arrays:
 * a lookup reads a bit table (small enough to stay in the processor's cache), then one slot, and compares
 * only literals that start with the same characters. No key strings are made to look anything up.
 */
class PrefixTable {
  readonly values: string[] = [];
  readonly rules: RedactionRule[] = [];
  /** 1 + the index of the next literal with the same prefix hash; 0 ends the chain. */
  private next = new Int32Array(1024);
  /** Each literal's prefix hash, so that growing the table reads no string. */
  private hashes = new Int32Array(1024);
  /** Slot s: [2s] the prefix hash, [2s + 1] 1 + the newest literal's index (0: empty); side by side, one read. */
  private slots = new Int32Array(2048);
  private readonly bloom = new Uint8Array(1 << (BLOOM_LOG2 - 3));

  constructor(private readonly prefix: number) {}

  get size(): number {
    return this.values.length;
  }

  /** Where the chain of hash `h` is, or the empty slot where it would go (an index into `slots`). */
  private slotOf(h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    while (slots[2 * slot + 1] !== 0 && slots[2 * slot] !== h) slot = (slot + 1) & mask;
    return 2 * slot;
  }

  /** False when no literal with prefix hash `h` was ever filed (the bit table; true may be wrong). */
  private mayHold(h: number): boolean {
    const b = h >>> (32 - BLOOM_LOG2);
    return (this.bloom[b >> 3]! & (1 << (b & 7))) !== 0;
  }

  /** The literal's index when `value` is filed already, else -1. */
  indexOf(value: string): number {
    const h = hashAt(value, 0, this.prefix);
    // Most values asked about were never filed: the bit table says so without reading the table.
    if (!this.mayHold(h)) return -1;
    for (let i = this.slots[this.slotOf(h) + 1]! - 1; i >= 0; i = this.next[i]! - 1) {
      if (this.values[i] === value) return i;
    }
    return -1;
  }

  /**
   * Files `value` unless it is there already. Returns its index when it was just filed, `-2 - index` when it
   * was there already, and -1 when `accept` turned it away.
   */
  add(value: string, rule: RedactionRule, accept: (value: string) => boolean): number {
    const h = hashAt(value, 0, this.prefix);
    let at = this.slotOf(h);
    for (let i = this.slots[at + 1]! - 1; i >= 0; i = this.next[i]! - 1) {
      if (this.values[i] === value) return -2 - i;
    }
    if (!accept(value)) return -1;
    const index = this.values.length;
    this.values.push(value);
    this.rules.push(rule);
    if (index >= this.next.length) {
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[index] = h;
    if ((index + 1) * 4 > this.slots.length) {
      this.rehash(this.slots.length * 2, index);
      at = this.slotOf(h);
    }
    const b = h >>> (32 - BLOOM_LOG2);
    this.bloom[b >> 3]! |= 1 << (b & 7);
    this.slots[at] = h;
    this.next[index] = this.slots[at + 1]!;
    this.slots[at + 1] = index + 1;
    return index;
  }

  /** Room for `count` literals in all, so that adding that many never rehashes (a rehash reads every slot). */
  reserve(count: number): void {
    if (count > this.next.length) {
      const next = new Int32Array(count);
      next.set(this.next);
      this.next = next;
      const hashes = new Int32Array(count);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    let length = this.slots.length;
    while (count * 4 > length) length *= 2;
    if (length > this.slots.length) this.rehash(length, this.values.length);
  }

  /** Files the first `count` literals again in a table of `length`, in the order they came (chains stay newest first). */
  private rehash(length: number, count: number): void {
    this.slots = new Int32Array(length);
    for (let index = 0; index < count; index++) {
      const h = this.hashes[index]!;
      const at = this.slotOf(h);
      this.slots[at] = h;
      this.next[index] = this.slots[at + 1]!;
      this.slots[at + 1] = index + 1;
    }
  }

  /** The index of the longest literal that starts at `at`, or -1. */
  longestAt(text: string, at: number): number {
    if (at + this.prefix > text.length) return -1;
    const h = hashAt(text, at, this.prefix);
    if (!this.mayHold(h)) return -1;
    let best = -1;
    let bestLength = 0;
    for (let i = this.slots[this.slotOf(h) + 1]! - 1; i >= 0; i = this.next[i]! - 1) {
      const value = this.values[i]!;
      if (value.length > bestLength && text.startsWith(value, at)) {
        best = i;
        bestLength = value.length;
      }
    }
    return best;
  }
}

/**
 * Exact values to find in every free text: the secrets of this run (every cookie value set or sent, every
 * value under a sensitive-looking name) and those known on this machine. A bundle may hold a hundred
 * thousand of them and fifty megabytes of text, so the text is scanned once: at each place a token starts
 * (a run of token characters, a part of one after `/` `.` `-` `_`, or after a %XX escape), the six
 * characters there are hashed and looked up in a table (prefix-table above), and only literals with those
 * first characters are compared. Values that do not start like a token (a password like `!x9…`, a
 * percent-encoded cookie) are searched for one by one while they are few, and in one pass over every
 * position once they are many.
 */
export class LiteralMatcher {
  private readonly tokens = new PrefixTable(PREFIX);
  private readonly odd = new PrefixTable(ODD_PREFIX);
  /** Odd values, longest first (so a value that contains another is replaced whole). */
  private oddByLength: { value: string; rule: RedactionRule }[] = [];
  /** Every value in the order it was added: what was added since a text was last found clean (addedSince). */
  private readonly added: string[] = [];
  /**
   * The fewest token characters any token value starts with (all of it, or up to its first other character).
   * Where a value is in a text, the run of token characters from its start is at least that long, so a
   * shorter run (the prices and short words of a page) is passed over without hashing anything.
   */
  private leastLead = Number.MAX_SAFE_INTEGER;

  get size(): number {
    return this.added.length;
  }

  /**
   * Room for about `count` values that start like a token (the usual kind: cookies, ids, hex and base64),
   * made once: a hundred thousand values added one by one would rehash the table a dozen times.
   */
  reserve(count: number): void {
    this.tokens.reserve(Math.min(count, MAX_RESERVED));
  }

  /**
   * Whether a value added after the first `since` could be in `text` (true also when too many were added to
   * look: the caller then reads the text afresh). A value is replaced only where the text contains it, so
   * a text none of them is in comes out of `replace` as it did when `since` values were known.
   */
  addedSince(since: number, text: string): boolean {
    const added = this.added;
    if (added.length - since > RECHECK_AT_MOST) return true;
    for (let i = since; i < added.length; i++) if (text.includes(added[i]!)) return true;
    return false;
  }

  has(value: string): boolean {
    if (value.length < MIN_LITERAL_LENGTH) return false;
    return this.table(value).indexOf(value) !== -1;
  }

  /** Where `value` is filed among the token values (what `add` returned for it), or -1 (AliasBook). */
  placeOf(value: string): number {
    if (value.length < MIN_LITERAL_LENGTH || this.table(value) !== this.tokens) return -1;
    return this.tokens.indexOf(value);
  }

  /** The token value filed at `place`. */
  valueAt(place: number): string {
    return this.tokens.values[place]!;
  }

  private table(value: string): PrefixTable {
    for (let i = 0; i < PREFIX; i++) if (!isTokenChar(value.charCodeAt(i))) return this.odd;
    return this.tokens;
  }

  /**
   * Adds a value (ignored when too short, a plain word or a small number, or already known); the first rule
   * it was found under sticks. A cookie holding `deleted` or `100001` is no secret, and hunting it would
   * replace ordinary words and amounts everywhere.
   *
   * Returns the value's place among the values that start like a token (the index `replace` hands to its
   * `alias`, see AliasBook.aliasOfLiteral), or -1 when it is not filed there (too short, turned away, odd).
   */
  add(value: string, rule: RedactionRule, always = false): number {
    if (value.length < MIN_LITERAL_LENGTH) return -1;
    const table = this.table(value);
    const filed = table.add(value, rule, always ? acceptAll : worthHunting);
    if (filed < 0) return table === this.tokens && filed < -1 ? -2 - filed : -1;
    this.added.push(value);
    if (table === this.tokens) {
      // Only the characters up to leastLead can lower it: the first PREFIX are token characters already.
      let lead = PREFIX;
      while (lead < this.leastLead && lead < value.length && isTokenChar(value.charCodeAt(lead))) lead++;
      this.leastLead = lead;
    }
    if (table === this.odd) {
      const literal = { value, rule };
      const index = this.oddByLength.findIndex((o) => o.value.length < value.length);
      this.oddByLength.splice(index === -1 ? this.oddByLength.length : index, 0, literal);
      return -1;
    }
    return filed;
  }

  /**
   * Replaces every occurrence; `alias` says what goes in a found value's place (`index`: the value's place
   * among the token values, as `add` returned it, or -1 for an odd value).
   */
  replace(text: string, alias: LiteralAlias): string {
    if (text.length < MIN_LITERAL_LENGTH) return text;
    let out = this.tokens.size > 0 ? this.scan(text, alias) : text;
    if (this.odd.size === 0) return out;
    if (this.odd.size > ODD_SEARCHES) return this.scanOdd(out, alias);
    for (const { value, rule } of this.oddByLength) {
      if (out.includes(value)) out = out.split(value).join(alias(value, rule, -1));
    }
    return out;
  }

  private scan(text: string, alias: LiteralAlias): string {
    const tokens = this.tokens;
    // The runs of token characters: as textFeatures just noted them for this text, or found here.
    let bounds = tokenRuns.bounds;
    let count = tokenRuns.count;
    if (tokenRuns.text !== text) {
      const found: number[] = [];
      for (const run of text.matchAll(TOKEN_RUN)) found.push(run.index, run.index + run[0].length);
      bounds = Int32Array.from(found);
      count = found.length / 2;
    }
    const least = this.leastLead;
    let parts: string[] | null = null;
    let copied = 0;
    for (let r = 0; r < count; r++) {
      const end = bounds[2 * r + 1]!;
      // After a value was replaced, the search goes on from its end: what is left of a run is a run of its own.
      // Every place looked up leaves at least `least` characters of the run (leastLead says why).
      for (let start = Math.max(bounds[2 * r]!, copied); end - start >= least; start = copied) {
        // A value starts a run, follows a %XX escape (`%3DvalueHere`), or follows a `/ . - _ ~ +` inside one
        // (a path segment, a dotted name).
        let at = start;
        if (at > 0 && text.charCodeAt(at - 1) === 37 /* % */) at += 2;
        let found = end - at >= least ? tokens.longestAt(text, at) : -1;
        for (let i = start; found === -1 && i < end - least; i++) {
          if (SEPARATOR[text.charCodeAt(i)] === 1) found = tokens.longestAt(text, (at = i + 1));
        }
        if (found === -1) break;
        const value = tokens.values[found]!;
        parts ??= [];
        parts.push(text.slice(copied, at), alias(value, tokens.rules[found]!, found));
        copied = at + value.length;
      }
    }
    if (!parts) return text;
    parts.push(text.slice(copied));
    return parts.join('');
  }

  /** Many odd values: every position is looked up once, the longest value there replaced. */
  private scanOdd(text: string, alias: LiteralAlias): string {
    const odd = this.odd;
    let parts: string[] | null = null;
    let copied = 0;
    for (let at = 0; at + MIN_LITERAL_LENGTH <= text.length; at++) {
      const found = odd.longestAt(text, at);
      if (found === -1) continue;
      const value = odd.values[found]!;
      parts ??= [];
      parts.push(text.slice(copied, at), alias(value, odd.rules[found]!, -1));
      copied = at + value.length;
      at = copied - 1;
    }
    if (!parts) return text;
    parts.push(text.slice(copied));
    return parts.join('');
  }
}
