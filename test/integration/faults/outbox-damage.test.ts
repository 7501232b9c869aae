import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { createOutbox, type Outbox } from '../../../main/outbox';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import type { LocalizedText } from '../../../shared/i18n/localized-text';
import { intakeOf, sandboxBundle } from '../outbox/support';

// Fault suite, outbox: each part of a queued item damaged on disk. Nothing the user had is lost, the other
// items keep going, local damage is never reported as the platform refusing, and the message names the file.

let sandbox: Sandbox;
let files: SandboxFiles;
const root = mkdtempSync(join(tmpdir(), 'bt-fault-outbox-'));
const opened: Outbox[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
  files = await writeSandboxFiles(sandbox, join(root, 'sandbox'));
});
afterAll(async () => {
  for (const o of opened) o.close();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.setScenario('healthy');
  sandbox.intake.failNext(0);
});

let n = 0;
const freshDir = () => join(root, `o${(n += 1)}`);
function outboxAt(dir: string) {
  const notices: LocalizedText[] = [];
  const outbox = createOutbox({
    dir,
    intake: intakeOf(sandbox),
    backoff: { baseMs: 5, capMs: 20 },
    onNotice: (notice) => notices.push(notice),
  });
  opened.push(outbox);
  return { outbox, notices };
}
const ticketsFor = (reportId: string) =>
  [...sandbox.intake.tickets.values()].filter((t) => t.reportId === reportId);
const itemFiles = (dir: string, id: string) => readdirSync(join(dir, 'items', id)).sort();

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
const submitArgs = (bundle: string, outboxDir: string) => [
  'submit',
  '--bundle',
  bundle,
  '--store',
  files.storePath,
  '--platform',
  files.platformPath,
  '--outbox',
  outboxDir,
];

const DAMAGED_STATES: [string, string | Buffer][] = [
  ['truncated', '{"version":1,"reportId":"'],
  ['zeroed', Buffer.alloc(300)],
  ['empty', ''],
  ['valid JSON breaking the schema', 'SCHEMA'],
];

describe('fault suite: a damaged outbox state.json', () => {
  it.each(DAMAGED_STATES)(
    '%s: kept aside, the item rebuilt from its intact parts and delivered; a healthy item beside it too',
    async (_name, damage) => {
      const dir = freshDir();
      const { outbox, notices } = outboxAt(dir);
      const damaged = await sandboxBundle(sandbox, root);
      const healthy = await sandboxBundle(sandbox, root);
      const a = await outbox.enqueue({ bundlePath: damaged.path });
      await outbox.enqueue({ bundlePath: healthy.path });
      const statePath = join(dir, 'items', a.reportId, 'state.json');
      const original = readFileSync(statePath, 'utf8');
      writeFileSync(
        statePath,
        damage === 'SCHEMA' ? original.replace('"state": "queued"', '"state": "bogus"') : damage,
      );

      const items = await outbox.runUntilIdle();
      expect(items.map((i) => i.state)).toEqual(['delivered', 'delivered']);
      expect(ticketsFor(a.reportId)).toHaveLength(1);
      const kept = itemFiles(dir, a.reportId).filter((f) => f.startsWith('state.json.damaged-'));
      expect(kept).toHaveLength(1);
      expect(readFileSync(join(dir, 'items', a.reportId, kept[0]!), 'utf8')).toBe(
        damage === 'SCHEMA' ? original.replace('"state": "queued"', '"state": "bogus"') : damage.toString(),
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]!['en-US']).toContain(statePath);
      expect(notices[0]!['zh-CN']).toContain(kept[0]);
    },
  );

  it('`submit` with a damaged state.json beside it: exit 0 (no stack trace), and the same bundle again works', async () => {
    const dir = freshDir();
    const bundle = await sandboxBundle(sandbox, root);
    const first = capture();
    expect(await runCli(submitArgs(bundle.path, dir), first.io)).toBe(0);
    const id = bundle.manifest.report_id;
    const statePath = join(dir, 'items', id, 'state.json');
    for (const damage of ['', '{"state":"bogus"}', '{"version":1,']) {
      writeFileSync(statePath, damage);
      const again = capture();
      expect(await runCli(submitArgs(bundle.path, dir), again.io)).toBe(0);
      expect(again.err.join('\n')).toContain(statePath);
      expect(again.err.join('\n')).not.toMatch(/SyntaxError|ENOTEMPTY|\n\s+at /);
      // The intake's idempotency: still the one ticket.
      expect(ticketsFor(id)).toHaveLength(1);
    }
  });
});

