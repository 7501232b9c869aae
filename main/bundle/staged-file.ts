import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { TransformOptions, Writable } from 'node:stream';
import { promisify } from 'node:util';
import {
  crc32,
  createDeflateRaw,
  createInflateRaw,
  inflateRaw,
  type DeflateRaw,
  type ZlibOptions,
} from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw);

/**
 * How many bytes may wait for the file and for deflate before a write waits, and then only until the oldest
 * chunk queued is done. With the streams' default (16 KB), every chunk of the HAR (256 KB) waited until zlib
 * had compressed all of it, so the main thread idled while the thread pool compressed and the two never
 * overlapped. zlib starts its next chunk only on a turn of the main thread's event loop, one chunk a turn,
 * and the writer turns the loop once a chunk: whenever zlib is late (the thread pool shares two cores with
 * V8's compiler and collector), the queue grows by a chunk and cannot shrink while redaction goes on. With
 * 4 MB allowed and a wait for 'drain' (the whole queue), the 50 MB HAR's preview stopped once for ~45 ms in
 * the middle, and again for ~30 ms at the end while zlib caught up. Two or three chunks' worth, and a wait
 * for one chunk, keep both short; and a producer that lets the loop turn between its chunks while zlib is
 * behind (catchUp, har-member.ts) keeps zlib from falling behind at all: the 50 MB HAR's preview waited in
 * the event loop 58 ms before, 5 ms after (medians of six runs), and took 4 % less time.
 */
export const QUEUED_BYTES = 640 * 1024;
/**
 * zlib's output buffer. Each time it fills, the thread pool hands back to the main thread and waits for
 * its next turn of the event loop; with the 16 KB default, a 256 KB chunk of text took three turns.
 */
const DEFLATE_CHUNK = 512 * 1024;
/** The most bytes UTF-8 needs for one UTF-16 code unit. */
const UTF8_PER_UNIT = 3;
/** writeLines' chunks are at least this big, so that one released fits the next (the HAR's need ~800 KB). */
const CHUNK_BYTES = 1024 * 1024;
/** Released chunks kept at most (QUEUED_BYTES bounds how many are in use). */
const SPARE_CHUNKS = 8;

/**
 * Lets the event loop turn once. The thread pool's finished work (a deflated chunk, a file write) is handed
 * back only on a turn of the loop, and the next chunk is started only then: a writer that never waits (its
 * queue is not full) would otherwise leave zlib idle until redaction is done, and the two would take turns
 * instead of running side by side.
 */
const turnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a staged member's file holds, and, when it was compressed while staged, where that copy is. */
export interface StagedFileResult {
  bytes: number;
  sha256: string;
  crc32: number;
  /** The raw-deflated copy (zip method 8) at `level`, ready to be copied into the zip as it is. */
  deflated: { file: string; bytes: number; level: number } | null;
}

/**
 * Writes one member's bytes to the staging area while hashing and counting them, so the manifest's
 * sha256 and size come from the very bytes the zip will hold. Waits on backpressure: a 50 MB HAR is
 * never all in memory at once.
 *
 * With `deflateLevel`, the bytes are deflated as they come and only the deflated copy is written: zlib runs
 * on libuv's thread pool, so on a machine with two cores the compression the zip needs happens while the
 * main thread is still redacting, and writing the bundle is then a copy. The bytes themselves are not kept
 * beside it: writing fifty megabytes to the disk cost the other core time the compression needed, and the
 * few readers of a staged member (the consent screen's first part, a full read) inflate it (readStaged).
 * Without `deflateLevel` (pictures, stored as they are), the bytes go to `file`.
 */
export class StagedFileWriter {
  private readonly stream: WriteStream | null;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private crc = 0;
  private readonly deflate: DeflateRaw | null;
  private readonly deflatedStream: WriteStream | null;
  private deflatedBytes = 0;
  /** Chunks the file and zlib are done with, to encode the next lines into (writeLines). */
  private readonly spare: Buffer[] = [];
  /** Where the bytes go: zlib, or the file itself (a member stored as it is). */
  private readonly sink: Writable;
  /** The writes the stream has not finished with, oldest first. */
  private readonly queued: Promise<void>[] = [];
  /**
   * The first error of the file, zlib or the deflated copy (a full disk, a file already there): every later
   * write and close throws it. Without a listener an error event would end the whole process, and a write
   * waiting for a stream that failed would wait for ever.
   */
  private failure: Error | null = null;
  private readonly failed: Promise<never>;

