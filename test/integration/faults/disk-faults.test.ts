import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeBundle } from '../../../main/bundle';
import { WatchHistory } from '../../../main/watch/history';
import { bundleWriteFailure } from '../../../main/cli/bundle-output';
import { CliInputError, type CliIo } from '../../../main/cli/cli-io';
import { submitCommand } from '../../../main/cli/commands/submit-command';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { mountTinyDisk, type TinyDisk } from './disk';
import { injectDiskError } from './inject';
import { sandboxBundle } from '../outbox/support';

// Fault suite, the disk: a full disk (a real 512 KB tmpfs where the test may mount one, else ENOSPC
// injected) and a read-only folder (a read-only remount: as root, chmod would not stop a write; else EROFS
// injected). For each: the CLI ends 0/1/2 with a sentence naming the user's file, never a stack trace (a
// throw out of runCli is what the process entry turns into exit 3); nothing already there is lost; no
// half-written or empty temp file is left; and once space is back, the same command works.

let sandbox: Sandbox;
let files: SandboxFiles;
const root = mkdtempSync(join(tmpdir(), 'bt-fault-disk-'));
const disks: TinyDisk[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
  files = await writeSandboxFiles(sandbox, join(root, 'sandbox'));
});
afterAll(async () => {
  for (const d of disks) d.unmount();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

/** A tiny disk, or a plain folder with the error injected into it (and the reason printed). */
function faultyPlace(kind: 'full' | 'read-only'): { dir: string; real: boolean; fault(): () => void } {
  const { disk, reason } = mountTinyDisk(512);
  if (disk) {
    disks.push(disk);
    return {
      dir: disk.dir,
      real: true,
      fault: () => {
        if (kind === 'read-only') disk.readOnly();
        else fill(disk.dir);
        return () => rmSync(join(disk.dir, 'filler'), { force: true });
      },
    };
  }
  console.warn(
    `[fault suite] no tmpfs here (${reason}): injecting ${kind === 'full' ? 'ENOSPC' : 'EROFS'} instead`,
  );
  const dir = mkdtempSync(join(root, 'injected-'));
  return { dir, real: false, fault: () => injectDiskError(kind === 'full' ? 'ENOSPC' : 'EROFS', dir) };
}

/** Fills the disk to the last block. */
function fill(dir: string): void {
  const chunk = Buffer.alloc(16 * 1024, 1);
  const fd = openSync(join(dir, 'filler'), 'a');
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd);
  }
}

function capture(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    language,
    stopSignal: new AbortController().signal,
  };
  return { io, out, err, text: () => [...out, ...err].join('\n') };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const submit = (bundle: string, outbox: string) => [
  'submit',
  '--bundle',
  bundle,
  '--store',
  files.storePath,
  '--platform',
  files.platformPath,
  '--outbox',
  outbox,
];
const leftovers = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((n) => /\.tmp$|\.partial$|partial-/.test(n))
    : [];

describe('fault suite: a full disk', () => {
  it('submit: exit 2 naming the outbox, the bundle untouched, no leftovers; with space back it is delivered', async () => {
    const place = faultyPlace('full');
    const outbox = join(place.dir, 'outbox');
    const bundle = await sandboxBundle(sandbox, root, { harBytes: 40_000 });
    const before = sha(bundle.path);
    const undo = place.fault();
    const t = capture();
    expect(await runCli(submit(bundle.path, outbox), t.io)).toBe(2);
    undo();
    expect(t.text()).toContain(outbox);
    expect(t.text()).toMatch(/the disk is full/);
    expect(t.text()).not.toMatch(/\n\s+at |Error:/);
    expect(sha(bundle.path)).toBe(before);
    expect(leftovers(outbox)).toEqual([]);
    // Space is back: the same command goes through.
    const again = capture();
    expect(await runCli(submit(bundle.path, outbox), again.io)).toBe(0);
  });

  it('watch: samples that cannot be saved are printed anyway, the history file is named, exit 2', async (ctx) => {
    const place = faultyPlace('full');
    if (!place.real) {
      // SQLite writes through its own file layer, which an injected node:fs error does not reach.
      console.warn(
        '[fault suite] skipped: a full disk for SQLite needs a real tmpfs (see the warning above)',
      );
      ctx.skip();
    }
    const history = join(place.dir, 'watch.sqlite');
    WatchHistory.open(history).close();
    const before = readFileSync(history);
    const undo = place.fault();
    const t = capture();
    let code: number;
    try {
      code = await runCli(
        [
          'watch',
          '--store',
          files.storePath,
          '--platform',
          files.platformPath,
          '--interval',
          '1',
          '--allow-short-interval',
          '--simulate-every',
          '0',
          '--for',
          '1500ms',
          '--history',
          history,
        ],
        t.io,
      );
    } finally {
      undo();
    }
    expect(code).toBe(2);
    expect(t.err.join('\n')).toContain(history);
    expect(t.text()).not.toMatch(/\n\s+at /);
    // What was in the history is still there.
    expect(readFileSync(history).subarray(0, 100).equals(before.subarray(0, 100))).toBe(true);
  });
});

