import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralMatcher } from '../../../main/redaction/literal-matcher';
import { textFeatures } from '../../../main/redaction/text-features';

/**
 * The hunt of known values in free text skips places where no value can start (issue 12's speed goal): it
 * must still find exactly what a plain search of every place the hunt looks at finds. The reference below is
 * that plain search, written for clarity, with none of the matcher's tables or shortcuts.
 */

const TOKEN_RUN = /[A-Za-z0-9_~.+/-]{6,}/g;
const SEPARATORS = '/.-_~+';

function plainHunt(values: readonly string[], text: string, mark: (value: string) => string): string {
  const longestAt = (at: number) =>
    values.filter((v) => text.startsWith(v, at)).sort((a, b) => b.length - a.length)[0];
  let out = '';
  let copied = 0;
  for (const run of text.matchAll(TOKEN_RUN)) {
    const end = run.index + run[0].length;
    for (let start = Math.max(run.index, copied); end - start >= 6; start = copied) {
      let at = start;
      if (at > 0 && text[at - 1] === '%') at += 2;
      let found = longestAt(at);
      for (let i = start; found === undefined && i < end - 6; i++) {
        if (SEPARATORS.includes(text[i]!)) found = longestAt((at = i + 1));
      }
      if (found === undefined) break;
      out += text.slice(copied, at) + mark(found);
      copied = at + found.length;
    }
  }
  return out + text.slice(copied);
}

// Values start with six token characters (the kind filed by their first characters); their tails may hold
// other characters, so that some are longer than the run of token characters they start.
const head = fc.constantFrom('abc123', 'abc12.', 'x9-y8_', '283.48', 'ab/cd~');
const tail = fc.string({ unit: fc.constantFrom(...'abc123.-/ !%白'.split('')), maxLength: 6 });
const value = fc.tuple(head, tail).map(([h, t]) => h + t);
const glue = fc.constantFrom(' ', '/', '.', '-', '=', '%3D', '%', '白', '"', '283.48', '99.5', 'q', '');

describe('literal hunt', () => {
  it('finds what a plain search of every place finds, with short and long values and runs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(value, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(glue, fc.nat(20), fc.nat(12)), { maxLength: 10 }),
        fc.boolean(),
        (values, pieces, noted) => {
          const matcher = new LiteralMatcher();
          for (const v of values) matcher.add(v, 'cookie', true);
          // Whole values, and cut ones (a value's start without its end must stay).
          const text = pieces
            .map(([g, pick, cut]) => {
              const v = values[pick % values.length]!;
              return g + (cut < 4 ? v.slice(0, v.length - cut) : v);
            })
            .join('');
          // The matcher reads the runs textFeatures noted for this text, or finds them itself.
          if (noted) textFeatures(text);
          const mark = (v: string) => `<${v.length}>`;
          expect(matcher.replace(text, mark)).toBe(plainHunt(values, text, mark));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