  constructor(
    readonly file: string,
    private readonly deflateLevel: number | null = null,
  ) {
    if (deflateLevel === null) {
      this.stream = createWriteStream(file, { flags: 'wx', mode: 0o600, highWaterMark: QUEUED_BYTES });
      this.deflate = null;
      this.deflatedStream = null;
    } else {
      this.stream = null;
      // zlib's streams take a Transform's options too (@types/node's ZlibOptions leaves them out).
      const options: ZlibOptions & TransformOptions = {
        level: deflateLevel,
        highWaterMark: QUEUED_BYTES,
        chunkSize: DEFLATE_CHUNK,
      };
      this.deflate = createDeflateRaw(options);
      this.deflatedStream = createWriteStream(`${file}.deflated`, { flags: 'wx', mode: 0o600 });
      this.deflate.on('data', (chunk: Buffer) => {
        this.deflatedBytes += chunk.length;
        if (!this.deflatedStream!.write(chunk)) {
          this.deflate!.pause();
          this.deflatedStream!.once('drain', () => this.deflate!.resume());
        }
      });
    }
    this.sink = (this.deflate ?? this.stream)!;
    let reject!: (error: Error) => void;
    this.failed = new Promise<never>((_, no) => (reject = no));
    // Observed where it is raced; never an unhandled rejection of its own.
    this.failed.catch(() => {});
    const fail = (error: Error) => {
      if (this.failure) return;
      this.failure = error;
      reject(error);
    };
    for (const stream of [this.stream, this.deflate, this.deflatedStream]) stream?.on('error', fail);
  }

  async write(chunk: string | Buffer): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) return;
    await this.take(bytes, null);
  }

  /**
   * Lines of text as UTF-8, each encoded straight into one chunk (joining them first would copy them once
   * more). The chunk's memory is used again once the file and zlib are done with it: fresh memory costs
   * the system a page fault every 4 KB, and a 50 MB member would take 50 MB of it.
   */
  async writeLines(lines: readonly string[]): Promise<void> {
    let chars = 0;
    for (const line of lines) chars += line.length;
    if (chars === 0) return;
    const size = chars * UTF8_PER_UNIT;
    const at = this.spare.findIndex((b) => b.length >= size);
    const chunk =
      at === -1 ? Buffer.allocUnsafeSlow(Math.max(size, CHUNK_BYTES)) : this.spare.splice(at, 1)[0]!;
    let length = 0;
    for (const line of lines) length += chunk.write(line, length, 'utf8');
    if (length === 0) return this.release(chunk);
    await this.take(chunk.subarray(0, length), chunk);
  }

  /**
   * Lets the event loop turn when zlib still has chunks queued: it is handed its next chunk only on a turn,
   * and one turn a chunk lets it fall behind for good (see QUEUED_BYTES).
   */
  async catchUp(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.sink.writableLength > 0) await turnOfTheLoop();
  }

  private release(chunk: Buffer): void {
    if (this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
  }

  /**
   * Hashes `bytes` and hands them to the file or to zlib; `chunk` (theirs) is released once it is done with
   * them. With more than QUEUED_BYTES queued, waits until the oldest chunk queued is done: not until all are
   * ('drain'), see QUEUED_BYTES.
   */
  private async take(bytes: Buffer, chunk: Buffer | null): Promise<void> {
    if (this.failure) throw this.failure;
    this.hash.update(bytes);
    this.crc = crc32(bytes, this.crc);
    this.bytes += bytes.length;
    const target = this.sink;
    // Settles when the stream no longer needs the bytes (an error settles it too: close() reports the error).
    const taken = new Promise<void>((resolve) =>
      target.write(bytes, (error?: Error | null) => {
        if (!error && chunk) this.release(chunk);
        resolve();
      }),
    );
    this.queued.push(taken);
    void taken.then(() => this.queued.shift());
    if (target.writableLength <= QUEUED_BYTES) return turnOfTheLoop();
    while (target.writableLength > QUEUED_BYTES && this.queued.length > 0) {
      await Promise.race([this.queued[0], this.failed]);
    }
  }

  async close(): Promise<StagedFileResult> {
    const done: Promise<unknown>[] = [];
    if (this.stream) {
      this.stream.end();
      done.push(finished(this.stream));
    }
    if (this.deflate && this.deflatedStream) {
      const deflatedStream = this.deflatedStream;
      this.deflate.end();
      done.push(
        finished(this.deflate).then(() => deflatedStream.end()),
        finished(deflatedStream),
      );
    }
    await Promise.race([Promise.all(done), this.failed]);
    return {
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      crc32: this.crc,
      deflated:
        this.deflateLevel === null
          ? null
          : { file: `${this.file}.deflated`, bytes: this.deflatedBytes, level: this.deflateLevel },
    };
  }

  /** On failure: stop writing; the staging directory is removed as a whole. */
  abort(): void {
    this.stream?.destroy();
    this.deflate?.destroy();
    this.deflatedStream?.destroy();
  }
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A staged member's bytes: as written (`file`), or inflated from the deflated copy, whole or the first `limit`. */
export async function readStaged(
  staged: { file: string | null; deflated: StagedFileResult['deflated'] },
  limit = Infinity,
): Promise<Buffer> {
  if (staged.file) {
    if (limit === Infinity) return readFile(staged.file);
    const handle = await open(staged.file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(limit, (await handle.stat()).size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  if (!staged.deflated) throw new Error('a staged member has neither its bytes nor a deflated copy');
  // The deflated copy is a seventh of the bytes (7 MB for a 50 MB HAR): read whole, inflated as far as asked.
  const compressed = await readFile(staged.deflated.file);
  if (limit === Infinity) return inflateRawAsync(compressed);
  const inflate = createInflateRaw();
  inflate.end(compressed);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    // Only what was asked for: the consent screen shows the first quarter megabyte of a 50 MB HAR.
    if (length >= limit) break;
  }
  const all = Buffer.concat(chunks, length);
  return limit < all.length ? all.subarray(0, limit) : all;
}
