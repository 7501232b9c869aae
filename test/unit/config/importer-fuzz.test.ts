import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ImportedStoreConfigSchema,
  PlatformImportResultSchema,
  StoreImportResultSchema,
  type ConfigIssue,
} from '../../../shared/config/import-result';
import { parsePlatformProfile, parseStoreConfig, type StoreImportResult } from '../../../main/config';
import { keyChunks, tempDir, testKeys, validStore } from './fixtures';

/**
 * Whatever bytes arrive, the importer answers: ok, or at least one error in both languages; it never
 * throws, never hangs, and never repeats the private key that the input carries almost everywhere.
 */

// Module level: the arbitraries below are built from them before any hook runs.
const pem = testKeys().rsa2048Pkcs8;
const chunks = keyChunks(pem, 24);
const validText = JSON.stringify(validStore({ merchantPrivateKey: pem }), null, 2);

let dir: { path: string; cleanup: () => void };

beforeAll(() => {
  dir = tempDir('baitiao-fuzz-');
  mkdirSync(join(dir.path, 'keys'));
  writeFileSync(join(dir.path, 'keys', 'merchant_private.pem'), pem);
});
afterAll(() => dir.cleanup());

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** Edits a person (or a broken transfer) makes to a good file. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({
    kind: fc.constant('punctuate' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ',',
      ':',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      '，',
      '：',
      '“',
      '\\',
      '\n',
      '//',
      '\u00a0',
      '\u0000',
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, edits: Mutation[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    switch (edit.kind) {
      case 'delete':
        out = out.slice(0, at) + out.slice(at + edit.length);
        break;
      case 'insert':
      case 'punctuate':
        out = out.slice(0, at) + edit.text + out.slice(at);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'duplicate':
        out = out.slice(0, at) + out.slice(at, at + edit.length) + out.slice(at);
        break;
    }
  }
  return out;
}

const FIELD_PATHS: string[][] = [
  ['configVersion'],
  ['environment'],
  ['merchantNo'],
  ['appId'],
  ['storeName'],
  ['storeUrl'],
  ['signType'],
  ['merchantPrivateKey'],
  ['notifyUrl'],
  ['returnUrl'],
  ['charset'],
  ['baitiao'],
  ['baitiao', 'enabled'],
  ['baitiao', 'installments'],
  ['testOrder'],
  ['testOrder', 'amount'],
  ['unknownField'],
  [''],
];

function setAt(root: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let node: Record<string, unknown> = copy;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const randomBytes = fc.uint8Array({ maxLength: 4096 });

const mutatedJson = fc
  .array(mutation, { minLength: 1, maxLength: 6 })
  .map((edits) => utf8(mutate(validText, edits)));

const wrongTypes = fc
  .tuple(
    fc.constantFrom(...FIELD_PATHS),
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant(undefined),
      fc.constantFrom('-----BEGIN PRIVATE KEY-----', 'keys/a.pem', { file: 42 }, { file: '' }),
      fc.constant('PEM'),
    ),
  )
  .map(([path, value]) => {
    // 'PEM' stands for the key itself: a private key dropped in a random field is the case to guard.
    const placed = value === 'PEM' ? pem : value;
    return utf8(JSON.stringify(setAt(validStore({ merchantPrivateKey: pem }), path, placed), null, 2));
  });

const deepNesting = fc
  .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom('[', '{"a":', '{"baitiao":'), fc.boolean())
  .map(([depth, opener, closed]) => {
    const closer = opener === '[' ? ']' : '}';
    return utf8(opener.repeat(depth) + '1' + (closed ? closer.repeat(depth) : ''));
  });

const hugeStrings = fc
  .tuple(
    fc.constantFrom('storeName', 'notifyUrl', 'extra', 'merchantPrivateKey'),
    fc.integer({ min: 1000, max: 1_100_000 }),
  )
  .map(([field, length]) => utf8(JSON.stringify(validStore({ [field]: 'x'.repeat(length) }))));

const invalidUtf8 = fc
  .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 5 }))
  .map(([inserts]) => {
    const bytes = [...Buffer.from(validText, 'utf8')];
    for (const [at, byte] of inserts) bytes.splice(at % (bytes.length + 1), 0, byte);
    return new Uint8Array(bytes);
  });

const BOMS = [
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0xff, 0xfe, 0x00, 0x00],
  [0x00, 0x00, 0xfe, 0xff],
];

const withBoms = fc
  .tuple(fc.constantFrom(...BOMS), fc.oneof(mutatedJson, fc.constant(utf8(validText)), randomBytes))
  .map(([bom, body]) => new Uint8Array([...bom, ...body]));

