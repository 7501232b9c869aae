import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckValid, looksLikeCardNumber, luhnValid, RedactionEngine } from '../../../main/redaction';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** Appends the Luhn check digit. */
function withLuhn(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return partial + d;
  throw new Error('unreachable');
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function withIdCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const card = fc
  .tuple(fc.constantFrom('62', '4', '51', '55', '35', '37'), fc.integer({ min: 13, max: 19 }))
  .chain(([prefix, length]) =>
    digits(length - prefix.length - 1, length - prefix.length - 1).map((rest) => withLuhn(prefix + rest)),
  );
const idCard = fc
  .tuple(
    digits(6, 6).filter((d) => d[0] !== '0'),
    fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    digits(3, 3),
  )
  .map(([area, birth, seq]) => withIdCheck(area + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq));
const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digits(9, 9))
  .map(([second, rest]) => `1${second}${rest}`);
const email = fc
  .emailAddress()
  .filter((e) => /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(e));
/** Text around a planted value: words and punctuation, never digits or letters touching it. */
const around = fc.constantFrom(' ', '，', '：', '\n', '"', '(', ') ', '手机 ', '卡号：', ' | ');
const prose = fc.stringMatching(/^[a-z ,.\u4e00-\u4e2f]{0,40}$/);

describe('redaction properties', () => {
  it('removes every Luhn-valid card, valid ID, mobile and e-mail planted in text', () => {
    fc.assert(
      fc.property(
        fc.oneof(card, idCard, mobile, email),
        prose,
        around,
        around,
        prose,
        (secret, before, left, right, after) => {
          const e = new RedactionEngine();
          const out = e.text(`${before}${left}${secret}${right}${after}`);
          expect(out).not.toContain(secret);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with its own check-digit validators on generated numbers', () => {
    fc.assert(fc.property(card, (c) => looksLikeCardNumber(c)));
    fc.assert(fc.property(idCard, (id) => idCardCheckValid(id)));
  });

  it('never touches merchant numbers, timestamps or text without anything secret in it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          digits(12, 12).map((d) => `2088${d}`),
          fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(String),
          prose,
        ),
        (value) => {
          const e = new RedactionEngine({ keep: [] });
          expect(e.text(`v ${value} .`)).toBe(`v ${value} .`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps JSON valid and its shape the same, whatever the values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.oneof(card, mobile, email), (value, secret) => {
        const e = new RedactionEngine();
        const planted = { data: value, note: `x ${secret} y`, list: [secret, 1] };
        const out = e.json(planted);
        const text = JSON.stringify(out);
        // Valid JSON that reads back to the same text (compared as text: -0 and 0 are one JSON number).
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
        expect(text).not.toContain(secret);
        expect(Object.keys(out)).toEqual(['data', 'note', 'list']);
      }),
      { numRuns: 200 },
    );
  });
});
