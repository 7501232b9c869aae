import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import type { Report } from '../../shared/report/report-schema';
import { fsyncDirectory } from '../fs/fsync-directory';
import { verifyBundle } from '../bundle/reader';
import { errnoCode, keepAside, keptAsideText, readCheckedJson } from '../kept-files';
import { renameWithRetry, writeFileAtomic } from '../fs/atomic-write';
import { processAlive } from './item-lock';
import { hashFile, isLocalDamage, sha256Of, type PartHash } from './item-parts';
import { ItemStateSchema, type ItemState } from './item-state';

export const REPORT_FILE = 'report.json';
export const BUNDLE_FILE = 'bundle.zip';
export const STATE_FILE = 'state.json';
export const LOCK_FILE = 'lock';
const REPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function copyWithHash(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    createReadStream(from),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
    // `flush`: on disk before the item is published by the rename.
    createWriteStream(to, { flags: 'wx', mode: 0o600, flush: true }),
  );
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * The outbox on disk: one folder per report under items/, each made whole in staging/ and renamed in, and
 * each state.json replaced atomically. Knows nothing of the network.
 */
export class ItemStore {
  readonly itemsDir: string;
  private readonly stagingDir: string;
  private ready: Promise<void> | null = null;

  constructor(
    dir: string,
    private readonly now: () => number,
    /** Told about every state written (the outbox turns it into an event). */
    private readonly onSaved: (state: ItemState) => void,
    /** Told, once each, what was found damaged on disk and what became of it (the user hears it). */
    private readonly onKeptAside: (notice: LocalizedText) => void = () => {},
  ) {
    this.itemsDir = join(dir, 'items');
    this.stagingDir = join(dir, 'staging');
  }

  init(): Promise<void> {
    return (this.ready ??= (async () => {
      await mkdir(this.itemsDir, { recursive: true });
      await mkdir(this.stagingDir, { recursive: true });
      // Half-made items of enqueues that died: their folders are named after their process.
      for (const name of await readdir(this.stagingDir)) {
        const pid = Number(name.split('.')[1]);
        if (!Number.isInteger(pid) || !processAlive(pid)) {
          await rm(join(this.stagingDir, name), { recursive: true, force: true });
        }
      }
    })());
  }

  itemDir(reportId: string): string {
    if (!REPORT_ID.test(reportId)) throw new Error(`not a report id: ${reportId}`);
    return join(this.itemsDir, reportId);
  }

  /**
   * An item's state. A state.json that is unreadable, not JSON or not this schema is kept aside and the
   * item made whole again from its parts (report.json, bundle.zip), which the bundle's own hashes vouch
   * for: it is queued again, which is safe because the intake is idempotent. An item whose parts are
   * damaged too is moved aside as a whole; re-submitting the original bundle then queues it afresh.
   */
  async read(reportId: string): Promise<ItemState | null> {
    if (!REPORT_ID.test(reportId)) return null;
    const dir = this.itemDir(reportId);
    const statePath = join(dir, STATE_FILE);
    let checked;
    try {
      checked = await readCheckedJson(statePath, ItemStateSchema, { now: this.now() });
    } catch (error) {
      // The item folder itself went away (moved aside by another process) while we looked.
      if (errnoCode(error) === 'ENOTDIR') return null;
      throw error;
    }
    if (checked.kind === 'ok' && checked.value.reportId.toLowerCase() === reportId.toLowerCase()) {
      return checked.value;
    }
    if (checked.kind === 'missing' && !existsSync(dir)) return null;
    let keptAs: string | null = null;
    if (checked.kind === 'damaged') keptAs = checked.keptAs;
    else if (checked.kind !== 'missing') keptAs = await keepAside(statePath, this.now());
    return this.rebuild(reportId, keptAs);
  }

