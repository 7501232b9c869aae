import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, verifyBundle, writeBundle, type OpenLimits } from '../../../main/bundle';
import type { BundleProblemCode } from '../../../shared/report';
import { sources, unzipAll } from './bundle-fixtures';
import { rawZip, type RawEntry } from './raw-zip';

const dir = mkdtempSync(join(tmpdir(), 'bt-hostile-'));
let good: Map<string, Buffer>;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  good = await unzipAll((await writeBundle(sources(), join(dir, 'good.zip'), { workDir: dir })).path);
});

let counter = 0;
const file = (bytes: Buffer | string): string => {
  const path = join(dir, `f${(counter += 1)}.zip`);
  writeFileSync(path, bytes);
  return path;
};

/** Zips members with yazl (a well-formed zip around tampered content). */
async function rezip(members: Map<string, Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name);
  zip.end();
  const path = join(dir, `r${(counter += 1)}.zip`);
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}

const edit = (change: (m: Map<string, Buffer>) => void) => {
  const copy = new Map(good);
  change(copy);
  return rezip(copy);
};

const manifestOf = (m: Map<string, Buffer>) =>
  JSON.parse(m.get('manifest.json')!.toString('utf8')) as {
    files: { path: string; bytes: number; sha256: string }[];
  };

async function refused(path: string, code: BundleProblemCode, limits: Partial<OpenLimits> = {}) {
  const opened = await openBundle(path, limits);
  expect(opened.ok).toBe(false);
  if (opened.ok) return [];
  expect(opened.problems.map((p) => p.code)).toContain(code);
  for (const p of opened.problems) {
    expect(p.message['zh-CN'].length).toBeGreaterThan(5);
    expect(p.message['en-US'].length).toBeGreaterThan(5);
  }
  const verified = await verifyBundle(path, limits);
  expect(verified.ok).toBe(false);
  expect(verified.problems.map((p) => p.code)).toContain(code);
  return opened.problems;
}

