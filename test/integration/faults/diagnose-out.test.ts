import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeBundle } from '../../../main/bundle';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { buildReport, reportApp } from '../../../main/report';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { mountTinyDisk, type TinyDisk } from './disk';
import { injectDiskError } from './inject';

// Fault suite, `diagnose --out`: a bad --out is refused before the diagnosis runs; a write that fails after
// it (a full disk) still prints the verdict, then names the user's path and where the bundle could go, exit 2.

let sandbox: Sandbox;
let files: SandboxFiles;
let disk: TinyDisk | null = null;
const root = mkdtempSync(join(tmpdir(), 'bt-fault-out-'));
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
  files = await writeSandboxFiles(sandbox, join(root, 'sandbox'));
});
afterAll(async () => {
  disk?.unmount();
  vi.unstubAllEnvs();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    language: 'en-US',
    stopSignal: new AbortController().signal,
  };
  return { io, out, err };
}
const diagnose = (out: string, extra: string[] = []) => [
  'diagnose',
  '--store',
  files.storePath,
  '--platform',
  files.platformPath,
  '--out',
  out,
  ...extra,
];

describe('fault suite: diagnose --out', () => {
  it('an existing file is not replaced without --force (exit 2, before any work, the file untouched)', async () => {
    const out = join(root, 'mine.zip');
    writeFileSync(out, 'my own file');
    const t = capture();
    expect(await runCli(diagnose(out), t.io)).toBe(2);
    expect(t.err.join('\n')).toContain(`${out} already exists and was not replaced`);
    expect(t.err.join('\n')).toContain('--force');
    expect(t.out).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('my own file');
  });

  it.each([
    ['a folder', () => mkdirSync(join(root, 'folder.zip'), { recursive: true }), 'folder.zip', /is a folder/],
    ['a missing folder', () => {}, join('missing', 'x.zip'), /does not exist/],
    ['a name over 255 bytes', () => {}, `${'名'.repeat(86)}.zip`, /longer than 255 bytes/],
  ])('%s: exit 2 with a sentence naming the path, before any work', async (_n, setup, name, reason) => {
    setup();
    const t = capture();
    expect(await runCli(diagnose(join(root, name)), t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(reason);
    expect(t.out).toEqual([]);
  });

  it('names of 234–255 bytes are written (the temp name no longer grows with them)', async () => {
    const draft = buildReport({
      merchantNo: sandbox.store.merchantNo,
      symptom: { category: 'OTHER', description: '', firstSeen: null, frequency: null },
      app: reportApp('en-US'),
      environment: {},
    });
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [], entries: [] } };
    for (const bytes of [234, 255]) {
      const name = `${'b'.repeat(bytes - 4)}.zip`;
      const written = await writeBundle({ ...draft, har: har as never, logs: [] }, join(root, name));
      expect(written.path).toBe(join(root, name));
    }
  });

  it('a full disk after the diagnosis: the verdict is printed, then why and where else, exit 2', async () => {
    // No browser run: the simulation is unavailable at once, the rest of the diagnosis is real.
    vi.stubEnv('BAITIAO_DOCTOR_BROWSER', '/bin/true');
    const mounted = mountTinyDisk(256);
    disk = mounted.disk;
    let undo: () => void;
    let dir: string;
    if (disk) {
      dir = disk.dir;
      const chunk = Buffer.alloc(16 * 1024, 1);
      const fs = await import('node:fs');
      const fd = fs.openSync(join(dir, 'filler'), 'a');
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch {
        // Full.
      } finally {
        fs.closeSync(fd);
      }
      undo = () => rmSync(join(dir, 'filler'), { force: true });
    } else {
      console.warn(`[fault suite] no tmpfs here (${mounted.reason}): injecting ENOSPC instead`);
      dir = mkdtempSync(join(root, 'injected-'));
      undo = injectDiskError('ENOSPC', dir);
    }
    const out = join(dir, 'diagnosis.zip');
    const t = capture();
    let code: number;
    try {
      code = await runCli(diagnose(out), t.io);
    } finally {
      undo();
    }
    expect(code).toBe(2);
    // The verdict came first, whole.
    expect(t.out.join('\n')).toMatch(/Whose side: .+\nDo this first: /);
    const said = t.err.join('\n');
    expect(said).toContain(`The bundle could not be saved as ${out}: the disk is full`);
    expect(said).toMatch(/run again with --out \S+diagnosis\.zip/);
    expect(said).not.toMatch(/\.partial|\n\s+at /);
    expect(readdirSync(dir).filter((n) => n !== 'filler')).toEqual([]);
  });
});
