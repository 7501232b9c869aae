import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionEngine } from '../../../main/redaction';
import { aliasedCookiesUnchanged } from '../../../main/redaction/aliased-cookies';
import { LiteralMatcher } from '../../../main/redaction/literal-matcher';
import { osUserPattern } from '../../../main/redaction/personal-rules';
import { ALIAS_LABEL } from '../../../main/redaction/rules';
import { redactText, type TextRuleContext } from '../../../main/redaction/text-rules';
import { textRuleContext } from './fixtures/text-rule-context';

/**
 * A cookie header made of names and aliases skips the text rules only where they would have left it as it
 * is: wherever aliasedCookiesUnchanged says so, the full reading gives back the same text and counts,
 * hunts and learns nothing, whatever values are hunted and whatever the computer's user name is.
 */

const labels = [...new Set(Object.values(ALIAS_LABEL))];
const alias = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constantFrom(...labels), weight: 6 }, fc.constantFrom('SET-COOKIE', 'X')),
    fc.oneof({ arbitrary: fc.nat(99_999), weight: 6 }, fc.integer({ min: 0, max: 1e12 })),
  )
  .map(([label, n]) => `REDACTED-${label}-${n}`);
const name = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'sid',
      'cart',
      'key',
      'token',
      'auth',
      'pwd',
      'sess',
      'eyJab',
      'home',
      'Users',
      'x_1',
    ),
    weight: 6,
  },
  fc.constantFrom(
    'cookie',
    'authorization',
    'set-cookie',
    'a@b.cn',
    '/home/alice',
    'sid?x',
    'c d',
    '13812345678',
  ),
  fc.string({ unit: fc.constantFrom(...'abAB_09-.@/ =;'.split('')), minLength: 1, maxLength: 7 }),
);
const pair = fc
  .tuple(name, fc.oneof({ arbitrary: alias, weight: 6 }, fc.constantFrom('v', 'REDACTED', 'abc123def456')))
  .map(([n, v]) => `${n}=${v}`);
const attribute = fc.constantFrom(
  'Path=/',
  'HttpOnly',
  'Secure',
  'SameSite=Lax',
  'SameSite=None',
  'Path=/home/alice',
  'Domain=a.cn',
);
const header = fc
  .tuple(
    pair,
    fc.array(fc.oneof({ arbitrary: pair, weight: 3 }, attribute), { maxLength: 4 }),
    fc.constantFrom('; ', '; ', '; ', '; ', ';', ', '),
  )
  .map(([first, rest, sep]) => [first, ...rest].join(sep));

/** Values hunted: pieces of the header itself (parts of names and aliases), and others. */
const hunted = (text: string) =>
  fc.oneof(
    fc.constant([]),
    fc.array(
      fc.oneof(
        fc
          .tuple(fc.nat(text.length), fc.integer({ min: 6, max: 24 }))
          .map(([at, n]) => text.slice(at, at + n)),
        fc.constantFrom(
          'COOKIE-12',
          'REDACTED-COOKIE-1',
          'cart12',
          '%3Dsid=x',
          'HttpOnly',
          'sessionid',
          'f00ba4',
        ),
      ),
      { maxLength: 3 },
    ),
  );
const userName = fc.option(fc.constantFrom('alice', 'cart', 'redacted', 'cookie', 'HttpOnly', 'zhangsan'), {
  nil: null,
});

function context(values: readonly string[], user: string | null): TextRuleContext {
  const literals = new LiteralMatcher();
  for (const v of values) literals.add(v, 'cookie', true);
  return textRuleContext({ literals, osUser: osUserPattern(user) });
}

describe('cookie headers made of names and aliases', () => {
  it('are let through only where every text rule would have let them through', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        header.chain((text) => fc.tuple(fc.constant(text), hunted(text), userName)),
        ([text, values, user]) => {
          const fast = aliasedCookiesUnchanged(context(values, user), text);
          if (!fast) return;
          taken++;
          const ctx = context(values, user);
          const size = ctx.literals.size;
          expect(redactText(ctx, text), JSON.stringify({ text, values, user })).toBe(text);
          expect(ctx.book.counts()).toEqual({});
          expect(ctx.literals.size).toBe(size);
        },
      ),
      { numRuns: 1500 },
    );
    // The property is about something: a good share of the headers took the short way.
    expect(taken).toBeGreaterThan(150);
  });

  it('still finds a hunted value in a name, and the user name as a cookie name', () => {
    const engine = new RedactionEngine({ osUserName: 'zhangsan' });
    engine.hunt('abc123def456', 'cookie');
    const out = engine.json({
      headers: [
        { name: 'Cookie', value: 'sid=abc123def456; cart=9f8e7d6c' },
        { name: 'Cookie', value: 'zhangsan=1a2b3c4d; sid=5e6f7a8b' },
      ],
    }) as { headers: { value: string }[] };
    expect(out.headers[0]!.value).toMatch(/^sid=REDACTED-COOKIE-\d+; cart=REDACTED-COOKIE-\d+$/);
    expect(out.headers[1]!.value).toMatch(/^REDACTED-USER-\d+=REDACTED-COOKIE-\d+; sid=REDACTED-COOKIE-\d+$/);
  });
});
