import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * Writes one member's bytes to the staging area while hashing and counting them, so the manifest's
 * sha256 and size come from the very bytes the zip will hold. Waits on backpressure: a 50 MB HAR is
 * never all in memory at once.
 */
export class StagedFileWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  }

  async write(chunk: string | Buffer): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) return;
    this.hash.update(bytes);
    this.bytes += bytes.length;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<{ bytes: number; sha256: string }> {
    this.stream.end();
    await finished(this.stream);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** On failure: stop writing; the staging directory is removed as a whole. */
  abort(): void {
    this.stream.destroy();
  }
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
