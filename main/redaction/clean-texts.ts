import type { LiteralMatcher } from './literal-matcher';

/** Texts longer than this are not remembered: they are seldom repeated, and reading them dwarfs a lookup. */
const LONGEST = 512;
/** Remembered texts at most; then the memory starts again (the repeated ones come back at once). */
const MOST = 1024;
/** Signatures (see `signature`) are bits in tables of this many. */
const SIGNATURE_BITS = 16;
/** Texts seen once are noted by signature; the table is cleared after this many (a repeat comes back soon). */
const SEEN_AT_MOST = 1 << 13;

/**
 * A cheap mark of a text: its length and a dozen of its characters (its last eight, where what sets one
 * URL, id or date apart from the next mostly is, and some spread over the rest), hashed to SIGNATURE_BITS
 * bits. Looking a text up in a Map hashes all its characters (V8 then keeps the hash in the string); most
 * texts of a HAR are seen once (bodies, URLs, ids), and hashing each of those only to miss costs as much
 * as a tenth of redaction. Texts whose signature was never marked are not looked up at all.
 */
function signature(text: string): number {
  const n = text.length;
  let h = Math.imul(n, 0x9e3779b1);
  // Four places spread over the text, spelt out: 16 % quicker than a loop over an array literal (microbenchmark).
  h = Math.imul(h ^ text.charCodeAt(0), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt(n >> 2), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt(n >> 1), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt((3 * n) >> 2), 0x01000193);
  for (let at = Math.max(0, n - 8); at < n; at++) h = Math.imul(h ^ text.charCodeAt(at), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & ((1 << SIGNATURE_BITS) - 1);
}

/**
 * Texts the text rules left unchanged, each with how many hunted values were known then. A HAR says the
 * same User-Agent, Accept and Content-Type in every entry (two thirds of its strings are repeats), and
 * every rule but the hunt for known values reads only the text itself: a text one of them left alone
 * stays alone, and nothing was counted or learnt from it (a rule that counts replaces). Only the values
 * hunted since it was read can change that, and those are looked for in it (LiteralMatcher.addedSince).
 *
 * Texts that changed are never remembered: their aliases depend on the order values were first seen.
 * A text is remembered the second time it comes out clean (the first time only its signature is noted),
 * so a text seen once is never hashed whole.
 */
export class CleanTexts {
  private readonly known = new Map<string, number>();
  /** Signatures of the texts in `known` (a set bit may be stale or shared: then the Map says no). */
  private readonly kept = new Uint8Array(1 << (SIGNATURE_BITS - 3));
  /** Signatures of texts that came out clean once, not yet remembered. */
  private readonly seen = new Uint8Array(1 << (SIGNATURE_BITS - 3));
  private seenCount = 0;

  constructor(private readonly literals: LiteralMatcher) {}

  /** True when `text` is known to come out of the text rules unchanged. */
  has(text: string): boolean {
    if (text.length > LONGEST) return false;
    const s = signature(text);
    if ((this.kept[s >> 3]! & (1 << (s & 7))) === 0) return false;
    const since = this.known.get(text);
    if (since === undefined) return false;
    const now = this.literals.size;
    if (since === now) return true;
    if (this.literals.addedSince(since, text)) return false;
    // Still clean with the values known now: later checks start from here.
    this.known.set(text, now);
    return true;
  }

  remember(text: string): void {
    if (text.length > LONGEST) return;
    const s = signature(text);
    const bit = 1 << (s & 7);
    if ((this.seen[s >> 3]! & bit) === 0) {
      if (++this.seenCount > SEEN_AT_MOST) {
        this.seen.fill(0);
        this.seenCount = 1;
      }
      this.seen[s >> 3]! |= bit;
      return;
    }
    if (this.known.size >= MOST) {
      this.known.clear();
      this.kept.fill(0);
    }
    this.known.set(text, this.literals.size);
    this.kept[s >> 3]! |= bit;
  }
}