describe('fault suite: a damaged queued report.json or bundle.zip', () => {
  it('an edited report.json is not POSTed; the failure is local, not the platform', async () => {
    const dir = freshDir();
    const { outbox } = outboxAt(dir);
    const bundle = await sandboxBundle(sandbox, root);
    const item = await outbox.enqueue({ bundlePath: bundle.path });
    const reportPath = join(dir, 'items', item.reportId, 'report.json');
    writeFileSync(reportPath, readFileSync(reportPath, 'utf8').replace('支付失败', '支付成功'));
    const [done] = await outbox.runUntilIdle();
    expect(done).toMatchObject({
      state: 'failed-permanently',
      failure: { code: 'REPORT_CHANGED', status: null },
    });
    expect(done!.failure!.message).toMatch(/on this computer; the platform was not asked/);
    expect(ticketsFor(item.reportId)).toHaveLength(0);
  });

  it.each(['report.json', 'bundle.zip'])(
    'a garbled %s: failed locally (not sent, not blamed on the platform); re-submitting the intact bundle delivers it',
    async (part) => {
      const dir = freshDir();
      const bundle = await sandboxBundle(sandbox, root);
      const id = bundle.manifest.report_id;
      const { outbox } = outboxAt(dir);
      await outbox.enqueue({ bundlePath: bundle.path });
      const partPath = join(dir, 'items', id, part);
      const bytes = readFileSync(partPath);
      bytes.fill(0x20, 10, 60);
      writeFileSync(partPath, bytes);
      const [failed] = await outbox.runUntilIdle();
      expect(failed?.failure?.code).toBe(part === 'report.json' ? 'REPORT_CHANGED' : 'BUNDLE_CHANGED');
      expect(ticketsFor(id)).toHaveLength(0);

      const t = capture();
      // Re-submitting the original, intact bundle gives the item its parts back and delivers it.
      expect(await runCli(submitArgs(bundle.path, dir), t.io)).toBe(0);
      expect(t.err.join('\n')).not.toMatch(/refused/);
      expect(ticketsFor(id)).toHaveLength(1);
      expect(sandbox.intake.uploads.get(ticketsFor(id)[0]!.ticketId)?.sha256).toBe(bundle.sha256);
      expect(readFileSync(partPath).equals(bytes)).toBe(false);
    },
  );

  it('an item whose bundle and state are both damaged is moved aside whole; the original bundle queues it afresh', async () => {
    const dir = freshDir();
    const { outbox, notices } = outboxAt(dir);
    const bundle = await sandboxBundle(sandbox, root);
    const item = await outbox.enqueue({ bundlePath: bundle.path });
    writeFileSync(join(dir, 'items', item.reportId, 'state.json'), '');
    writeFileSync(join(dir, 'items', item.reportId, 'bundle.zip'), Buffer.alloc(100));
    expect(await outbox.list()).toEqual([]);
    const aside = readdirSync(join(dir, 'items')).filter((f) => f.startsWith(`${item.reportId}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(notices.map((x) => x['en-US']).join('\n')).toContain(aside[0]);
    // Nothing of it deleted: the kept folder still has every part.
    expect(readdirSync(join(dir, 'items', aside[0]!)).sort()).toEqual(
      expect.arrayContaining(['bundle.zip', 'report.json']),
    );
    await outbox.enqueue({ bundlePath: bundle.path });
    const [done] = await outbox.runUntilIdle();
    expect(done?.state).toBe('delivered');
  });
});
