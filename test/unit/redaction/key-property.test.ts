import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionEngine } from '../../../main/redaction';

/**
 * Issue 12's property: the merchant key, in each encoding it is found in, planted at a random place in
 * a random string field of a random JSON value (or a random free text), never survives redaction, not
 * even as a 40-character piece.
 */
const KEY_PEM = readFileSync(new URL('../signing/fixtures/test-merchant-pkcs8.pem', import.meta.url), 'utf8');
const key = createPrivateKey(KEY_PEM);
const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
const jwk = key.export({ format: 'jwk' }) as Record<string, string>;

const ENCODINGS: Record<string, string> = {
  'PEM (PKCS#8)': KEY_PEM,
  'PEM (PKCS#1)': String(key.export({ type: 'pkcs1', format: 'pem' })),
  'PEM, JSON-escaped': JSON.stringify(KEY_PEM).slice(1, -1),
  'PEM body on one line': KEY_PEM.replace(/-----[^-]+-----|\s/g, ''),
  'base64 of the PEM': Buffer.from(KEY_PEM).toString('base64'),
  'base64url of the PEM': Buffer.from(KEY_PEM).toString('base64url'),
  'DER base64 (PKCS#8)': pkcs8.toString('base64'),
  'DER base64url (PKCS#8)': pkcs8.toString('base64url'),
  'DER hex (PKCS#8)': pkcs8.toString('hex'),
  'DER hex, upper case (PKCS#1)': pkcs1.toString('hex').toUpperCase(),
  'DER base64 (PKCS#1)': pkcs1.toString('base64'),
  'JWK d': jwk.d!,
  'JWK p': jwk.p!,
  'JWK q': jwk.q!,
  'JWK dp': jwk.dp!,
  'JWK dq': jwk.dq!,
  'JWK qi': jwk.qi!,
};

/** The key's own characters (not its PEM armour), in 40-character pieces. */
function pieces(encoding: string): string[] {
  const body = encoding.replace(/-----[^-]+-----/g, '');
  const out: string[] = [];
  for (const line of body.split(/\s+|\\n/)) {
    for (let at = 0; at + 40 <= line.length; at += 10) out.push(line.slice(at, at + 40));
  }
  return out;
}

/** Puts `secret` into the `index`-th string of `value` (counting in walk order) at `where` (0..1). */
function plant(
  value: unknown,
  secret: string,
  index: number,
  where: number,
): { value: unknown; planted: boolean } {
  let seen = 0;
  let planted = false;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (seen++ !== index) return node;
      planted = true;
      const at = Math.floor(where * node.length);
      return node.slice(0, at) + secret + node.slice(at);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, walk(v)]),
      );
    }
    return node;
  };
  const out = walk(value);
  return { value: out, planted };
}

const names = Object.keys(ENCODINGS);
const jsonWithStrings = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 20 }))
  .map(([data, note]) => ({ data, note }));

describe('the merchant key never survives, in any encoding, anywhere', () => {
  it('planted in a random string field of random JSON', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        jsonWithStrings,
        fc.nat(50),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (name, value, index, where) => {
          const encoding = ENCODINGS[name]!;
          // Count the strings, then pick one of them (there is always `note`).
          let strings = 0;
          JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && strings++, v));
          const { value: planted, planted: ok } = plant(value, encoding, index % strings, where);
          expect(ok).toBe(true);
          const e = new RedactionEngine({ knownSecrets: [KEY_PEM] });
          const out = JSON.stringify(e.json(planted));
          for (const piece of pieces(encoding)) expect(out, name).not.toContain(piece);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('planted in random free text, glued to whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (name, before, after) => {
          const encoding = ENCODINGS[name]!;
          const e = new RedactionEngine({ knownSecrets: [KEY_PEM] });
          const out = e.text(`${before}${encoding}${after}`);
          for (const piece of pieces(encoding)) expect(out, name).not.toContain(piece);
        },
      ),
      { numRuns: 300 },
    );
  });
});
