import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionEngine } from '../../../main/redaction';
import { AliasBook } from '../../../main/redaction/alias-book';
import { LiteralMatcher } from '../../../main/redaction/literal-matcher';
import type { RedactionRule } from '../../../main/redaction/rules';
import { redactText, replaceCredential } from '../../../main/redaction/text-rules';
import { textRuleContext } from './fixtures/text-rule-context';

/**
 * The structured walk copies only what changed (structured.ts): a member that comes out as it went in is
 * handed back as the very object. That must never leak anything (a shared object holds nothing the rules
 * would have changed), never change the caller's data, and never change what is written.
 */

const SECRET = 'sk_live_51HqLyjWDarjtT1zwioeLKa2';
const leaf = fc.oneof(
  fc.constantFrom('text/html', 'cashier', 'OK', `token=${SECRET}`, '13812345678', SECRET, 'zh-CN'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.constantFrom(
  'name',
  'value',
  'url',
  'text',
  'mimeType',
  'token',
  'headers',
  'cookies',
  'note',
  'time',
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).node;

/** Every object and array in `node`, the top included. */
function containers(node: unknown, out = new Set<object>()): Set<object> {
  if (node !== null && typeof node === 'object') {
    out.add(node);
    for (const value of Object.values(node)) containers(value, out);
  }
  return out;
}

describe('the structured walk shares what did not change', () => {
  it('never changes its input, and shares only parts the rules leave as they are', () => {
    fc.assert(
      fc.property(tree, (input) => {
        const before = JSON.stringify(input);
        const engine = new RedactionEngine({ knownSecrets: [SECRET] });
        const out = engine.json(input);
        expect(JSON.stringify(input)).toBe(before);
        expect(JSON.stringify(out) ?? '').not.toContain(SECRET);
        const mine = containers(input);
        for (const part of containers(out)) {
          if (!mine.has(part)) continue;
          // A part handed back as it was is what a fresh engine makes of it on its own, unchanged.
          expect(JSON.stringify(new RedactionEngine({ knownSecrets: [SECRET] }).json(part))).toBe(
            JSON.stringify(part),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('hands back an unchanged member as the same object and copies a changed one', () => {
    const timings = { dns: 1.5, connect: 3.1 };
    const headers = [
      { name: 'Content-Type', value: 'text/html' },
      { name: 'X-Auth-Token', value: SECRET },
    ];
    const entry = { timings, request: { method: 'GET', headers } };
    const out = new RedactionEngine().json(entry);
    expect(out.timings).toBe(timings);
    expect(out.request.headers[0]).toBe(headers[0]);
    expect(out.request.headers[1]).not.toBe(headers[1]);
    expect(out.request.headers[1]!.value).toMatch(/^REDACTED-/);
    expect(headers[1]!.value).toBe(SECRET);
    expect(out).not.toBe(entry);
  });

  it('reads an object where a header value should be as outside data (it once went out as it was)', () => {
    const out = new RedactionEngine().json({
      headers: { 'X-Debug': { phone: '13812345678', list: [SECRET] } },
    });
    expect(JSON.stringify(out)).not.toMatch(/13812345678|sk_live/);
  });

  it('aliases a cookie value that is not a string, and a bare value under a cookie name', () => {
    const out = new RedactionEngine().json({
      request: {
        cookies: [
          { name: 'sid', value: 1234567890123 },
          { name: 'x', value: { deep: 'qqqqqq998877' } },
        ],
      },
      cookie: 'barevaluetoken99',
      response: {
        content: { mimeType: 'application/json', text: '{"cookie":"sessiontoken123456"}' },
      },
    });
    expect(JSON.stringify(out)).not.toMatch(/1234567890123|qqqqqq998877|barevaluetoken99|sessiontoken123456/);
  });

  it('makes a plain copy of an object that is not plain data, as a copy always did', () => {
    class Point {
      x = 1;
    }
    const input = { when: new Date(0), at: new Point(), plain: { x: 1 } };
    const out = new RedactionEngine().json(input) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"when":{},"at":{"x":1},"plain":{"x":1}}');
    expect(Object.getPrototypeOf(out.at)).toBe(Object.prototype);
    expect(out.plain).toBe(input.plain);
  });
});

describe('alias book', () => {
  it('numbers values the same with room made before they come as without', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `v${(i * 7919) % 3001}`);
    const plain = new AliasBook();
    const reserved = new AliasBook();
    reserved.reserve(4000);
    for (const v of values) expect(reserved.alias('cookie', v)).toBe(plain.alias('cookie', v));
    expect(reserved.counts()).toEqual(plain.counts());
    expect(plain.alias('cookie', 'v0')).toBe('REDACTED-COOKIE-1');
    expect(plain.alias('mobile-cn', '13812345678')).toBe('REDACTED-MOBILE-1');
    expect(plain.alias('cookie', 'never seen')).toBe('REDACTED-COOKIE-3002');
  });

  it("gives a hunted value's alias by its place as by its value: same aliases, numbers and counts", () => {
    /** The book as it was: every alias looked up by the value. */
    class ByValue extends AliasBook {
      override aliasOfLiteral(_owner: object, _index: number, rule: RedactionRule, value: string): string {
        return this.alias(rule, value);
      }
    }
    const values = [
      'q1w2e3r4t5y6u7',
      'abcdef123456',
      'zyxw98765',
      'Tk-9f8e7d6c5b4a',
      '%7Bsid%7Dx9',
      '13912345678',
    ];
    const step = fc.oneof(
      fc.tuple(fc.constant('hunt' as const), fc.constantFrom(...values), fc.nat(1)),
      fc.tuple(fc.constant('credential' as const), fc.constantFrom(...values), fc.nat(1)),
      fc.tuple(
        fc.constant('text' as const),
        fc
          .array(fc.constantFrom(...values, ' ', '=', '/', 'token=', '; sid=', '白'), { maxLength: 8 })
          .map((p) => p.join('')),
        fc.nat(1),
      ),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        // One book, two matchers taking turns (the book's memory of places belongs to one matcher at a time).
        const cached = new AliasBook();
        const plain = new ByValue();
        const sides = [cached, plain].map((book) =>
          [0, 1].map(() => textRuleContext({ book, literals: new LiteralMatcher() })),
        );
        for (const [kind, input, which] of steps) {
          const [a, b] = sides.map((contexts) => contexts[which]!);
          if (kind === 'hunt') for (const ctx of [a!, b!]) ctx.literals.add(input, 'token');
          else if (kind === 'credential')
            expect(replaceCredential(a!, 'cookie', input)).toBe(replaceCredential(b!, 'cookie', input));
          else expect(redactText(a!, input)).toBe(redactText(b!, input));
        }
        expect(cached.counts()).toEqual(plain.counts());
        for (const v of values) expect(cached.alias('value', v)).toBe(plain.alias('value', v));
      }),
      { numRuns: 400 },
    );
  });

  it('says where a hunted value is filed: the same place each time, -1 where it is not a token value', () => {
    const literals = new LiteralMatcher();
    const first = literals.add('abcdef123456', 'cookie');
    const second = literals.add('q1w2e3r4t5y6u7', 'cookie');
    expect([first, second]).toEqual([0, 1]);
    expect(literals.add('abcdef123456', 'token')).toBe(first);
    expect(literals.add('short', 'cookie')).toBe(-1);
    expect(literals.add('deleted', 'cookie')).toBe(-1);
    expect(literals.add('%7Bsid%7Dx9', 'cookie')).toBe(-1);
    expect(literals.size).toBe(3);
    // The alias book asks where a value is, and what is at a place.
    expect([literals.placeOf('abcdef123456'), literals.placeOf('q1w2e3r4t5y6u7')]).toEqual([first, second]);
    expect(literals.valueAt(second)).toBe('q1w2e3r4t5y6u7');
    for (const absent of ['abcdef1234567', 'zzzzzz123456', '%7Bsid%7Dx9', 'short'])
      expect(literals.placeOf(absent), absent).toBe(-1);
    expect(literals.has('abcdef123456') && !literals.has('abcdef1234567')).toBe(true);
  });
});