describe('a reader that trusts nothing', () => {
  it('opens the untouched bundle (the control)', async () => {
    expect((await openBundle(await rezip(good))).ok).toBe(true);
  });

  describe('files whose members disagree with the manifest', () => {
    it('a member changed, same length → HASH_MISMATCH', async () => {
      const path = await edit((m) => {
        const report = m
          .get('report.json')!
          .toString('utf8')
          .replace('PAYMENT_FAILED_MESSAGE', 'PAGE_NOT_LOADING______');
        m.set('report.json', Buffer.from(report));
      });
      const problems = await refused(path, 'HASH_MISMATCH');
      expect(problems[0]!.path).toBe('report.json');
    });

    it('a member changed in length → SIZE_MISMATCH', async () => {
      await refused(
        await edit((m) => m.set('logs/main.log', Buffer.from('nothing to see'))),
        'SIZE_MISMATCH',
      );
    });

    it('a member added → MEMBER_NOT_IN_MANIFEST', async () => {
      await refused(await edit((m) => m.set('logs/extra.log', Buffer.from('x'))), 'MEMBER_NOT_IN_MANIFEST');
    });

    it('a member removed → MEMBER_MISSING', async () => {
      await refused(await edit((m) => m.delete('network.har')), 'MEMBER_MISSING');
    });

    it('no manifest → MANIFEST_MISSING; a broken one → MANIFEST_INVALID', async () => {
      await refused(await edit((m) => m.delete('manifest.json')), 'MANIFEST_MISSING');
      await refused(await edit((m) => m.set('manifest.json', Buffer.from('{not json'))), 'MANIFEST_INVALID');
      const wrongFormat = await edit((m) => {
        const manifest = manifestOf(m);
        m.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, format: 'something-else' })));
      });
      await refused(wrongFormat, 'MANIFEST_INVALID');
      const climbing = await edit((m) => {
        const manifest = manifestOf(m);
        manifest.files[0]!.path = '../report.json';
        m.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
      });
      await refused(climbing, 'MANIFEST_INVALID');
    });

    it('a report that breaks its schema, even with a matching hash → REPORT_INVALID', async () => {
      const path = await edit((m) => {
        const bad = Buffer.from(JSON.stringify({ hello: 'world' }));
        m.set('report.json', bad);
        const manifest = manifestOf(m);
        const entry = manifest.files.find((f) => f.path === 'report.json')!;
        entry.bytes = bad.length;
        entry.sha256 = createHash('sha256').update(bad).digest('hex');
        m.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
      });
      await refused(path, 'REPORT_INVALID');
    });
  });

  describe('files that are not bundles at all', () => {
    it.each([
      ['plain text', 'hello, I am not a zip'],
      ['an empty file', ''],
      ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ])('%s → NOT_A_ZIP', async (_name, bytes) => {
      await refused(file(bytes), 'NOT_A_ZIP');
    });

    it('a zip cut in half → NOT_A_ZIP', async () => {
      const whole = rawZip([{ name: 'manifest.json', data: Buffer.alloc(5000, 1) }]);
      await refused(file(whole.subarray(0, whole.length / 2)), 'NOT_A_ZIP');
    });

    it('a missing file or a folder → FILE_UNREADABLE; an oversized one → FILE_TOO_LARGE', async () => {
      await refused(join(dir, 'nope.zip'), 'FILE_UNREADABLE');
      await refused(dir, 'FILE_UNREADABLE');
      await refused(await rezip(good), 'FILE_TOO_LARGE', { maxBundleBytes: 100 });
    });
  });

  describe('hostile zips', () => {
    const manifest = (): RawEntry => ({ name: 'manifest.json', data: good.get('manifest.json')! });
    it.each([
      ['../evil.txt'],
      ['/etc/passwd'],
      ['logs\\..\\..\\evil.txt'],
      ['C:/Windows/evil.txt'],
      ['logs/../../evil.txt'],
      ['logs/./x.log'],
      ['logs//x.log'],
      ['logs/\u0001x.log'],
    ])('a path that climbs out or hides: %j → UNSAFE_PATH', async (name) => {
      const problems = await refused(
        file(rawZip([manifest(), { name, data: Buffer.from('x') }])),
        'UNSAFE_PATH',
      );
      // Shown escaped (\x01), never as the raw control character.
      expect([...problems[0]!.path!].every((ch) => ch.charCodeAt(0) >= 0x20)).toBe(true);
    });

    it('a name that is safe in its raw bytes but not once decoded is caught too', async () => {
      // CP437 bytes (no UTF-8 flag): 0x5c is a backslash either way.
      const name = Buffer.from('logs\\evil.log', 'latin1');
      await refused(file(rawZip([manifest(), { name, data: Buffer.from('x'), flags: 0 }])), 'UNSAFE_PATH');
    });

    it('a symbolic link → SYMLINK', async () => {
      const link: RawEntry = {
        name: 'logs/main.log',
        data: Buffer.from('/etc/passwd'),
        unixMode: 0o120777,
        method: 0,
      };
      await refused(file(rawZip([manifest(), link])), 'SYMLINK');
    });

    it('the same name twice → DUPLICATE_ENTRY', async () => {
      const report = { name: 'report.json', data: good.get('report.json')! };
      await refused(file(rawZip([manifest(), report, report])), 'DUPLICATE_ENTRY');
    });

    it('too many entries → TOO_MANY_ENTRIES', async () => {
      const many = Array.from({ length: 300 }, (_, i) => ({
        name: `logs/${i}.log`,
        data: Buffer.from('x'),
        method: 0,
      }));
      await refused(file(rawZip([manifest(), ...many])), 'TOO_MANY_ENTRIES');
    });

    it('encryption or an unknown method → ENCRYPTED_ENTRY / UNSUPPORTED_COMPRESSION', async () => {
      await refused(
        file(rawZip([manifest(), { name: 'report.json', data: Buffer.from('x'), flags: 0x801 }])),
        'ENCRYPTED_ENTRY',
      );
      await refused(
        file(rawZip([manifest(), { name: 'report.json', data: Buffer.from('x'), method: 99 }])),
        'UNSUPPORTED_COMPRESSION',
      );
    });

    const zeros = Buffer.alloc(12 * 1024 * 1024);
    const capped: Partial<OpenLimits> = { maxEntryBytes: 4 * 1024 * 1024, maxTotalBytes: 6 * 1024 * 1024 };

    /** The good bundle's members as raw entries, some swapped for the given ones (still listed in the manifest). */
    const withSwapped = (swap: Record<string, Partial<RawEntry>>): RawEntry[] =>
      [...good].map(([name, data]) => ({ name, data, ...swap[name] }));

    it('a bomb that says it is small is stopped while inflating, at the entry cap → ENTRY_TOO_LARGE', async () => {
      const bomb = file(rawZip(withSwapped({ 'network.har': { data: zeros, declaredSize: 1000 } })));
      const problems = await refused(bomb, 'ENTRY_TOO_LARGE', {
        ...capped,
        ratioFloorBytes: 64 * 1024 * 1024,
      });
      expect(problems.map((p) => p.code)).toEqual(['ENTRY_TOO_LARGE']);
      expect(problems[0]!.path).toBe('network.har');
    });

    it('a bomb posing as the manifest is cut off at the manifest cap', async () => {
      const problems = await refused(
        file(rawZip([{ name: 'manifest.json', data: zeros, declaredSize: 10 }])),
        'MANIFEST_INVALID',
      );
      expect(problems[0]!.message['en-US']).toMatch(/larger than/);
    });

    it('members that together inflate past the total cap → TOTAL_TOO_LARGE (declared, and counted)', async () => {
      const three = Buffer.alloc(3 * 1024 * 1024, 7);
      const swap = (declaredSize?: number) =>
        withSwapped({
          'network.har': { data: three, declaredSize },
          'logs/main.log': { data: three, declaredSize },
          'logs/renderer.log': { data: three, declaredSize },
        });
      await refused(file(rawZip(swap())), 'TOTAL_TOO_LARGE', { ...capped, maxRatio: 1e6 });
      const counted = await refused(file(rawZip(swap(10))), 'TOTAL_TOO_LARGE', { ...capped, maxRatio: 1e6 });
      expect(counted.at(-1)!.code).toBe('TOTAL_TOO_LARGE');
    });

    it('an entry that inflates more than 100:1 → RATIO_TOO_HIGH (declared, and counted)', async () => {
      const big = Buffer.alloc(3 * 1024 * 1024);
      await refused(file(rawZip(withSwapped({ 'network.har': { data: big } }))), 'RATIO_TOO_HIGH');
      const counted = await refused(
        file(rawZip(withSwapped({ 'network.har': { data: big, declaredSize: 100 } }))),
        'RATIO_TOO_HIGH',
      );
      expect(counted.map((p) => p.code)).toEqual(['RATIO_TOO_HIGH']);
    });

    it('a stored entry whose headers lie about its size → CORRUPT_ENTRY', async () => {
      const members = [...good].map(([name, data]) => ({ name, data }));
      const lying = members.map((e) =>
        e.name === 'logs/renderer.log' ? { ...e, declaredSize: e.data.length + 5 } : e,
      );
      await refused(file(rawZip(lying)), 'CORRUPT_ENTRY');
    });
  });
});