  private async rebuild(reportId: string, stateKeptAs: string | null): Promise<ItemState | null> {
    const dir = this.itemDir(reportId);
    const statePath = join(dir, STATE_FILE);
    const verification = await verifyBundle(join(dir, BUNDLE_FILE)).catch(() => null);
    const fromBundle = verification?.ok ? verification.report : null;
    if (!fromBundle || fromBundle.value.report_id.toLowerCase() !== reportId.toLowerCase()) {
      let keptAs: string;
      try {
        keptAs = await keepAside(dir, this.now());
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return null; // another process moved it first
        throw error;
      }
      this.onKeptAside(
        keptAsideText(
          { file: dir, keptAs },
          text(
            `待发送的报告 ${reportId} 在这台电脑上的副本`,
            `The queued copy of report ${reportId} on this computer`,
          ),
          text(
            '它没有被发送，平台也没有拒绝它。请再提交一次原来的诊断包（.zip），它会重新排队。',
            'It was not sent, and the platform did not refuse it. Submit the original bundle (.zip) again and it is queued afresh.',
          ),
        ),
      );
      return null;
    }
    // report.json is the bundle's own report.json, byte for byte: a damaged copy is written again from it.
    const report = await readFile(join(dir, REPORT_FILE)).catch(() => null);
    if (!report || !report.equals(fromBundle.bytes))
      await writeFileAtomic(join(dir, REPORT_FILE), fromBundle.bytes);
    const state = this.freshState(
      reportId,
      fromBundle.value.merchant_no,
      await hashFile(join(dir, BUNDLE_FILE)),
      sha256Of(fromBundle.bytes),
    );
    await writeFileAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`);
    this.onKeptAside(
      keptAsideText(
        { file: statePath, keptAs: stateKeptAs ?? '—' },
        text(`待发送报告 ${reportId} 的进度文件`, `The progress file of queued report ${reportId}`),
        text(
          '报告和诊断包都完好，已重新排队发送；平台会认出这是同一份报告，不会重复建工单。',
          'The report and its bundle are intact and were queued again; the platform recognizes the same report, so no second ticket is made.',
        ),
      ),
    );
    this.onSaved(state);
    return state;
  }

  private freshState(reportId: string, merchantNo: string, bundle: PartHash, report: PartHash): ItemState {
    const now = new Date(this.now()).toISOString();
    return {
      version: 1,
      reportId,
      merchantNo,
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAttemptAt: 0,
      ticketId: null,
      upload: null,
      uploadRefreshes: 0,
      lastError: null,
      failure: null,
      bundle,
      report,
      deliveredAt: null,
      ticket: null,
    };
  }

  /** Every item, oldest first. */
  async readAll(): Promise<ItemState[]> {
    await this.init();
    const states: ItemState[] = [];
    for (const name of await readdir(this.itemsDir)) {
      const state = REPORT_ID.test(name) ? await this.read(name) : null;
      if (state) states.push(state);
    }
    return states.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async save(state: ItemState): Promise<ItemState> {
    const next = { ...state, updatedAt: new Date(this.now()).toISOString() };
    await writeFileAtomic(
      join(this.itemDir(state.reportId), STATE_FILE),
      `${JSON.stringify(next, null, 2)}\n`,
    );
    this.onSaved(next);
    return next;
  }

  /**
   * Adds a verified bundle and its report.json as a queued item, durable when this resolves. The same
   * report again returns the item already there (enqueue is idempotent, like the intake), except an item
   * that failed because its copy on this disk was damaged: an intact bundle whose hash matches gives it its
   * parts back and queues it again.
   */
  async add(report: { value: Report; bytes: Buffer }, bundlePath: string): Promise<ItemState> {
    await this.init();
    const reportId = report.value.report_id;
    const existing = await this.read(reportId);
    if (existing)
      return isLocalDamage(existing) ? this.restoreParts(existing, report.bytes, bundlePath) : existing;
    const staging = join(this.stagingDir, `${reportId}.${process.pid}.${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    try {
      const handle = await open(join(staging, REPORT_FILE), 'wx', 0o600);
      try {
        await handle.writeFile(report.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const bundle = await copyWithHash(bundlePath, join(staging, BUNDLE_FILE));
      const state = this.freshState(reportId, report.value.merchant_no, bundle, sha256Of(report.bytes));
      await writeFileAtomic(join(staging, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
      await fsyncDirectory(staging);
      try {
        // The item appears whole or not at all.
        await rename(staging, this.itemDir(reportId));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const winner = code === 'EEXIST' || code === 'ENOTEMPTY' ? await this.read(reportId) : null;
        if (winner) return winner;
        throw error;
      }
      await fsyncDirectory(this.itemsDir);
      this.onSaved(state);
      return state;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** A failed item's damaged parts replaced from an intact bundle of the same report; else it stays as it is. */
  private async restoreParts(
    existing: ItemState,
    reportBytes: Buffer,
    bundlePath: string,
  ): Promise<ItemState> {
    const bundle = await hashFile(bundlePath);
    const reportHash = sha256Of(reportBytes);
    const matches =
      bundle.sha256 === existing.bundle.sha256 ||
      (existing.report !== undefined && existing.report.sha256 === reportHash.sha256);
    if (!matches) return existing;
    const dir = this.itemDir(existing.reportId);
    const temp = join(dir, `${BUNDLE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await copyWithHash(bundlePath, temp);
      await renameWithRetry(temp, join(dir, BUNDLE_FILE));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await writeFileAtomic(join(dir, REPORT_FILE), reportBytes);
    return this.save({
      ...existing,
      state: 'queued',
      bundle,
      report: reportHash,
      attempts: 0,
      nextAttemptAt: 0,
      upload: null,
      uploadRefreshes: 0,
      lastError: null,
      failure: null,
      deliveredAt: null,
    });
  }
}
