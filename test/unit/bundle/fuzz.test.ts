import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle, writeBundle } from '../../../main/bundle';
import { sources } from './bundle-fixtures';

// Hostile input (issue 7): bundles come from strangers. 1,200 mutated copies of a real bundle — bytes
// flipped, cut short, spliced, zeroed, headers and the central directory rewritten — each either opens
// (only when the mutation touched nothing that matters) or is refused with a coded reason in both
// languages; never a throw, never a hang, memory bounded.
const dir = mkdtempSync(join(tmpdir(), 'bt-fuzz-'));
let original: Buffer;

beforeAll(async () => {
  const written = await writeBundle(sources(), join(dir, 'good.zip'));
  original = readFileSync(written.path);
}, 60_000);

type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array }
  | { kind: 'zero'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'tail'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant('zero' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4096 }),
  }),
  // The end of a zip (central directory, end record) is where sizes and offsets live: hit it hard.
  fc.record({
    kind: fc.constant('tail' as const),
    at: fc.integer({ min: 1, max: 200 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
);

function apply(input: Buffer, m: Mutation): Buffer {
  const b = Buffer.from(input);
  // A truncation to nothing leaves no byte to aim at (m.at % 0 is NaN); later mutations then act at 0.
  const at = b.length === 0 ? 0 : m.at % b.length;
  switch (m.kind) {
    case 'flip':
      b[at] = b[at]! ^ m.xor;
      return b;
    case 'truncate':
      return b.subarray(0, at);
    case 'splice':
      return Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    case 'zero':
      b.fill(0, at, Math.min(b.length, at + m.length));
      return b;
    case 'duplicate':
      return Buffer.concat([b.subarray(0, at), b.subarray(at, at + m.length), b.subarray(at)]);
    case 'tail':
      b[b.length - m.at] = m.value;
      return b;
  }
}

const withDeadline = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ]);

describe('opening mutated bundles', () => {
  it('1,200 mutations: every one answered, refusals coded and explained, nothing thrown, memory bounded', async () => {
    const rssBefore = process.memoryUsage().rss;
    let opened = 0;
    let refused = 0;
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bytes = mutations.reduce(apply, original);
        const path = join(dir, `m${i++ % 8}.zip`);
        writeFileSync(path, bytes);
        const result = await withDeadline(openBundle(path), 5000);
        if (result.ok) {
          opened += 1;
          expect(result.bundle.report).toBeTruthy();
        } else {
          refused += 1;
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(p.code).toMatch(/^[A-Z_]+$/);
            expect(p.message['zh-CN'].length).toBeGreaterThan(0);
            expect(p.message['en-US'].length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 1200 },
    );
    expect(opened + refused).toBe(1200);
    // Most mutations must be caught: a reader that opened everything would not be reading at all.
    expect(refused).toBeGreaterThan(900);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  }, 240_000);
});

describe('a hostile network.har', () => {
  it('any JSON at all becomes a waterfall or an empty one, bounded, never a throw', async () => {
    const { waterfallFromHar } = await import('../../../main/bundle/waterfall');
    const entry = fc.record(
      {
        startedDateTime: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: false }).map((d) => String(d)),
        ),
        time: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
        request: fc.anything(),
        response: fc.anything(),
        timings: fc.dictionary(
          fc.constantFrom('dns', 'connect', 'ssl', 'send', 'wait', 'receive', 'blocked'),
          fc.oneof(fc.double(), fc.string()),
        ),
      },
      { requiredKeys: [] },
    );
    const har = fc.oneof(
      fc.anything(),
      fc.record({
        log: fc.record(
          { entries: fc.array(fc.oneof(entry, fc.anything()), { maxLength: 40 }) },
          { requiredKeys: [] },
        ),
      }),
    );
    fc.assert(
      fc.property(har, (value) => {
        const waterfall = waterfallFromHar(value, 100);
        expect(Array.isArray(waterfall.rows)).toBe(true);
        expect(waterfall.rows.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 1000 },
    );
  });
});