const otherEncodings = fc
  .tuple(fc.constantFrom('utf16le', 'utf16be', 'gbk', 'latin1'), fc.array(mutation, { maxLength: 3 }))
  .map(([encoding, edits]) => new Uint8Array(iconv.encode(mutate(validText, edits), encoding)));

const malformed = fc.oneof(
  { arbitrary: randomBytes, weight: 3 },
  { arbitrary: mutatedJson, weight: 6 },
  { arbitrary: wrongTypes, weight: 5 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: hugeStrings, weight: 1 },
  { arbitrary: invalidUtf8, weight: 2 },
  { arbitrary: withBoms, weight: 2 },
  { arbitrary: otherEncodings, weight: 2 },
);

function allIssues(result: StoreImportResult): ConfigIssue[] {
  if (!result.ok) return result.errors;
  return [...result.warnings, ...(result.key.loaded ? result.key.warnings : result.key.errors)];
}

function checkIssues(issues: readonly ConfigIssue[]): void {
  for (const issue of issues) {
    expect(issue.message['zh-CN'].trim()).not.toBe('');
    expect(issue.message['en-US'].trim()).not.toBe('');
    const shown = `${issue.message['zh-CN']}\n${issue.message['en-US']}\n${issue.field}\n${issue.file}`;
    for (const chunk of chunks) expect(shown).not.toContain(chunk);
  }
}

describe('importer fuzz', () => {
  it('store.json: 1,200 malformed inputs, always an answer, never the key', async () => {
    let failures = 0;
    const codesSeen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(malformed, async (bytes) => {
        const result = await parseStoreConfig(bytes, 'store.json', { baseDir: dir.path });
        expect(StoreImportResultSchema.safeParse(result).success).toBe(true);
        if (!result.ok) {
          failures++;
          expect(result.errors.length).toBeGreaterThan(0);
          expect(result.errors.length).toBeLessThanOrEqual(50);
        } else {
          expect(ImportedStoreConfigSchema.safeParse(result.value).success).toBe(true);
          const stored = JSON.stringify(result.value);
          for (const chunk of chunks) expect(stored).not.toContain(chunk);
        }
        checkIssues(allIssues(result));
        for (const issue of allIssues(result))
          codesSeen.set(issue.code, (codesSeen.get(issue.code) ?? 0) + 1);
      }),
      { numRuns: 1200 },
    );
    if (process.env.FUZZ_REPORT) console.log(Object.fromEntries([...codesSeen].sort((a, b) => b[1] - a[1])));
    // Proof the inputs reach every stage: encodings, syntax, schema, misplaced keys and the key loader.
    for (const code of [
      'BINARY_FILE',
      'ENCODING_GBK',
      'JSON_TOO_DEEP',
      'FIELD_WRONG_TYPE',
      'JSON_PEM_LINE_BREAKS',
      'KEY_CORRUPT',
    ]) {
      expect(codesSeen.has(code), code).toBe(true);
    }
    // The generators are meant to break things: most inputs must actually be refused.
    expect(failures).toBeGreaterThan(600);
  }, 180_000);

  it('platform.json: 400 malformed inputs, same guarantees', () => {
    const profileText = JSON.stringify({
      profileVersion: 1,
      name: 'sandbox',
      gatewayUrl: 'https://127.0.0.1:8443/gateway',
      cashierOrigin: 'https://127.0.0.1:8444',
      supportApiUrl: 'https://127.0.0.1:8445/api/v1',
      platformPublicKey: testKeys().rsa2048Public,
      extraCaCertificates: [],
    });
    const inputs = fc.oneof(
      randomBytes,
      fc.array(mutation, { minLength: 1, maxLength: 6 }).map((edits) => utf8(mutate(profileText, edits))),
      fc.constantFrom('platformPublicKey', 'gatewayUrl', 'extraCaCertificates', 'name').map((field) => {
        const profile = JSON.parse(profileText) as Record<string, unknown>;
        profile[field] = field === 'extraCaCertificates' ? [pem] : pem;
        return utf8(JSON.stringify(profile));
      }),
    );
    fc.assert(
      fc.property(inputs, (bytes) => {
        const result = parsePlatformProfile(bytes, 'platform.json');
        expect(PlatformImportResultSchema.safeParse(result).success).toBe(true);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        checkIssues(result.ok ? result.warnings : result.errors);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('fails gracefully on input that is not bytes at all (a JavaScript caller)', async () => {
    const weird = [null, undefined, 'text', 42, {}, [1, 2]] as unknown as Uint8Array[];
    for (const input of weird) {
      const result = await parseStoreConfig(input, 'store.json');
      expect(result.ok).toBe(false);
      checkIssues(allIssues(result));
    }
  });
});
