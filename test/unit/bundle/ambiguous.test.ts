import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPEN_LIMITS, openBundle, verifyBundle, writeBundle } from '../../../main/bundle';
import { JsonDepthGauge, JsonTooDeepError, MAX_JSON_DEPTH } from '../../../main/bundle/json-depth';
import { logMemberPath } from '../../../main/bundle/members';
import { collisionKey } from '../../../main/bundle/zip-ambiguity';
import type { BundleProblemCode } from '../../../shared/report';
import { sources, unzipAll } from './bundle-fixtures';
import { rawZip, type RawEntry } from './raw-zip';

const dir = mkdtempSync(join(tmpdir(), 'bt-ambiguous-'));
let good: Map<string, Buffer>;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  good = await unzipAll((await writeBundle(sources(), join(dir, 'good.zip'), { workDir: dir })).path);
});

let counter = 0;
const file = (bytes: Buffer): string => {
  const path = join(dir, `f${(counter += 1)}.zip`);
  writeFileSync(path, bytes);
  return path;
};
/** The good bundle's members as raw entries (every one listed in its manifest), plus extra entries. */
const goodEntries = (extra: RawEntry[] = [], change: Record<string, Partial<RawEntry>> = {}): RawEntry[] => [
  ...[...good].map(([name, data]) => ({ name, data, ...change[name] })),
  ...extra,
];

/** Refused by both the support-mode reader and `bundle verify`'s, with this code and a sentence in both languages. */
async function refused(path: string, code: BundleProblemCode) {
  const opened = await openBundle(path);
  expect(opened.ok).toBe(false);
  if (opened.ok) return [];
  expect(opened.problems.map((p) => p.code)).toContain(code);
  const verified = await verifyBundle(path);
  expect(verified.ok).toBe(false);
  expect(verified.problems.map((p) => p.code)).toContain(code);
  const mine = opened.problems.filter((p) => p.code === code);
  for (const p of mine) {
    expect(p.message['zh-CN']).toMatch(/已拒绝/);
    expect(p.message['en-US']).toMatch(/[Rr]efused/);
  }
  return mine;
}

describe('zips that mean one thing to us and another to an unzip tool', () => {
  it('the good bundle, as raw entries, opens (the control)', async () => {
    expect((await openBundle(file(rawZip(goodEntries())))).ok).toBe(true);
  });

  it('report.json beside REPORT.json → NAME_COLLISION', async () => {
    const shadow = { name: 'REPORT.json', data: Buffer.from('{"forged":true}') };
    const [p] = await refused(file(rawZip(goodEntries([shadow]))), 'NAME_COLLISION');
    expect(p!.message['en-US']).toContain('"REPORT.json" and "report.json"');
  });

  it('one name composed and decomposed (é as one character or e + accent) → NAME_COLLISION', async () => {
    const composed = { name: 'logs/caf\u00e9.log', data: Buffer.from('a') };
    const decomposed = { name: 'logs/cafe\u0301.log', data: Buffer.from('b') };
    await refused(file(rawZip(goodEntries([composed, decomposed]))), 'NAME_COLLISION');
    // Full-width letters are the same name once normalized too.
    const fullWidth = { name: 'ｒｅｐｏｒｔ.json', data: Buffer.from('{}') };
    await refused(file(rawZip(goodEntries([fullWidth]))), 'NAME_COLLISION');
  });

  it('a file named like a folder of another entry (LOGS beside logs/…) → NAME_COLLISION', async () => {
    await refused(file(rawZip(goodEntries([{ name: 'LOGS', data: Buffer.from('x') }]))), 'NAME_COLLISION');
  });

  it('a folder entry carrying bytes (stored, or deflated, even when it says it is empty) → DIRECTORY_WITH_DATA', async () => {
    const hidden = Buffer.from('hidden text that no extractor shows');
    await refused(
      file(rawZip(goodEntries([{ name: 'logs/', data: hidden, method: 0 }]))),
      'DIRECTORY_WITH_DATA',
    );
    await refused(
      file(rawZip(goodEntries([{ name: 'screenshots/', data: hidden, declaredSize: 0 }]))),
      'DIRECTORY_WITH_DATA',
    );
  });

  it('a local header naming another file than the central directory (../a/main.log vs logs/main.log) → LOCAL_NAME_MISMATCH', async () => {
    const path = file(rawZip(goodEntries([], { 'logs/main.log': { localName: '../a/main.log' } })));
    const [p] = await refused(path, 'LOCAL_NAME_MISMATCH');
    expect(p!.path).toBe('logs/main.log');
    expect(p!.message['en-US']).toContain('"../a/main.log"');
  });

  it('the same bytes named with and without the UTF-8 flag in the two headers → LOCAL_NAME_MISMATCH', async () => {
    const name = Buffer.from('logs/ü.log', 'utf8');
    const entry: RawEntry = { name, data: Buffer.from('x'), flags: 0x800 };
    // The raw zip writer uses one flag for both headers; flip the local one by hand.
    const bytes = rawZip(goodEntries([entry]));
    // Local headers come first in the file; the name follows its 30-byte header.
    const at = bytes.indexOf(name) - 30;
    expect(bytes.readUInt32LE(at)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(at + 6)).toBe(0x800);
    bytes.writeUInt16LE(0, at + 6);
    await refused(file(bytes), 'LOCAL_NAME_MISMATCH');
  });

  it('a report nested 200,000 levels deep that matches its manifest → NESTING_TOO_DEEP, before it is parsed', async () => {
    const report = JSON.parse(good.get('report.json')!.toString('utf8')) as Record<string, unknown>;
    const levels = 200_000;
    const deep = JSON.stringify({ ...report, environment: { nested: '@' } }).replace(
      '"@"',
      '['.repeat(levels) + ']'.repeat(levels),
    );
    const bytes = Buffer.from(deep);
    const manifest = JSON.parse(good.get('manifest.json')!.toString('utf8')) as {
      files: { path: string; bytes: number; sha256: string }[];
    };
    const listed = manifest.files.find((f) => f.path === 'report.json')!;
    listed.bytes = bytes.length;
    listed.sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = file(
      rawZip(
        goodEntries([], {
          'report.json': { data: bytes },
          'manifest.json': { data: Buffer.from(JSON.stringify(manifest)) },
        }),
      ),
    );
    const [p] = await refused(path, 'NESTING_TOO_DEEP');
    expect(p!.path).toBe('report.json');
    expect(p!.message['en-US']).toContain(`more than ${MAX_JSON_DEPTH} levels`);
  });
});

