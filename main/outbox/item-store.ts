import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Report } from '../../shared/report/report-schema';
import { fsyncDirectory } from '../bundle/fsync-directory';
import { readJsonFile, writeFileAtomic } from './atomic-file';
import { processAlive } from './item-lock';
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

  async read(reportId: string): Promise<ItemState | null> {
    if (!REPORT_ID.test(reportId)) return null;
    const raw = await readJsonFile(join(this.itemDir(reportId), STATE_FILE));
    if (raw === null) return null;
    const parsed = ItemStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
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
   * report again returns the item already there (enqueue is idempotent, like the intake).
   */
  async add(report: { value: Report; bytes: Buffer }, bundlePath: string): Promise<ItemState> {
    await this.init();
    const reportId = report.value.report_id;
    const existing = await this.read(reportId);
    if (existing) return existing;
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
      const now = new Date(this.now()).toISOString();
      const state: ItemState = {
        version: 1,
        reportId,
        merchantNo: report.value.merchant_no,
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
        deliveredAt: null,
        ticket: null,
      };
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
}
