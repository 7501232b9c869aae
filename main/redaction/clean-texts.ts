import type { LiteralMatcher } from './literal-matcher';

/** Texts longer than this are not remembered: they are seldom repeated, and reading them dwarfs a lookup. */
const LONGEST = 512;
/** Remembered texts at most; then the memory starts again (the repeated ones come back at once). */
const MOST = 1024;

/**
 * Texts the text rules left unchanged, each with how many hunted values were known then. A HAR says the
 * same User-Agent, Accept and Content-Type in every entry (two thirds of its strings are repeats), and
 * every rule but the hunt for known values reads only the text itself: a text one of them left alone
 * stays alone, and nothing was counted or learnt from it (a rule that counts replaces). Only the values
 * hunted since it was read can change that, and those are looked for in it (LiteralMatcher.addedSince).
 *
 * Texts that changed are never remembered: their aliases depend on the order values were first seen.
 */
export class CleanTexts {
  private readonly known = new Map<string, number>();

  constructor(private readonly literals: LiteralMatcher) {}

  /** True when `text` is known to come out of the text rules unchanged. */
  has(text: string): boolean {
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
    if (this.known.size >= MOST) this.known.clear();
    this.known.set(text, this.literals.size);
  }
}