describe('fault suite: a read-only folder', () => {
  it('submit: exit 2 naming the outbox; the item already queued there is kept as it was', async () => {
    const place = faultyPlace('read-only');
    const outbox = join(place.dir, 'outbox');
    const first = await sandboxBundle(sandbox, root);
    expect(await runCli(submit(first.path, outbox), capture().io)).toBe(0);
    const itemDir = join(outbox, 'items', first.manifest.report_id);
    const state = readFileSync(join(itemDir, 'state.json'), 'utf8');
    const undo = place.fault();
    try {
      const second = await sandboxBundle(sandbox, root);
      const t = capture('zh-CN');
      expect(await runCli(submit(second.path, outbox), t.io)).toBe(2);
      expect(t.text()).toContain(outbox);
      expect(t.text()).toMatch(/只读|没有写入权限/);
      expect(t.text()).not.toMatch(/\n\s+at /);
      expect(readFileSync(join(itemDir, 'state.json'), 'utf8')).toBe(state);
    } finally {
      undo();
    }
  });

  it('submit with no usable HOME (missing, or read-only) is exit 2 naming the folder, not "ENOENT: mkdir"', async () => {
    const bundle = await sandboxBundle(sandbox, root);
    const args = submit(bundle.path, 'unused').slice(1, -2);
    const place = faultyPlace('read-only');
    const undo = place.fault();
    for (const home of [place.dir, join(place.dir, 'no-such-home')]) {
      const t = capture();
      const error = await submitCommand(args, t.io, { HOME: home }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CliInputError);
      expect((error as CliInputError).text['en-US']).toContain(join(home, '.config'));
    }
    undo();
  });

  it("a bundle written into a read-only folder: the reason names the user's path, not the hidden temp file", async () => {
    const place = faultyPlace('read-only');
    const undo = place.fault();
    const out = join(place.dir, 'mine.zip');
    try {
      const error = await writeBundle((await sandboxBundleSources()).sources, out).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      const message = bundleWriteFailure(out, error);
      expect(message['en-US']).toContain(`saved as ${out}`);
      expect(message['en-US']).not.toMatch(/\.partial|\.bt-/);
      expect(message['zh-CN']).toContain(out);
    } finally {
      undo();
    }
    expect(readdirSync(place.dir)).toEqual([]);
  });
});

describe('fault suite: a damaged watch history given to `watch --history`', () => {
  it('an inner page overwritten: kept aside (named), the watch runs on a fresh file and records, exit 0', async () => {
    const history = join(root, 'damaged-watch.sqlite');
    const h = WatchHistory.open(history);
    h.appendBatch(
      's',
      Array.from({ length: 3000 }, (_, i) => ({
        at: 1_700_000_000_000 + i * 60_000,
        kind: 'probe' as const,
        ok: true,
        outcome: 'ok' as const,
        target: null,
        httpStatus: null,
        gateway: { dns: null, connect: 1, tls: 1, wait: 1, total: 3 },
        cashier: { dns: null, connect: 1, tls: 1, wait: 1, total: 3 },
        timeToReadyMs: null,
        durationMs: 3,
        error: null,
      })),
    );
    h.close();
    const fd = openSync(history, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 8 * 4096);
    closeSync(fd);
    const t = capture();
    const code = await runCli(
      [
        'watch',
        '--store',
        files.storePath,
        '--platform',
        files.platformPath,
        '--interval',
        '1',
        '--allow-short-interval',
        '--simulate-every',
        '0',
        '--for',
        '1200ms',
        '--history',
        history,
      ],
      t.io,
    );
    expect(code).toBe(0);
    const kept = readdirSync(root).filter((n) => n.startsWith('damaged-watch.sqlite.damaged-'));
    expect(kept).toHaveLength(1);
    expect(t.err.join('\n')).toContain(join(root, kept[0]!));
    expect(t.err.join('\n')).not.toMatch(/malformed|\n\s+at /);
    // The samples printed went into the fresh file.
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(history, { readOnly: true });
    const row = db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number };
    db.close();
    expect(t.out.length).toBeGreaterThan(0);
    expect(row.n).toBe(t.out.length);
  });
});

async function sandboxBundleSources() {
  const { buildReport, reportApp } = await import('../../../main/report');
  const draft = buildReport({
    merchantNo: sandbox.store.merchantNo,
    symptom: { category: 'OTHER', description: '', firstSeen: null, frequency: null },
    app: reportApp('en-US'),
    environment: {},
  });
  const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [], entries: [] } };
  mkdirSync(join(root, 'work'), { recursive: true });
  return { sources: { ...draft, har: har as never, logs: [] } };
}

vi.setConfig({ testTimeout: 60_000 });