describe('bundles that are not ambiguous still open', () => {
  it('a bundle written by version 0.1.0 (kept as a file) opens and verifies', async () => {
    const path = fileURLToPath(new URL('./fixtures/bundle-written-by-0.1.0.zip', import.meta.url));
    const verified = await verifyBundle(path);
    expect(verified.problems).toEqual([]);
    const opened = await openBundle(path);
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.bundle.report.schema_version).toBe(1);
      expect(opened.bundle.logs.map((l) => l.path)).toEqual(['logs/main.log', 'logs/renderer.log']);
    }
  });

  it('a bundle re-zipped with empty folder entries (as Explorer or zip -r write them) opens', async () => {
    const zip = new yazl.ZipFile();
    zip.addEmptyDirectory('logs/');
    zip.addEmptyDirectory('screenshots/');
    for (const [name, data] of good) zip.addBuffer(data, name);
    zip.end();
    const path = join(dir, 'folders.zip');
    await pipeline(zip.outputStream, createWriteStream(path));
    expect((await openBundle(path)).ok).toBe(true);
    // Java writes an empty folder as a 2-byte empty deflate stream: still empty.
    const java = file(rawZip(goodEntries([{ name: 'logs/', data: Buffer.alloc(0), method: 8 }])));
    expect((await openBundle(java)).ok).toBe(true);
  });

  it('the writer never makes two logs that differ only in case', () => {
    const taken = new Set<string>();
    expect([logMemberPath('main', taken), logMemberPath('Main', taken)]).toEqual([
      'logs/main.log',
      'logs/Main-2.log',
    ]);
    expect(collisionKey('logs/Main-2.log')).not.toBe(collisionKey('logs/main.log'));
  });
});

describe('the JSON depth gauge', () => {
  const depthOk = (text: string, limit: number, chunk = text.length) => {
    const gauge = new JsonDepthGauge(limit);
    const bytes = Buffer.from(text);
    try {
      for (let i = 0; i < bytes.length; i += chunk) gauge.feed(bytes.subarray(i, i + chunk));
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(JsonTooDeepError);
      return false;
    }
  };

  it('counts arrays and objects, not brackets inside strings or after escaped quotes, across any chunking', () => {
    const text = JSON.stringify({ a: [{ b: '[[[{{{\\"[[[' }], c: 'x\\\\' }, null, 1);
    for (const chunk of [1, 2, 3, 7, text.length]) {
      expect(depthOk(text, 3, chunk)).toBe(true);
      expect(depthOk(text, 2, chunk)).toBe(false);
    }
  });

  it('real bundles stay far below the limit, which is the default of the reader', () => {
    expect(DEFAULT_OPEN_LIMITS.maxJsonDepth).toBe(MAX_JSON_DEPTH);
    for (const name of ['manifest.json', 'report.json', 'network.har']) {
      expect(depthOk(good.get(name)!.toString('utf8'), 16)).toBe(true);
    }
  });
});
