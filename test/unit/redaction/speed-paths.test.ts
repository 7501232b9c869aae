import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionEngine } from '../../../main/redaction';
import { CleanTexts } from '../../../main/redaction/clean-texts';
import { redactParamValue, redactUrlParams } from '../../../main/redaction/credential-rules';
import { LiteralMatcher } from '../../../main/redaction/literal-matcher';
import {
  F_CARD_DIGITS,
  F_DIGITS_15,
  F_AT,
  F_MOBILE,
  F_PHONE_DIGITS,
  F_WIDE_AT,
  textFeatures,
  tokenRuns,
} from '../../../main/redaction/text-features';
import { redactText, type TextRuleContext } from '../../../main/redaction/text-rules';
import { textRuleContext } from './fixtures/text-rule-context';

/**
 * The second round of redaction speed-ups (issue 12's speed goal) must not weaken it either: the digit
 * chains stand for the personal-data regexes exactly where those could match, and a text remembered as
 * clean is read again when a value hunted since could be in it.
 */

const D = '[0-9\\uFF10-\\uFF19]';
/** The regexes of personal-rules.ts, without their look-arounds (a looser test: more texts pass it). */
const GATES: [string, RegExp, (f: number) => boolean][] = [
  ['ID card', new RegExp(`[1-9]${D}{14}`), (f) => (f & F_DIGITS_15) !== 0],
  ['bank card', new RegExp(`${D}(?:[ -]?${D}){12,18}`), (f) => (f & F_CARD_DIGITS) !== 0],
  [
    'mobile',
    new RegExp(`[1１][3-9３-９]${D}(?:[ .-]?${D}{4}){2}`),
    (f) => (f & (F_MOBILE | F_PHONE_DIGITS)) === (F_MOBILE | F_PHONE_DIGITS),
  ],
];

