import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutbox, InvalidBundleError, type Outbox, type OutboxOptions } from '../../../main/outbox';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import type { OutboxEvent } from '../../../shared/report';
import { intakeOf, sandboxBundle } from './support';

let sandbox: Sandbox;
const root = mkdtempSync(join(tmpdir(), 'bt-outbox-'));
const opened: Outbox[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
});
afterAll(async () => {
  for (const o of opened) o.close();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.setScenario('healthy');
  sandbox.intake.failNext(0);
  sandbox.intake.maxUploadBytes = 32 * 1024 * 1024;
});

let n = 0;
const freshDir = () => join(root, `o${(n += 1)}`);
const outboxAt = (dir: string, options: Partial<OutboxOptions> = {}) => {
  const outbox = createOutbox({
    dir,
    intake: intakeOf(sandbox),
    backoff: { baseMs: 20, capMs: 100 },
    ...options,
  });
  opened.push(outbox);
  return outbox;
};
const ticketsFor = (reportId: string) =>
  [...sandbox.intake.tickets.values()].filter((t) => t.reportId === reportId);

describe('outbox delivery to the support intake (§5)', () => {
  it('files the report, uploads its bundle, and follows the ticket', async () => {
    const dir = freshDir();
    const bundle = await sandboxBundle(sandbox, root, { harBytes: 600_000 });
    const outbox = outboxAt(dir);
    const events: OutboxEvent[] = [];
    outbox.on((e) => events.push(e));
    const queued = await outbox.enqueue({ bundlePath: bundle.path });
    expect(queued).toMatchObject({ state: 'queued', ticketId: null, bundle: { sha256: bundle.sha256 } });
    const [item] = await outbox.runUntilIdle();
    expect(item).toMatchObject({ state: 'delivered', lastError: null, nextAttemptAt: null });

    const [ticket] = ticketsFor(queued.reportId);
    expect(ticketsFor(queued.reportId)).toHaveLength(1);
    expect(item!.ticketId).toBe(ticket!.ticketId);
    const upload = sandbox.intake.uploads.get(ticket!.ticketId)!;
    expect(upload.sha256).toBe(bundle.sha256);
    expect(upload.puts).toBe(1);
    // The body POSTed is the bundle's report.json.
    const stored = readFileSync(join(dir, 'items', queued.reportId, 'report.json'), 'utf8');
    expect(ticket!.report).toEqual(JSON.parse(stored));

    expect(
      events.filter((e) => e.type === 'item').map((e) => (e.type === 'item' ? e.item.state : '')),
    ).toEqual(['queued', 'sending-report', 'uploading-bundle', 'delivered']);
    expect(events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.step : ''))).toEqual([
      'report-sending',
      'report-accepted',
      'bundle-uploading',
      'bundle-accepted',
    ]);
    const progress = events.filter((e) => e.type === 'upload-progress');
    expect(progress.at(-1)).toMatchObject({ sentBytes: bundle.bytes, totalBytes: bundle.bytes });

    sandbox.intake.setStatus(ticket!.ticketId, 'NEEDS_INFO', '请补充出问题的订单号');
    const polled = await outbox.pollTicket(queued.reportId);
    expect(polled.ticket).toMatchObject({ status: 'NEEDS_INFO' });
    expect(polled.ticket!.messages.at(-1)).toMatchObject({ from: 'support', text: '请补充出问题的订单号' });
    sandbox.intake.setStatus(ticket!.ticketId, 'RESOLVED');
    expect((await outbox.pollTickets()).map((v) => v.ticket?.status)).toEqual(['RESOLVED']);
    // Resolved tickets are no longer polled.
    expect(await outbox.pollTickets()).toEqual([]);
  });

  it('retries transient failures with backoff, never sooner than Retry-After', async () => {
    const outbox = outboxAt(freshDir(), { random: () => 0 });
    const { reportId } = await outbox.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
    const seen: (number | null)[] = [];
    outbox.on((e) => {
      if (e.type === 'item' && e.item.lastError) seen.push(e.item.lastError.status);
    });
    sandbox.intake.failNext(2, 429, 1);
    const started = Date.now();
    await outbox.runUntilIdle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(seen).toEqual([429, 429]);
    sandbox.intake.failNext(3, 500);
    const again = await outbox.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
    const [, second] = await outbox.runUntilIdle();
    expect(second).toMatchObject({ reportId: again.reportId, state: 'delivered' });
    expect(ticketsFor(reportId)).toHaveLength(1);
    expect(ticketsFor(again.reportId)).toHaveLength(1);
  });

  it('keeps the report on disk from before the first attempt; a restarted app carries on', async () => {
    const dir = freshDir();
    const down = outboxAt(dir, {
      intake: { ...intakeOf(sandbox), supportApiUrl: 'https://127.0.0.1:9/api/v1' },
    });
    const { reportId } = await down.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
    for (const name of ['report.json', 'bundle.zip', 'state.json']) {
      expect(existsSync(join(dir, 'items', reportId, name))).toBe(true);
    }
    await down.processOnce();
    const waiting = await down.get(reportId);
    expect(waiting).toMatchObject({
      state: 'sending-report',
      attempts: 1,
      lastError: { status: null, code: 'ECONNREFUSED' },
    });
    down.close();

    const restarted = outboxAt(dir);
    await restarted.retryNow(reportId);
    expect((await restarted.runUntilIdle())[0]).toMatchObject({ state: 'delivered' });
    expect(ticketsFor(reportId)).toHaveLength(1);
  });

  it('gives every call a deadline: an intake that never answers is a timeout, retried later', async () => {
    const silent: Server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const outbox = outboxAt(freshDir(), {
        intake: { ...intakeOf(sandbox), supportApiUrl: `https://127.0.0.1:${port}/api/v1` },
        timeouts: { requestMs: 300 },
      });
      const { reportId } = await outbox.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
      // The intake never answers: only the 300 ms deadline can end this call, and it says TIMEOUT.
      await outbox.processOnce();
      expect(await outbox.get(reportId)).toMatchObject({
        state: 'sending-report',
        lastError: { code: 'TIMEOUT' },
      });
    } finally {
      silent.close();
    }
  });

  it('stops for good on a refusal, with the reason: bad signature (401), bundle over max_bytes', async () => {
    sandbox.setScenario('invalid-signature');
    const outbox = outboxAt(freshDir());
    const { reportId } = await outbox.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
    const [refused] = await outbox.runUntilIdle();
    expect(refused).toMatchObject({
      state: 'failed-permanently',
      ticketId: null,
      failure: { status: 401, code: 'INVALID_SIGNATURE' },
    });
    expect(ticketsFor(reportId)).toHaveLength(0);

    sandbox.setScenario('healthy');
    sandbox.intake.maxUploadBytes = 100;
    const tooBig = outboxAt(freshDir());
    await tooBig.enqueue({ bundlePath: (await sandboxBundle(sandbox, root)).path });
    const [item] = await tooBig.runUntilIdle();
    expect(item).toMatchObject({ state: 'failed-permanently', failure: { code: 'BUNDLE_TOO_LARGE' } });
  });

  it('queues a bundle once, however often it is enqueued, and refuses one that does not verify', async () => {
    const outbox = outboxAt(freshDir());
    const bundle = await sandboxBundle(sandbox, root);
    const [a, b] = await Promise.all([
      outbox.enqueue({ bundlePath: bundle.path }),
      outbox.enqueue({ bundlePath: bundle.path }),
    ]);
    expect(a.reportId).toBe(b.reportId);
    expect(await outbox.list()).toHaveLength(1);
    const notZip = join(root, 'not.zip');
    writeFileSync(notZip, 'hello');
    await expect(outbox.enqueue({ bundlePath: notZip })).rejects.toThrow(InvalidBundleError);
  });

  it('two workers on one outbox send each report exactly once', async () => {
    const dir = freshDir();
    const one = outboxAt(dir);
    const two = outboxAt(dir);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (await one.enqueue({ bundlePath: (await sandboxBundle(sandbox, root, { harBytes: 100_000 })).path }))
          .reportId,
      );
    sandbox.intake.failNext(2, 503, 0);
    await Promise.all([one.runUntilIdle(), two.runUntilIdle()]);
    for (const id of ids) {
      const tickets = ticketsFor(id);
      expect(tickets).toHaveLength(1);
      const sha = createHash('sha256')
        .update(readFileSync(join(dir, 'items', id, 'bundle.zip')))
        .digest('hex');
      expect(sandbox.intake.uploads.get(tickets[0]!.ticketId)?.sha256).toBe(sha);
    }
    expect((await one.list()).every((v) => v.state === 'delivered')).toBe(true);
  });
});
