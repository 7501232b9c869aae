import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionEngine } from '../../../main/redaction';
import { COOKIE_LIST } from '../../../main/redaction/credential-rules';
import { LiteralMatcher } from '../../../main/redaction/literal-matcher';
import { TEXT_RULES } from '../../../main/redaction/text-rules';
import { textRuleContext } from './fixtures/text-rule-context';
import {
  F_AT,
  F_DASHES,
  F_DIGITS_4,
  F_DIGITS_6,
  F_MOBILE,
  F_PERCENT,
  F_QUERY,
  F_RUN_40,
  F_SEMI_SPACE,
  F_TWO_EQUALS,
  F_WIDE_AT,
  F_WORD,
  textFeatures,
  tokenRuns,
} from '../../../main/redaction/text-features';

/**
 * The speed-ups must not weaken redaction: each one-pass feature bit must be set wherever the regex test it
 * replaced would have passed (a necessary condition), and the hunt for known values must find every value
 * however many there are and however they start.
 */

/** The tests the text rules ran before textFeatures, each beside the bits that now stand for it. */
const OLD_GATES: [string, (t: string) => boolean, (f: number, t: string) => boolean][] = [
  ['PEM', (t) => t.includes('PRIVATE KEY-----'), (f) => (f & F_DASHES) !== 0],
  ['url-credentials', (t) => t.includes('@'), (f) => (f & F_AT) !== 0],
  ['authorization', (t) => /authori|bearer|basic|digest|token /i.test(t), (f) => (f & F_WORD) !== 0],
  ['set-cookie', (t) => /set-cookie/i.test(t), (f) => (f & F_WORD) !== 0],
  ['cookie', (t) => /cookie/i.test(t), (f) => (f & F_WORD) !== 0],
  [
    'cookie list',
    (t) => t.includes('; ') && new RegExp(COOKIE_LIST.source).test(t),
    (f) => (f & F_SEMI_SPACE) !== 0 && (f & F_TWO_EQUALS) !== 0,
  ],
  [
    'url params',
    (t) => /[?#]|%3[Ff]|%23/.test(t),
    (f, t) => (f & F_QUERY) !== 0 || ((f & F_PERCENT) !== 0 && /%3[Ff]|%23/.test(t)),
  ],
  [
    'named values',
    (t) =>
      /secret|token|passw|passphrase|pwd|auth|sess|sid|cookie|sign|key|credential|ticket|private/i.test(t),
    (f) => (f & F_WORD) !== 0,
  ],
  ['JWT', (t) => t.includes('eyJ'), (f) => (f & F_WORD) !== 0],
  ['base64 runs', (t) => /[A-Za-z0-9+/_-]{40}/.test(t), (f) => (f & F_RUN_40) !== 0],
  ['home paths', (t) => /Users|home|Documents and Settings/.test(t), (f) => (f & F_WORD) !== 0],
  ['ID cards', (t) => /[\d\uFF10-\uFF19]{6}/.test(t), (f) => (f & F_DIGITS_6) !== 0],
  ['bank cards', (t) => /[\d\uFF10-\uFF19]{4}/.test(t), (f) => (f & F_DIGITS_4) !== 0],
  ['mobiles', (t) => /[1\uFF11][3-9\uFF13-\uFF19][\d\uFF10-\uFF19]/.test(t), (f) => (f & F_MOBILE) !== 0],
  [
    'e-mail',
    (t) => t.includes('@') || t.includes('%40') || t.includes('＠'),
    (f, t) => (f & (F_AT | F_WIDE_AT)) !== 0 || ((f & F_PERCENT) !== 0 && t.includes('%40')),
  ],
];

/** Pieces that make the old tests pass now and then, glued at random. */
const piece = fc.oneof(
  fc.constantFrom(
    'PRIVATE KEY-----',
    '-----',
    '@',
    '＠',
    '%40',
    '%3F',
    '%23',
    '?',
    '#',
    '; ',
    ';',
    '=',
    'a=1; b=2',
    ' ',
    'eyJ',
    'Users',
    'home',
    'Documents and Settings',
    '１３８',
    '１２３４５６',
    '白条',
    'é',
  ),
  fc.constantFrom(
    ...'authorization bearer basic digest token set-cookie cookie secret passw passphrase pwd auth sess sid sign key credential ticket private'.split(
      ' ',
    ),
  ),
  fc.string({ unit: fc.constantFrom(...'aAkKyYsSiIdDpPwWeEjJ0123456789+/_-.~'.split('')), maxLength: 50 }),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('redaction fast paths', () => {
  it('sets every feature bit wherever the regex test it stands for would pass', () => {
    fc.assert(
      fc.property(text, (t) => {
        const f = textFeatures(t);
        for (const [name, old, now] of OLD_GATES) {
          if (old(t)) expect(now(f, t), `${name}: ${JSON.stringify(t)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("turns a rule away by its feature bits only where the rule's own test would have said no", () => {
    const ctx = textRuleContext({ osUser: /\bshopowner\b/g });
    ctx.literals.add('abcdef123456', 'cookie');
    fc.assert(
      fc.property(text, (t) => {
        const f = textFeatures(t);
        for (const rule of TEXT_RULES) {
          const passes = (f & rule.all) === rule.all && (rule.any === 0 || (f & rule.any) !== 0);
          if (rule.may(t, ctx, f)) expect(passes, `${rule.rules.join()}: ${JSON.stringify(t)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('notes the same runs of token characters as the hunt used to find with its regex', () => {
    fc.assert(
      fc.property(text, (t) => {
        textFeatures(t);
        const noted = Array.from(tokenRuns.bounds.subarray(0, tokenRuns.count * 2));
        const found = [...t.matchAll(/[A-Za-z0-9_~.+/-]{6,}/g)].flatMap((m) => [
          m.index,
          m.index + m[0].length,
        ]);
        expect(noted).toEqual(found);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every hunted value, with many of them and with many that do not start like a token', () => {
    const values = Array.from({ length: 3000 }, (_, i) => `tok${i.toString(36)}x${(i * 7919).toString(16)}Q`);
    // Percent-encoded and punctuated values: more than the handful searched for one by one.
    const odd = Array.from({ length: 40 }, (_, i) => `%7B%22k${i}%22%3A${i * 31}%7D`);
    const matcher = new LiteralMatcher();
    for (const v of [...values, ...odd]) matcher.add(v, 'cookie');
    expect(matcher.size).toBe(values.length + odd.length);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...values, ...odd), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(' ', '/', '=', '"', '白', '%3D', '.', ''), { minLength: 7, maxLength: 7 }),
        (planted, glue) => {
          const t = planted.map((v, i) => `${glue[i]}${v}`).join(glue[6]!);
          const out = matcher.replace(t, () => '[X]');
          for (const v of planted) expect(out).not.toContain(v);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('replaces the longest value where several start alike, in the text and after a %XX escape', () => {
    const matcher = new LiteralMatcher();
    matcher.add('abc123def', 'token');
    matcher.add('abc123def456', 'cookie');
    const out = matcher.replace(
      'x=abc123def456; y=%3Dabc123def!',
      (value, rule) => `<${rule}:${value.length}>`,
    );
    expect(out).toBe('x=<cookie:12>; y=%3D<token:9>!');
  });

  it('gives one value one alias however many values come before it', () => {
    const engine = new RedactionEngine();
    const cookies = Array.from({ length: 5000 }, (_, i) => `c${i}q${(i * 104729).toString(36)}Zz9`);
    const first = engine.json({ request: { cookies: cookies.map((value) => ({ name: 'sid', value })) } });
    const again = engine.text(`echo ${cookies[0]} and ${cookies[4999]}`);
    const aliases = (first as { request: { cookies: { value: string }[] } }).request.cookies.map(
      (c) => c.value,
    );
    expect(new Set(aliases).size).toBe(cookies.length);
    expect(again).toBe(`echo ${aliases[0]} and ${aliases[4999]}`);
    expect(engine.counts().cookie).toBe(cookies.length + 2);
  });

  it('finds the same values, longest first, whether room was made for them before or not', () => {
    // Values sharing their first six characters, so chains hold several and the longest must win.
    const value = fc.tuple(fc.constantFrom('abc123', 'Zz9-_.', 'k3y0x1'), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.nat(59),
        (pairs, room, before) => {
          const values = pairs.map(([head, tail]) => head + tail);
          const plain = new LiteralMatcher();
          const roomy = new LiteralMatcher();
          // Room made after some values are in (they must be filed again) and before the rest.
          values.forEach((v, i) => {
            if (i === before % values.length) roomy.reserve(room);
            plain.add(v, 'cookie');
            roomy.add(v, 'cookie');
          });
          const text = values.map((v, i) => `${i % 2 ? ' ' : '/'}${v}x`).join('');
          const mark = (v: string) => `<${v.length}>`;
          expect(roomy.size).toBe(plain.size);
          expect(roomy.replace(text, mark)).toBe(plain.replace(text, mark));
          for (const v of values) expect(roomy.has(v)).toBe(plain.has(v));
        },
      ),
      { numRuns: 300 },
    );
  });
});