const digitText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'0123456789１３８９０ .- -.  a白'.split('')),
      fc.constantFrom('138', '１３９', '6222', '110101', '19900307', ' ', '-', '.', '--', '. '),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('redaction speed paths', () => {
  it('sets the digit-chain bits wherever the personal-data regexes could match', () => {
    fc.assert(
      fc.property(digitText, (t) => {
        const f = textFeatures(t);
        for (const [name, regex, gate] of GATES) {
          if (regex.test(t)) expect(gate(f), `${name}: ${JSON.stringify(t)}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('still finds phones, cards and IDs written with separators and full-width digits', () => {
    const engine = new RedactionEngine();
    const out = engine.text(
      '电话 138 1234 5678，138.1234.5679，１３８１２３４５６７０；卡 6222-0212-3456-7890-128；证 11010519491231002X',
    );
    expect(out).not.toMatch(/1234|5678|5679|6222|7890|1949/);
    expect(engine.counts()['mobile-cn']).toBe(3);
  });

  it('reads a text remembered as clean again once a value in it is hunted', () => {
    const engine = new RedactionEngine();
    const line = 'GET /cashier/done?ok session tag a1b2c3d4e5f6 seen';
    expect(engine.text(line)).toBe(line);
    expect(engine.text(line)).toBe(line);
    // A cookie with that value is set: the same text now gives it up, wherever it is.
    engine.json({ response: { cookies: [{ name: 'tag', value: 'a1b2c3d4e5f6' }] } });
    const again = engine.text(line);
    expect(again).not.toContain('a1b2c3d4e5f6');
    expect(again).toMatch(/REDACTED-COOKIE-\d+/);
  });

  it('reads a remembered text again when many values were hunted since', () => {
    const engine = new RedactionEngine();
    const line = 'trace zz9y8x7w6v5u done';
    expect(engine.text(line)).toBe(line);
    const cookies = Array.from({ length: 200 }, (_, i) => ({ name: 'c', value: `v${i}q${i * 7919}abcd` }));
    cookies.push({ name: 'c', value: 'zz9y8x7w6v5u' });
    engine.json({ request: { cookies } });
    expect(engine.text(line)).not.toContain('zz9y8x7w6v5u');
  });

  it('says which values were added since a given count, and only those', () => {
    const matcher = new LiteralMatcher();
    matcher.add('alpha123456', 'cookie');
    const since = matcher.size;
    expect(matcher.addedSince(since, 'x alpha123456 y')).toBe(false);
    matcher.add('%7Bbeta99999', 'token');
    expect(matcher.addedSince(since, 'x %7Bbeta99999 y')).toBe(true);
    expect(matcher.addedSince(since, 'x alpha123456 y')).toBe(false);
  });

  it('remembers a clean text the second time it is given, and never vouches for a text it was not given', () => {
    // Texts that differ only inside (same length, same ends) share most of their signature: the Map decides.
    const text = fc.oneof(
      fc.string({ minLength: 6, maxLength: 40 }),
      fc.integer({ min: 0, max: 999 }).map((n) => `2026-12-04T10:00:${String(n).padStart(3, '0')}.000Z`),
      fc.constantFrom('Mozilla/5.0 (X11; Linux x86_64)', 'text/html; charset=utf-8'),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), text, (given, other) => {
        const clean = new CleanTexts(new LiteralMatcher());
        const times = new Map<string, number>();
        for (const t of given) {
          clean.remember(t);
          times.set(t, (times.get(t) ?? 0) + 1);
        }
        for (const [t, n] of times) if (n >= 2) expect(clean.has(t), t).toBe(true);
        if (!times.has(other)) expect(clean.has(other)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same output, aliases and counts with the memory of clean texts as without it', () => {
    const texts = fc.array(
      fc.constantFrom(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
        'text/html; charset=utf-8',
        'token=q1w2e3r4t5y6u7 and more',
        'echo q1w2e3r4t5y6u7 again',
        'sid=abcdef123456; cart=zyxw98765',
        'abcdef123456 printed',
        'zyxw98765 and abcdef123456',
        'plain words only here',
        '客服 13912345678',
      ),
      { maxLength: 40 },
    );
    const context = (remember: boolean): TextRuleContext => {
      const literals = new LiteralMatcher();
      return textRuleContext({ literals, clean: remember ? new CleanTexts(literals) : null });
    };
    fc.assert(
      fc.property(texts, (list) => {
        const withMemory = context(true);
        const without = context(false);
        for (const t of list) expect(redactText(withMemory, t)).toBe(redactText(without, t));
        expect(withMemory.book.counts()).toEqual(without.book.counts());
      }),
      { numRuns: 300 },
    );
  });

  it('reads URL parameters and fragments as the replace-and-look-back version did', () => {
    // The version before the single left-to-right reading (a callback per parameter, and a look back from
    // each one for the nearest `#`, `?`, space, newline or `"`, 4 KB at most).
    const URL_PARAM =
      /([?&#;]|%3[Ff]|%26|%23)([A-Za-z0-9_.[\]-]{1,64})(=|%3[Dd])((?:(?!%26|%23)[^&#\s"'<>;\\])*)/g;
    const inFragment = (text: string, offset: number, sep: string) => {
      if (sep === '#' || sep === '%23') return true;
      for (let at = offset - 1; at >= 0 && offset - at < 4096; at--) {
        const c = text.charCodeAt(at);
        if (c === 35) return true;
        if (c === 63 || c === 32 || c === 10 || c === 34) return false;
      }
      return false;
    };
    const before = (ctx: TextRuleContext, text: string) =>
      text.replace(
        URL_PARAM,
        (whole, sep: string, name: string, eq: string, value: string, offset: number) => {
          if (!value) return whole;
          const safe = redactParamValue(ctx, name, value, inFragment(text, offset, sep));
          return safe === value ? whole : `${sep}${name}${eq}${safe}`;
        },
      );
    const param = fc
      .tuple(
        fc.constantFrom('?', '#', '&', ';', '%3F', '%23', '%26'),
        fc.constantFrom('token', 'lang', 'order', 'id_token', 'frag', 'a.b'),
        fc.constantFrom('=', '%3D'),
        fc.constantFrom('q1w2e3r4t5y6u7', 'zh-CN', '6', 'REDACTED-VALUE-1', '', 'https://a.example/p?x'),
      )
      .map((parts) => parts.join(''));
    const between = fc.constantFrom('#', '?', ' ', '\n', '"', "'", 'x'.repeat(4100), 'ab', '');
    const piece = fc.oneof(param, between);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const a = textRuleContext();
        const b = textRuleContext();
        expect(redactUrlParams(a, text)).toBe(before(b, text));
        expect(a.book.counts()).toEqual(b.book.counts());
      }),
      { numRuns: 2000 },
    );
    // Right at the 4 KB edge of the look back.
    for (let n = 4092; n <= 4098; n++) {
      const text = `#${'x'.repeat(n)}&order=q1w2e3r4t5y6u7`;
      expect(redactUrlParams(textRuleContext(), text)).toBe(before(textRuleContext(), text));
    }
  });

  it('reads every kind of string and every length alike (it copies the characters out before reading them)', () => {
    const read = (text: string) => {
      const bits = textFeatures(text);
      return { bits, runs: Array.from(tokenRuns.bounds.subarray(0, tokenRuns.count * 2)) };
    };
    /** A flat copy of the text, made by the JSON parser: what a text from a HAR usually is. */
    const flat = (text: string) => JSON.parse(JSON.stringify(text)) as string;
    const expectedRuns = (text: string) =>
      [...text.matchAll(/[A-Za-z0-9_~.+/-]{6,}/g)].flatMap((m) => [m.index, m.index + m[0].length]);
    const piece = fc
      .array(
        fc.constantFrom(
          'sid=',
          'q1w2e3r4t5y6u7',
          '; ',
          '13812345678',
          '＠',
          '１３８',
          '白',
          '@',
          '%',
          ' ',
          '-----',
        ),
        {
          maxLength: 30,
        },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(piece, piece, (a, b) => {
        const joined = a + b; // a concatenation, not yet flattened
        const expected = read(flat(joined));
        expect(read(joined)).toEqual(expected);
        expect(read(`x${joined}y`.slice(1, -1))).toEqual(expected);
        // An object key is internalized: another kind of string again.
        const key = Object.keys({ [flat(joined)]: 1 })[0]!;
        expect(read(key)).toEqual(expected);
        expect(expected.runs).toEqual(expectedRuns(joined));
      }),
      { numRuns: 300 },
    );
    // Longer than the array kept between calls (4096), and than the largest one kept (a million): every
    // character is read, the last one included; a short text read after a long one sees only its own.
    for (const length of [4095, 4096, 4097, 70_000, 1_100_000]) {
      const long = `${'q1w2e3r4t5y6u7 '.repeat(length / 15 + 1).slice(0, length - 1)}@`;
      const { bits, runs } = read(long);
      expect(bits & F_AT, `length ${length}`).toBe(F_AT);
      expect(runs).toEqual(expectedRuns(long));
      expect(read('白＠').bits & (F_AT | F_WIDE_AT)).toBe(F_WIDE_AT);
      expect(read('abc').runs).toEqual([]);
    }
  });
});
