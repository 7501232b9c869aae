import { open, stat } from 'node:fs/promises';

/**
 * Reads a file the user pointed at, refusing before reading when it cannot be a config file: a
 * directory, a device or pipe (reading /dev/zero or a FIFO would never end), or something larger than
 * the limit (checked with stat first, then enforced while reading in case the file grows meanwhile).
 */

export type FileReadProblem =
  | { kind: 'invalid-path' }
  | { kind: 'not-found' }
  | { kind: 'unreadable'; errno: string }
  | { kind: 'directory' }
  | { kind: 'not-regular' }
  | { kind: 'too-large'; bytes: number };

export type FileReadResult = { ok: true; bytes: Buffer } | { ok: false; problem: FileReadProblem };

export async function readBoundedFile(path: string, maxBytes: number): Promise<FileReadResult> {
  if (typeof path !== 'string' || path.trim() === '' || path.includes('\u0000')) {
    return { ok: false, problem: { kind: 'invalid-path' } };
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, problem: { kind: 'directory' } };
    if (!info.isFile()) return { ok: false, problem: { kind: 'not-regular' } };
    size = info.size;
  } catch (error) {
    return { ok: false, problem: problemFromErrno(error) };
  }
  if (size > maxBytes) return { ok: false, problem: { kind: 'too-large', bytes: size } };

  try {
    const handle = await open(path, 'r');
    try {
      // One byte more than allowed tells a file that grew past the limit from one that is exactly at it.
      const buffer = Buffer.alloc(maxBytes + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled > maxBytes) return { ok: false, problem: { kind: 'too-large', bytes: filled } };
      }
      return { ok: true, bytes: buffer.subarray(0, filled) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, problem: problemFromErrno(error) };
  }
}

function problemFromErrno(error: unknown): FileReadProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { kind: 'not-found' };
    case 'EISDIR':
      return { kind: 'directory' };
    case 'ENAMETOOLONG':
    case 'EINVAL':
      return { kind: 'invalid-path' };
    default:
      return { kind: 'unreadable', errno: code };
  }
}
