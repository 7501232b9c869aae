import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { writeBundle, type WrittenBundle } from '../../../main/bundle';
import { rawZip, type RawEntry } from '../../unit/bundle/raw-zip';
import { sources, unzipAll } from '../../unit/bundle/bundle-fixtures';

function capture(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    language,
    stopSignal: new AbortController().signal,
  };
  return { io, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'bt-cli-bundle-'));
let good: WrittenBundle;
beforeAll(async () => {
  good = await writeBundle(sources(), join(dir, 'good.zip'), { workDir: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baitiao-doctor bundle verify', () => {
  it('exit 0 for an intact bundle, listing its members and what was redacted', async () => {
    const t = capture('zh-CN');
    expect(await runCli(['bundle', 'verify', good.path], t.io)).toBe(0);
    const text = t.out.join('\n');
    expect(text).toContain(`诊断包完整：报告 ${good.manifest.report_id}`);
    expect(text).toMatch(/network\.har\s+\d+/);
    expect(text).toMatch(/脱敏：.*mobile-cn 2/);
  });

  it('--json gives the verdict, the manifest files and the problems', async () => {
    const t = capture();
    expect(await runCli(['bundle', 'verify', good.path, '--json'], t.io)).toBe(0);
    const json = JSON.parse(t.out.join(''));
    expect(json).toMatchObject({ valid: true, report_id: good.manifest.report_id, problems: [] });
    expect(json.files).toEqual(good.manifest.files);
  });

  it('exit 1 for a bundle whose files disagree with the manifest or that is hostile, each reason printed', async () => {
    const members = await unzipAll(good.path);
    members.set('logs/main.log', Buffer.from('changed'));
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, rawZip([...members].map(([name, data]) => ({ name, data }))));
    const t = capture();
    expect(await runCli(['bundle', 'verify', tampered, '--json'], t.io)).toBe(1);
    expect(JSON.parse(t.out.join('')).problems.map((p: { code: string }) => p.code)).toEqual([
      'SIZE_MISMATCH',
    ]);

    const climbing = join(dir, 'climbing.zip');
    writeFileSync(climbing, rawZip([{ name: '../../etc/cron.d/x', data: Buffer.from('x') }]));
    const u = capture();
    expect(await runCli(['bundle', 'verify', climbing], u.io)).toBe(1);
    expect(u.out.join('\n')).toMatch(/\[UNSAFE_PATH\] Entry "..\/..\/etc\/cron.d\/x" has an unsafe path/);

    const notZip = join(dir, 'notes.txt');
    writeFileSync(notZip, 'not a zip');
    expect(await runCli(['bundle', 'verify', notZip], capture().io)).toBe(1);
  });

  it('exit 1 for each ambiguous zip, with its own code and sentence; exit 0 for a bundle of version 0.1.0', async () => {
    const members = [...(await unzipAll(good.path))].map(([name, data]) => ({ name, data }));
    const report = JSON.parse(members.find((m) => m.name === 'report.json')!.data.toString('utf8'));
    const deep = Buffer.from(
      JSON.stringify({ ...report, environment: { x: '@' } }).replace(
        '"@"',
        '['.repeat(200_000) + ']'.repeat(200_000),
      ),
    );
    const manifestEntry = members.find((m) => m.name === 'manifest.json')!;
    const manifest = JSON.parse(manifestEntry.data.toString('utf8'));
    const listed = manifest.files.find((f: { path: string }) => f.path === 'report.json');
    listed.bytes = deep.length;
    listed.sha256 = createHash('sha256').update(deep).digest('hex');
    const cases: [string, RawEntry[], RegExp][] = [
      [
        'NAME_COLLISION',
        [...members, { name: 'REPORT.json', data: Buffer.from('{}') }],
        /\[NAME_COLLISION\] Entries "REPORT\.json" and "report\.json" are one and the same file on Windows or macOS/,
      ],
      [
        'DIRECTORY_WITH_DATA',
        [...members, { name: 'logs/', data: Buffer.from('hidden'), method: 0 }],
        /\[DIRECTORY_WITH_DATA\] Entry "logs\/" is a folder but carries data/,
      ],
      [
        'LOCAL_NAME_MISMATCH',
        members.map((m) => (m.name === 'logs/main.log' ? { ...m, localName: '../a/main.log' } : m)),
        /\[LOCAL_NAME_MISMATCH\] Entry "logs\/main\.log" is named differently .* "\.\.\/a\/main\.log"/,
      ],
      [
        'NESTING_TOO_DEEP',
        members.map((m) =>
          m.name === 'report.json'
            ? { ...m, data: deep }
            : m.name === 'manifest.json'
              ? { ...m, data: Buffer.from(JSON.stringify(manifest)) }
              : m,
        ),
        /\[NESTING_TOO_DEEP\] "report\.json" nests its data more than 64 levels deep/,
      ],
    ];
    for (const [code, entries, sentence] of cases) {
      const path = join(dir, `${code}.zip`);
      writeFileSync(path, rawZip(entries));
      const t = capture();
      expect(await runCli(['bundle', 'verify', path], t.io)).toBe(1);
      expect(t.out.join('\n')).toMatch(sentence);
      const zh = capture('zh-CN');
      expect(await runCli(['bundle', 'verify', path, '--json'], zh.io)).toBe(1);
      expect(JSON.parse(zh.out.join('')).problems.map((p: { code: string }) => p.code)).toContain(code);
    }

    const old = fileURLToPath(
      new URL('../../unit/bundle/fixtures/bundle-written-by-0.1.0.zip', import.meta.url),
    );
    expect(await runCli(['bundle', 'verify', old], capture().io)).toBe(0);
  });

  it('exit 2 for bad input: no file, a missing file, an unknown subcommand', async () => {
    const none = capture();
    expect(await runCli(['bundle', 'verify'], none.io)).toBe(2);
    expect(none.err.join('\n')).toContain('Usage: bundle verify');
    const missing = capture();
    expect(await runCli(['bundle', 'verify', join(dir, 'nope.zip')], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toMatch(/nope\.zip: The file cannot be read \(ENOENT\)/);
    expect(await runCli(['bundle', 'open', good.path], capture().io)).toBe(2);
  });
});
