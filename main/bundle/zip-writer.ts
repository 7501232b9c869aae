import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/** One member as the zip stores it: its bytes already deflated (method 8) or stored as they are (method 0). */
export interface ZipMember {
  path: string;
  /** Size and CRC-32 of the member's own bytes. */
  bytes: number;
  crc32: number;
  method: 0 | 8;
  /** What goes into the zip after the local header: the deflated or stored bytes. */
  payload: { data: Buffer } | { file: string; bytes: number };
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Names are ASCII (MEMBER_PATH_PATTERN), flagged UTF-8 all the same, as the spec recommends. */
const FLAG_UTF8 = 0x0800;
const VERSION_NEEDED = 20;
/** Made by: Unix (3), spec 2.0, so the mode below is read as Unix permissions. */
const VERSION_MADE_BY = (3 << 8) | 20;
const FILE_MODE = 0o100644;
const MAX_32 = 0xffffffff;

/** MS-DOS date and time, from the UTC clock: the same instant gives the same bytes in every time zone. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The compressed form of a member the preview did not deflate while staging (or at another level). */
export async function deflateMember(source: Buffer | string, level: number): Promise<Buffer> {
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  return deflateRawSync(bytes, { level });
}

export const crcOf = (bytes: Buffer): number => crc32(bytes);

/**
 * Writes a zip of `members`, in order, to `path` (created, never overwritten): a local header with the
 * sizes and CRC already known (so no data descriptors), the payload copied as it is, then the central
 * directory. Nothing is compressed here: the preview did that while it staged. Returns the zip's size and
 * SHA-256 (the upload's Content-SHA256), hashed as written, after the file is flushed to disk.
 */
export async function writeZip(
  path: string,
  members: readonly ZipMember[],
  mtime: Date,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const handle = await open(path, 'wx', 0o600);
  let offset = 0;
  const write = async (chunk: Buffer) => {
    hash.update(chunk);
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, offset + done);
      done += bytesWritten;
    }
    offset += chunk.length;
  };
  try {
    const { time, date } = dosDateTime(mtime);
    const central: Buffer[] = [];
    for (const m of members) {
      const name = Buffer.from(m.path, 'utf8');
      const compressed = 'data' in m.payload ? m.payload.data.length : m.payload.bytes;
      if (m.bytes > MAX_32 || compressed > MAX_32 || offset > MAX_32) {
        throw new Error(`${m.path}: too large for a zip without ZIP64`);
      }
      const local = Buffer.alloc(30);
      local.writeUInt32LE(LOCAL_HEADER, 0);
      local.writeUInt16LE(VERSION_NEEDED, 4);
      local.writeUInt16LE(FLAG_UTF8, 6);
      local.writeUInt16LE(m.method, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(m.crc32 >>> 0, 14);
      local.writeUInt32LE(compressed, 18);
      local.writeUInt32LE(m.bytes, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const headerAt = offset;
      await write(Buffer.concat([local, name]));
      if ('data' in m.payload) await write(m.payload.data);
      else {
        let copied = 0;
        for await (const chunk of createReadStream(m.payload.file, { highWaterMark: 1024 * 1024 })) {
          copied += (chunk as Buffer).length;
          await write(chunk as Buffer);
        }
        if (copied !== compressed) throw new Error(`${m.path}: its staged file changed size`);
      }
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(CENTRAL_HEADER, 0);
      entry.writeUInt16LE(VERSION_MADE_BY, 4);
      entry.writeUInt16LE(VERSION_NEEDED, 6);
      entry.writeUInt16LE(FLAG_UTF8, 8);
      entry.writeUInt16LE(m.method, 10);
      entry.writeUInt16LE(time, 12);
      entry.writeUInt16LE(date, 14);
      entry.writeUInt32LE(m.crc32 >>> 0, 16);
      entry.writeUInt32LE(compressed, 20);
      entry.writeUInt32LE(m.bytes, 24);
      entry.writeUInt16LE(name.length, 28);
      // Extra field, comment, disk number start, internal attributes: all zero.
      entry.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
      entry.writeUInt32LE(headerAt, 42);
      central.push(entry, name);
    }
    const directory = Buffer.concat(central);
    const directoryAt = offset;
    await write(directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(members.length, 8);
    end.writeUInt16LE(members.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryAt, 16);
    await write(end);
    // Flushed before it is closed, so the rename that publishes it publishes complete bytes.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes: offset, sha256: hash.digest('hex') };
}
