import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { QUEUED_BYTES, readStaged, StagedFileWriter } from '../../../main/bundle/staged-file';

/**
 * writeLines encodes into chunks it uses again once the file and zlib are done with them: a chunk used
 * again too early would overwrite bytes not yet written or deflated. Every byte of the staged file and of
 * its deflated copy, and the size, SHA-256 and CRC-32, must be those of the lines as given.
 */
const root = mkdtempSync(join(tmpdir(), 'bt-staged-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Batch `i`: lines no other batch has (so a chunk overwritten early shows), some of them multi-byte. */
function batch(i: number): string[] {
  const lines: string[] = [];
  for (let j = 0; j < 40; j++) {
    lines.push(
      `{"batch":${i},"line":${j},"text":"${(i % 3 ? '白条分期' : 'plain').repeat(50 + ((i * 7 + j) % 400))}"}`,
    );
    lines.push(j % 2 ? ',\n' : '\n');
  }
  return lines;
}

describe('staging lines', () => {
  it('writes every line as given while it uses its chunks again', async () => {
    const allocations = vi.spyOn(Buffer, 'allocUnsafeSlow');
    const file = join(root, 'member');
    const writer = new StagedFileWriter(file, 6);
    const expected: string[] = [];
    const batches = 150;
    for (let i = 0; i < batches; i++) {
      const lines = batch(i);
      expected.push(...lines);
      await writer.writeLines(lines);
    }
    const result = await writer.close();
    const used = allocations.mock.calls.length;
    allocations.mockRestore();
    const bytes = Buffer.from(expected.join(''), 'utf8');
    // Only the deflated copy is written (readStaged inflates it, whole or its first part).
    expect(existsSync(file)).toBe(false);
    expect(inflateRawSync(readFileSync(`${file}.deflated`)).equals(bytes)).toBe(true);
    expect((await readStaged({ file: null, deflated: result.deflated })).equals(bytes)).toBe(true);
    const first = await readStaged({ file: null, deflated: result.deflated }, 100_000);
    expect(first.equals(bytes.subarray(0, 100_000))).toBe(true);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.crc32).toBe(crc32(bytes));
    // The chunks were used again, or this test would not test it: the batches hold several times the bytes
    // the streams queue, so the writer waited for them, and chunks done by then served later batches.
    expect(bytes.length).toBeGreaterThan(3 * 4 * 1024 * 1024);
    expect(used).toBeLessThan(batches);
  });

  it('holds at most QUEUED_BYTES for zlib after each write, and still writes every byte', async () => {
    // zlib is handed one chunk a turn of the event loop, so a queue allowed to grow stays long and the end of
    // the member waits for all of it (staged-file.ts, QUEUED_BYTES): the bound must hold after every write.
    const file = join(root, 'bounded');
    const writer = new StagedFileWriter(file, 6);
    const deflate = (writer as unknown as { deflate: { writableLength: number } }).deflate;
    const expected: string[] = [];
    let longest = 0;
    for (let i = 0; i < 60; i++) {
      // Big batches, written as fast as they come: zlib falls behind and the writer must wait.
      const lines = [...batch(i), ...batch(i + 1000), ...batch(i + 2000)];
      expected.push(...lines);
      await writer.writeLines(lines);
      longest = Math.max(longest, deflate.writableLength);
    }
    const result = await writer.close();
    const bytes = Buffer.from(expected.join(''), 'utf8');
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(QUEUED_BYTES);
    expect(inflateRawSync(readFileSync(`${file}.deflated`)).equals(bytes)).toBe(true);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reports a file it cannot write as an error of its writes or of close, never as a crash', async () => {
    for (const level of [6, null]) {
      const file = join(root, `taken-${level}`);
      // Staged files are created, never overwritten: one already there cannot be written.
      writeFileSync(level === null ? file : `${file}.deflated`, 'someone else’s');
      const writer = new StagedFileWriter(file, level);
      const failed = (async () => {
        for (let i = 0; i < 40; i++) await writer.writeLines(batch(i));
        await writer.close();
      })();
      await expect(failed).rejects.toThrow(/EEXIST/);
      writer.abort();
    }
  });

  it('reads a member stored as it is, whole or its first part', async () => {
    const file = join(root, 'stored');
    const bytes = Buffer.from('白条'.repeat(1000), 'utf8');
    writeFileSync(file, bytes);
    expect((await readStaged({ file, deflated: null })).equals(bytes)).toBe(true);
    expect((await readStaged({ file, deflated: null }, 10)).equals(bytes.subarray(0, 10))).toBe(true);
    await expect(readStaged({ file: null, deflated: null })).rejects.toThrow(/neither/);
  });
});
